"""Resident ID numbers, credit codes and mobile numbers: check characters computed independently."""

from __future__ import annotations

from datetime import date

import pytest

from app.accounts.identity import (
    birth_date_of,
    gender_of,
    mask_resident_id,
    normalise_credit_code,
    normalise_phone,
    normalise_resident_id,
    validate_credit_code,
    validate_phone,
    validate_resident_id,
)

TODAY = date(2025, 6, 1)


def id_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 written from its definition (weights 2^(17-i) mod 11), not the table."""
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def make_id(first17: str) -> str:
    return first17 + id_check(first17)


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc_check(first17: str) -> str:
    """MOD 31 with weights 3^i mod 31, from the definition rather than the table."""
    total = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return USCC_CHARS[(31 - total % 31) % 31]


def make_uscc(first17: str) -> str:
    return first17 + uscc_check(first17)


# -- resident ID -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first17",
    ["50010319900307123", "11010119800101001", "44030420001229456", "65010219010101998", "83000019850615002"],
)
def test_generated_ids_are_valid(first17):
    assert validate_resident_id(make_id(first17), today=TODAY) is None


def test_generated_ids_cover_the_x_check_character():
    # Walk sequence codes until one needs X, so the X path is exercised by a computed number.
    with_x = next(
        make_id(f"500103199003071{n:02d}") for n in range(100) if id_check(f"500103199003071{n:02d}") == "X"
    )
    assert with_x.endswith("X")
    assert validate_resident_id(with_x, today=TODAY) is None
    assert validate_resident_id(with_x.lower(), today=TODAY) is None


def test_standard_example_from_gb_11643():
    assert validate_resident_id("11010519491231002X", today=TODAY) is None
    assert birth_date_of("11010519491231002X") == date(1949, 12, 31)
    assert gender_of("11010519491231002X") == "女"


def test_lowercase_x_and_spaces_are_normalised():
    assert normalise_resident_id(" 110105 19491231 002x ") == "11010519491231002X"
    assert normalise_resident_id("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"
    assert validate_resident_id("11010519491231002x", today=TODAY) is None


def test_wrong_check_digit():
    assert validate_resident_id("110105194912310021", today=TODAY) == "身份证号码校验位不正确，请核对后重新输入"


@pytest.mark.parametrize("value", ["11010519491231002", "11010519491231002X1", "110105491231002"])
def test_wrong_length(value):
    assert validate_resident_id(value, today=TODAY) == "身份证号码应为18位"


def test_empty_and_malformed():
    assert validate_resident_id("", today=TODAY) == "请输入身份证号码"
    assert "格式不正确" in validate_resident_id("1101051949123100XX", today=TODAY)
    assert "格式不正确" in validate_resident_id("11010519491231A02X", today=TODAY)


def test_unknown_province():
    assert validate_resident_id(make_id("99010519491231002"), today=TODAY) == "身份证号码中的地区代码不正确"
    assert validate_resident_id(make_id("10010519491231002"), today=TODAY) == "身份证号码中的地区代码不正确"


@pytest.mark.parametrize(
    "birth",
    [
        "20230230",  # 30 February
        "19901301",  # month 13
        "18991231",  # before 1900
        "20250602",  # the day after TODAY
    ],
)
def test_bad_birth_dates(birth):
    number = make_id(f"500103{birth}123")
    assert validate_resident_id(number, today=TODAY) == "身份证号码中的出生日期不正确"


def test_born_today_and_leap_day_are_accepted():
    assert validate_resident_id(make_id("50010320250601123"), today=TODAY) is None
    assert validate_resident_id(make_id("50010320000229123"), today=TODAY) is None


def test_gender_birth_date_and_mask():
    male = make_id("50010319900307123")  # 17th digit 3: odd
    female = make_id("50010319900307124")
    assert gender_of(male) == "男"
    assert gender_of(female) == "女"
    assert birth_date_of(male) == date(1990, 3, 7)
    assert mask_resident_id("11010519491231002x") == "110***********002X"
    assert len(mask_resident_id(male)) == 18
    with pytest.raises(ValueError):
        birth_date_of("500103199002301234")


# -- unified social credit code --------------------------------------------------------------


@pytest.mark.parametrize(
    "first17",
    ["91500103MA5U0XYW0", "12500000450414267", "51110000500000812", "Y1500103MA60ABCD1", "92500103L12345678"],
)
def test_generated_credit_codes_are_valid(first17):
    assert validate_credit_code(make_uscc(first17)) is None


def test_commonly_cited_example():
    assert validate_credit_code("91350100M000100Y43") is None


def test_credit_code_is_normalised():
    assert normalise_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"
    assert validate_credit_code("91350100m000100y43") is None


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_forbidden_letters(letter):
    code = "91350100M000100Y43"
    bad = code[:9] + letter + code[10:]
    assert validate_credit_code(bad) == "统一社会信用代码含有无效字符（不使用I、O、Z、S、V）"


def test_wrong_check_character():
    assert validate_credit_code("91350100M000100Y44") == "统一社会信用代码校验位不正确，请核对后重新输入"
    # Every other check character is rejected, too.
    for c in USCC_CHARS.replace("3", ""):
        assert validate_credit_code("91350100M000100Y4" + c) is not None


def test_credit_code_length_authority_and_region():
    assert validate_credit_code("91350100M000100Y4") == "统一社会信用代码应为18位"
    assert validate_credit_code("") == "请输入统一社会信用代码"
    assert validate_credit_code(make_uscc("H1350100M000100Y4")) == "统一社会信用代码中的登记管理部门代码不正确"
    assert "行政区划代码" in validate_credit_code(make_uscc("9135A100M000100Y4"))


# -- mobile ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["13800138000", "19912345678", "16600001111"])
def test_valid_mobiles(value):
    assert validate_phone(value) is None


@pytest.mark.parametrize(
    "value",
    ["", "12800138000", "1380013800", "138001380001", "02363850000", "1380013800a", "138 0013 8000", "１３８００１３８０００"],
)
def test_invalid_mobiles(value):
    assert validate_phone(value) == "请输入11位手机号码"


@pytest.mark.parametrize("value", ["138 0013 8000", "+86 138-0013-8000", "0086 13800138000", "１３８００１３８０００"])
def test_normalised_mobiles_pass(value):
    assert normalise_phone(value) == "13800138000"
    assert validate_phone(normalise_phone(value)) is None
