"""Identity numbers people type into the portal: resident ID, unified social credit code, mobile.

Pure functions, no I/O. `validate_*` return None when the value is acceptable, else the message to
show (in Chinese, as a government portal writes it). The ID and credit-code validators normalise
first, so callers should store `normalise_*(value)`, not the raw input; `validate_phone` checks the
value exactly as given (a phone number is a sign-in key), so normalise it first if you want to.

- Resident ID number (居民身份证号码), GB 11643-1999: 6-digit address code, 8-digit birth date,
  3-digit sequence (odd = male), check character by ISO 7064 MOD 11-2.
- Unified social credit code (统一社会信用代码), GB 32100-2015: registration authority, type,
  6-digit division code, 9-character subject code, check character by MOD 31.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from app.clock import CHINA_TZ

# -- resident ID number (GB 11643-1999) ------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")

# First two digits: province-level division codes of GB/T 2260, plus 71 Taiwan, 81 Hong Kong and
# 82 Macao, which also open the residence-permit numbers of Hong Kong, Macao (810000/820000) and
# Taiwan (830000) residents; those permits use the same 18-character scheme.
_PROVINCES = frozenset(
    [*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66)]
    + [71, 81, 82, 83]
)

_EARLIEST_BIRTH = date(1900, 1, 1)

# The portal shows masked ID numbers as the first 3 and last 4 characters: "500***********123X".
_MASK_HEAD, _MASK_TAIL = 3, 4


def _squash(value: str) -> str:
    """Full-width to half-width (IME input), drop every kind of space, upper-case."""
    return "".join(unicodedata.normalize("NFKC", value or "").split()).upper()


def normalise_resident_id(value: str) -> str:
    """Strip spaces (including full-width ones) and write a lowercase x as X."""
    return _squash(value)


def _id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def _birth_date(normalised: str) -> date | None:
    try:
        return datetime.strptime(normalised[6:14], "%Y%m%d").date()
    except ValueError:
        return None


def validate_resident_id(value: str, today: date | None = None) -> str | None:
    """None when `value` is a well-formed resident ID number, else why not."""
    number = normalise_resident_id(value)
    if not number:
        return "请输入身份证号码"
    if len(number) != 18:
        return "身份证号码应为18位"
    if not _ID_SHAPE.fullmatch(number):
        return "身份证号码格式不正确，前17位应为数字，最后一位为数字或X"
    if int(number[:2]) not in _PROVINCES:
        return "身份证号码中的地区代码不正确"
    born = _birth_date(number)
    today = today or datetime.now(CHINA_TZ).date()
    if born is None or not _EARLIEST_BIRTH <= born <= today:
        return "身份证号码中的出生日期不正确"
    if _id_check_char(number[:17]) != number[17]:
        return "身份证号码校验位不正确，请核对后重新输入"
    return None


def birth_date_of(resident_id: str) -> date:
    """The birth date carried in digits 7-14; ValueError if there is none."""
    born = _birth_date(normalise_resident_id(resident_id))
    if born is None:
        raise ValueError("resident ID number carries no valid birth date")
    return born


def gender_of(resident_id: str) -> str:
    """"男" when the 17th digit (sequence code) is odd, "女" when even."""
    number = normalise_resident_id(resident_id)
    if len(number) != 18 or number[16] not in "0123456789":
        raise ValueError("not an 18-character resident ID number")
    return "男" if int(number[16]) % 2 else "女"


def mask_resident_id(resident_id: str) -> str:
    """Show only the first 3 and last 4 characters, e.g. "500***********123X"."""
    number = normalise_resident_id(resident_id)
    if len(number) <= _MASK_HEAD + _MASK_TAIL:
        return "*" * len(number)
    hidden = len(number) - _MASK_HEAD - _MASK_TAIL
    return number[:_MASK_HEAD] + "*" * hidden + number[-_MASK_TAIL:]


# -- unified social credit code (GB 32100-2015) ----------------------------------------------

# 31 characters: digits and capitals without I, O, Z, S, V (too easily misread).
_USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(_USCC_CHARSET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Registration authority (登记管理部门): the standard's table names 1 机构编制, 5 民政, 9 工商 and
# Y 其他; codes assigned since (2 外交 … 8 工会, A-G, N 农业) are in use, so they are accepted too.
_USCC_AUTHORITIES = frozenset("123456789ABCDEFGNY")


def normalise_credit_code(value: str) -> str:
    """Strip spaces (including full-width ones) and upper-case."""
    return _squash(value)


def _uscc_check_char(first17: str) -> str:
    remainder = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS)) % 31
    return _USCC_CHARSET[(31 - remainder) % 31]


def validate_credit_code(value: str) -> str | None:
    """None when `value` is a well-formed unified social credit code, else why not.

    The embedded organisation code's own check character (GB 11714) is not verified: codes
    issued to individual businesses do not all follow it, and the final check covers typos.
    """
    code = normalise_credit_code(value)
    if not code:
        return "请输入统一社会信用代码"
    if len(code) != 18:
        return "统一社会信用代码应为18位"
    if any(c not in _USCC_VALUE for c in code):
        return "统一社会信用代码含有无效字符（不使用I、O、Z、S、V）"
    if code[0] not in _USCC_AUTHORITIES:
        return "统一社会信用代码中的登记管理部门代码不正确"
    if not code[2:8].isdigit():
        return "统一社会信用代码第3至8位应为行政区划代码（6位数字）"
    if _uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确，请核对后重新输入"
    return None


# -- mainland mobile number ------------------------------------------------------------------

_MOBILE = re.compile(r"1[3-9][0-9]{9}")


def normalise_phone(value: str) -> str:
    """Drop spaces and hyphens, and a leading +86 / 0086 country code."""
    digits = _squash(value).replace("-", "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            return digits[len(prefix):]
    return digits


def validate_phone(value: str) -> str | None:
    """None for an 11-digit mainland mobile number (1 then 3-9), else the prompt to retype it.

    No normalising here: callers use the value as an account key, so "138 0013 8000" must not
    pass and then be stored with its spaces. Call `normalise_phone` first to be lenient.
    """
    if not _MOBILE.fullmatch(value or ""):
        return "请输入11位手机号码"
    return None
