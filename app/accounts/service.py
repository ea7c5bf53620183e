"""Accounts: citizens found or created by phone, real-name profiles, companies, staff."""

from __future__ import annotations

import datetime

from piccolo.engine.base import Engine

from app.accounts import identity
from app.accounts.passwords import DUMMY_HASH, hash_password, verify_password
from app.accounts.sessions import ACCOUNT_FIELDS, CurrentAccount, account_from_row
from app.db.engine import fetch

STAFF_ROLES = ("clerk", "reviewer", "supervisor", "admin")


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


async def citizen_by_phone(engine: Engine, phone: str) -> int:
    """The citizen account for this phone, created on first sign-in."""
    async with engine.transaction():
        rows = await fetch(engine, "SELECT id FROM account WHERE phone = {}", phone)
        if rows:
            return rows[0]["id"]
        created = await fetch(
            engine,
            "INSERT INTO account (kind, phone, username, password_hash, role, name, resident_id, verified_at, "
            "region_code, departments, hall_id, created_at, disabled) "
            "VALUES ('citizen', {}, NULL, NULL, 'citizen', NULL, NULL, NULL, NULL, '', NULL, {}, {}) RETURNING id",
            phone, _now(), False,
        )
        return created[0]["id"]


async def get(engine: Engine, account_id: int) -> CurrentAccount | None:
    rows = await fetch(engine, f"SELECT {ACCOUNT_FIELDS} FROM account a WHERE a.id = {{}}", account_id)
    return account_from_row(rows[0]) if rows else None


async def set_real_name(engine: Engine, account_id: int, name: str, resident_id: str) -> dict[str, str]:
    """Check and store the real-name identity; returns field errors in Chinese (empty when saved)."""
    errors: dict[str, str] = {}
    name = name.strip()
    if not name:
        errors["name"] = "请输入姓名"
    elif len(name) > 30:
        errors["name"] = "姓名不能超过30个字"
    resident_id = identity.normalise_resident_id(resident_id)
    problem = identity.validate_resident_id(resident_id)
    if problem:
        errors["resident_id"] = problem
    if errors:
        return errors
    await fetch(
        engine, "UPDATE account SET name = {}, resident_id = {}, verified_at = {} WHERE id = {}",
        name, resident_id, _now(), account_id,
    )
    return {}


async def companies_of(engine: Engine, account_id: int) -> list[dict]:
    return await fetch(
        engine,
        "SELECT c.id, c.name, c.credit_code, c.legal_rep, m.role FROM company_member m "
        "JOIN company c ON c.id = m.company_id WHERE m.account_id = {} ORDER BY c.name",
        account_id,
    )


async def add_company(
    engine: Engine, account_id: int, name: str, credit_code: str, legal_rep: str, role: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    name, legal_rep = name.strip(), legal_rep.strip()
    if not name:
        errors["company_name"] = "请输入企业名称"
    elif len(name) > 100:
        errors["company_name"] = "企业名称不能超过100个字"
    credit_code = identity.normalise_credit_code(credit_code)
    problem = identity.validate_credit_code(credit_code)
    if problem:
        errors["credit_code"] = problem
    if not legal_rep:
        errors["legal_rep"] = "请输入法定代表人姓名"
    elif len(legal_rep) > 30:
        errors["legal_rep"] = "法定代表人姓名不能超过30个字"
    if role not in ("legal_rep", "agent"):
        errors["role"] = "请选择您与企业的关系"
    if errors:
        return errors
    async with engine.transaction():
        me = await fetch(engine, "SELECT name, verified_at FROM account WHERE id = {}", account_id)
        rows = await fetch(engine, "SELECT id, name, legal_rep FROM company WHERE credit_code = {}", credit_code)
        if rows and (rows[0]["name"] != name or rows[0]["legal_rep"] != legal_rep):
            return {"credit_code": "该统一社会信用代码已登记，企业名称或法定代表人与登记信息不一致，请核对"}
        if role == "legal_rep" and (not me or me[0]["verified_at"] is None or me[0]["name"] != legal_rep):
            return {"role": "只有法定代表人本人（实名信息与法定代表人姓名一致）可以选择“法定代表人”"}
        if rows:
            company_id = rows[0]["id"]
        else:
            company_id = (await fetch(
                engine,
                "INSERT INTO company (name, credit_code, legal_rep, created_at) VALUES ({}, {}, {}, {}) RETURNING id",
                name, credit_code, legal_rep, _now(),
            ))[0]["id"]
        member = await fetch(
            engine, "SELECT 1 AS x FROM company_member WHERE company_id = {} AND account_id = {}",
            company_id, account_id,
        )
        if not member:
            await fetch(
                engine,
                "INSERT INTO company_member (company_id, account_id, role, created_at) VALUES ({}, {}, {}, {})",
                company_id, account_id, role, _now(),
            )
    return {}


async def add_staff(
    engine: Engine, *, username: str, password: str, role: str, name: str, region_code: str,
    departments: tuple[str, ...] = (), hall_id: int | None = None,
) -> int:
    if role not in STAFF_ROLES:
        raise ValueError(f"role must be one of {', '.join(STAFF_ROLES)}")
    async with engine.transaction():
        existing = await fetch(engine, "SELECT id FROM account WHERE username = {}", username)
        fields = (hash_password(password), role, name, region_code, " ".join(departments), hall_id)
        if existing:
            await fetch(
                engine,
                "UPDATE account SET password_hash = {}, role = {}, name = {}, region_code = {}, departments = {}, "
                "hall_id = {} WHERE id = {}",
                *fields, existing[0]["id"],
            )
            return existing[0]["id"]
        rows = await fetch(
            engine,
            "INSERT INTO account (kind, phone, username, password_hash, role, name, resident_id, verified_at, "
            "region_code, departments, hall_id, created_at, disabled) "
            "VALUES ('staff', NULL, {}, {}, {}, {}, NULL, NULL, {}, {}, {}, {}, {}) RETURNING id",
            username, *fields, _now(), False,
        )
        return rows[0]["id"]


FAILURE_WINDOW = datetime.timedelta(minutes=15)
FAILURES_PER_USER = 5
FAILURES_PER_IP = 30


async def staff_signin_blocked(engine: Engine, username: str, ip: str) -> bool:
    since = _now() - FAILURE_WINDOW
    rows = await fetch(
        engine,
        "SELECT sum(CASE WHEN username = {} THEN 1 ELSE 0 END) AS by_user, count(*) AS by_ip "
        "FROM login_failure WHERE (username = {} OR ip = {}) AND at > {}",
        username, username, ip, since,
    )
    return (rows[0]["by_user"] or 0) >= FAILURES_PER_USER or (rows[0]["by_ip"] or 0) >= FAILURES_PER_IP


async def record_staff_failure(engine: Engine, username: str, ip: str) -> None:
    await fetch(engine, "INSERT INTO login_failure (username, ip, at) VALUES ({}, {}, {})", username, ip, _now())


async def check_staff_password(engine: Engine, username: str, password: str) -> int | None:
    rows = await fetch(
        engine, "SELECT id, password_hash, disabled FROM account WHERE kind = 'staff' AND username = {}", username
    )
    if not rows:
        verify_password(DUMMY_HASH, password)
        return None
    row = rows[0]
    if not verify_password(row["password_hash"], password) or row["disabled"]:
        return None
    return row["id"]
