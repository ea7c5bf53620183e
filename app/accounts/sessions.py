"""Server-side sessions in the database: a random token in an HttpOnly cookie, its hash as the key.

Sign-in always makes a new token (rotation); sessions end after IDLE without a request or after
LIFETIME in all; `last_seen` is written at most once a minute so reading a page stays a read.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from piccolo.engine.base import Engine

from app.clock import stored_moment
from app.db.engine import fetch

COOKIE = "kb_session"
IDLE = datetime.timedelta(minutes=30)
LIFETIME = datetime.timedelta(hours=12)
TOUCH_EVERY = datetime.timedelta(minutes=1)
EXPIRED_GRACE = datetime.timedelta(hours=1)  # how long an expired session is still recognised (never signed in)


@dataclass(frozen=True, slots=True)
class CurrentAccount:
    id: int
    kind: str
    role: str
    phone: str | None
    username: str | None
    name: str | None
    resident_id: str | None
    verified: bool
    region_code: str | None
    departments: tuple[str, ...]
    hall_id: int | None

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.phone:
            return self.phone[:3] + "****" + self.phone[-4:]
        return self.username or ""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)



async def create(engine: Engine, account_id: int, old_token: str | None = None) -> str:
    token = secrets.token_urlsafe(32)
    now = _now()
    async with engine.transaction():
        if old_token:
            await fetch(engine, "DELETE FROM user_session WHERE token_hash = {}", _hash(old_token))
        await fetch(
            engine,
            "INSERT INTO user_session (token_hash, account_id, created_at, last_seen) VALUES ({}, {}, {}, {})",
            _hash(token), account_id, now, now,
        )
    return token


async def destroy(engine: Engine, token: str) -> None:
    await fetch(engine, "DELETE FROM user_session WHERE token_hash = {}", _hash(token))


ACCOUNT_FIELDS = (
    "a.id, a.kind, a.role, a.phone, a.username, a.name, a.resident_id, a.verified_at, a.region_code, "
    "a.departments, a.hall_id, a.disabled"
)


def account_from_row(row: dict) -> CurrentAccount:
    return CurrentAccount(
        id=row["id"], kind=row["kind"], role=row["role"], phone=row["phone"], username=row["username"],
        name=row["name"], resident_id=row["resident_id"], verified=row["verified_at"] is not None,
        region_code=row["region_code"], departments=tuple((row["departments"] or "").split()),
        hall_id=row["hall_id"],
    )


async def load(engine: Engine, token: str | None) -> CurrentAccount | None:
    """The signed-in account, or None when the token is unknown, idle too long or too old."""
    return (await load_or_expired(engine, token))[0]


async def load_or_expired(engine: Engine, token: str | None) -> tuple[CurrentAccount | None, int | None]:
    """(the signed-in account, None), or (None, the account id) when this very session just expired
    (so what its browser was posting can be kept for that account), or (None, None)."""
    if not token or len(token) > 100:
        return None, None
    rows = await fetch(
        engine,
        f"SELECT s.created_at, s.last_seen, {ACCOUNT_FIELDS} FROM user_session s "
        "JOIN account a ON a.id = s.account_id WHERE s.token_hash = {}",
        _hash(token),
    )
    if not rows or rows[0]["disabled"]:
        return None, None
    row = rows[0]
    now = _now()
    last_seen = stored_moment(row["last_seen"])
    if now - last_seen > IDLE or now - stored_moment(row["created_at"]) > LIFETIME:
        if now - last_seen > IDLE + EXPIRED_GRACE:
            await destroy(engine, token)
            return None, None
        return None, row["id"]  # expired, but known for a while: its last posts can still be kept
    if now - last_seen > TOUCH_EVERY:
        await fetch(engine, "UPDATE user_session SET last_seen = {} WHERE token_hash = {}", now, _hash(token))
    return account_from_row(row), None
