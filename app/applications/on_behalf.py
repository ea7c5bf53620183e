"""帮办代办: a clerk applies for a walk-in applicant, who can follow the case online afterwards.

The applicant is found by mobile number with the real name and ID the clerk has just checked against
the ID card. A phone with no real-name record yet is only given one after the applicant reads out a
code sent to it (a mistyped number must not hand a stranger's account this person's identity). A
company matter names the company too. The draft is the clerk's until it is submitted; the case
belongs to the applicant and says who entered it."""

from __future__ import annotations

from piccolo.engine.base import Engine

from app.accounts import identity
from app.accounts import service as accounts
from app.db.engine import fetch


async def find(engine: Engine, phone: str, name: str, resident_id: str) -> tuple[int | None, dict[str, str]]:
    """The applicant's account when the phone's real-name record is this person; None when the phone
    has no real-name record yet (the applicant must then prove the phone is theirs); or field errors."""
    errors: dict[str, str] = {}
    phone = identity.normalise_phone(phone or "")
    problem = identity.validate_phone(phone)
    if problem:
        errors["phone"] = problem
    name = (name or "").strip()
    if not name:
        errors["name"] = "请输入申请人姓名"
    elif len(name) > 30:
        errors["name"] = "姓名不能超过30个字"
    resident_id = identity.normalise_resident_id(resident_id or "")
    problem = identity.validate_resident_id(resident_id)
    if problem:
        errors["resident_id"] = problem
    if errors:
        return None, errors
    rows = await fetch(engine, "SELECT id, kind, name, resident_id FROM account WHERE phone = {}", phone)
    if rows and rows[0]["kind"] != "citizen":
        return None, {"phone": "该手机号已用于工作人员账号，请使用申请人本人的手机号"}
    if rows and rows[0]["resident_id"]:
        if rows[0]["resident_id"] != resident_id or rows[0]["name"] != name:
            return None, {"resident_id": "该手机号已实名登记的姓名或身份证号与所填不一致，请核对申请人身份证件"}
        return rows[0]["id"], {}
    taken = await fetch(engine, "SELECT id FROM account WHERE resident_id = {}", resident_id)
    if taken:
        return None, {"phone": "该身份证号已绑定其他手机号，请使用申请人实名登记的手机号"}
    return None, {}


async def register(engine: Engine, phone: str, name: str, resident_id: str) -> tuple[int | None, dict[str, str]]:
    """Give the phone (just proven by a code the applicant read out) this real-name record."""
    account_id = await accounts.citizen_by_phone(engine, identity.normalise_phone(phone))
    errors = await accounts.set_real_name(engine, account_id, name, resident_id)
    return (None if errors else account_id), errors


async def company(engine: Engine, account_id: int, applicant_name: str, name: str, credit_code: str,
                  legal_rep: str) -> tuple[int | None, dict[str, str]]:
    """The company the walk-in applies for (added to their companies), or field errors."""
    role = "legal_rep" if legal_rep.strip() == applicant_name.strip() else "agent"
    errors = await accounts.add_company(engine, account_id, name, credit_code, legal_rep, role)
    if errors:
        return None, errors
    rows = await fetch(engine, "SELECT id FROM company WHERE credit_code = {}", identity.normalise_credit_code(credit_code))
    return rows[0]["id"], {}
