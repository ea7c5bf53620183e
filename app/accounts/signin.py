"""One-time sign-in codes by SMS: expiry, single use, attempt and rate limits, constant-time checks."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from piccolo.engine.base import Engine

from app.clock import stored_moment
from app.db.engine import fetch
from app.outbox import queue_sms

CODE_TTL = datetime.timedelta(minutes=5)
MAX_ATTEMPTS = 5
PHONE_GAP = datetime.timedelta(seconds=60)
PHONE_PER_HOUR = 5
IP_PER_HOUR = 20


@dataclass(frozen=True, slots=True)
class CodeResult:
    ok: bool
    message: str = ""
    wait_seconds: int = 0


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _digest(secret: str, phone: str, code: str, purpose: str) -> str:
    """The stored form of a code: bound to its phone and its purpose (a code read out at a service
    window to prove a phone can never sign anybody in)."""
    return hmac.new(secret.encode(), f"{purpose}:{phone}:{code}".encode(), hashlib.sha256).hexdigest()


LOGIN_TEXT = "【快办】您的登录验证码为{code}，5分钟内有效。如非本人操作，请忽略本短信。"


async def request_code(engine: Engine, secret: str, phone: str, ip: str, text: str = LOGIN_TEXT,
                       purpose: str = "login") -> CodeResult:
    """Issue a code (the SMS leaves through the outbox) unless the phone or the IP is over its limit.

    `text` says what the code is for, `purpose` binds it to that use only ("login", or "window" for
    a phone proven at a service window; `ip` is then the clerk, so a hall's terminals share no limit)."""
    now = _now()
    hour_ago = now - datetime.timedelta(hours=1)
    async with engine.transaction():
        recent = await fetch(
            engine,
            "SELECT created_at FROM otp_code WHERE phone = {} AND created_at > {} ORDER BY created_at DESC",
            phone, hour_ago,
        )
        if recent:
            last = stored_moment(recent[0]["created_at"])
            if now - last < PHONE_GAP:
                wait = int((PHONE_GAP - (now - last)).total_seconds()) + 1
                return CodeResult(False, f"验证码已发送，请{wait}秒后再重新获取", wait)
            if len(recent) >= PHONE_PER_HOUR:
                return CodeResult(False, "该手机号获取验证码次数过多，请1小时后再试")
        by_ip = await fetch(
            engine, "SELECT count(*) AS n FROM otp_code WHERE ip = {} AND created_at > {}", ip, hour_ago
        )
        if by_ip[0]["n"] >= IP_PER_HOUR:
            return CodeResult(False, "当前网络获取验证码次数过多，请稍后再试")
        code = f"{secrets.randbelow(1_000_000):06d}"
        # A new code replaces any earlier one still live.
        await fetch(engine, "UPDATE otp_code SET used_at = {} WHERE phone = {} AND used_at IS NULL", now, phone)
        await fetch(
            engine,
            "INSERT INTO otp_code (phone, code_hash, ip, created_at, expires_at, used_at, attempts) "
            "VALUES ({}, {}, {}, {}, {}, NULL, 0)",
            phone, _digest(secret, phone, code, purpose), ip, now, now + CODE_TTL,
        )
        await queue_sms(engine, phone, text.format(code=code))
    return CodeResult(True)


async def check_code(engine: Engine, secret: str, phone: str, code: str, purpose: str = "login") -> CodeResult:
    """Use the newest live code for this phone. The try is counted before the comparison, in one
    statement, so parallel guesses cannot exceed MAX_ATTEMPTS; a used code spoils older ones too."""
    now = _now()
    async with engine.transaction():
        counted = await fetch(
            engine,
            "UPDATE otp_code SET attempts = attempts + 1 WHERE id = (SELECT id FROM otp_code WHERE phone = {} "
            "AND used_at IS NULL ORDER BY created_at DESC LIMIT 1) AND attempts < {} AND expires_at > {} "
            "RETURNING id, code_hash, attempts",
            phone, MAX_ATTEMPTS, now,
        )
        if not counted:
            live = await fetch(
                engine,
                "SELECT attempts, expires_at FROM otp_code WHERE phone = {} AND used_at IS NULL "
                "ORDER BY created_at DESC LIMIT 1",
                phone,
            )
            if live and stored_moment(live[0]["expires_at"]) > now:
                return CodeResult(False, "验证码错误次数过多，请重新获取")
            return CodeResult(False, "验证码已过期，请重新获取")
        row = counted[0]
        if not hmac.compare_digest(row["code_hash"], _digest(secret, phone, code.strip(), purpose)):
            left = MAX_ATTEMPTS - row["attempts"]
            return CodeResult(False, f"验证码不正确，还可尝试{left}次" if left else "验证码错误次数过多，请重新获取")
        await fetch(engine, "UPDATE otp_code SET used_at = {} WHERE phone = {} AND used_at IS NULL", now, phone)
    return CodeResult(True)

