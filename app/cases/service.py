"""The one place a case's state changes: new state, event row and outbox rows in one transaction."""

from __future__ import annotations

import datetime
import json
import sqlite3

import logging

import asyncpg
from piccolo.engine.base import Engine

from app.cases import status as st
from app.cases import tally
from app.clock import Clock
from app.db.engine import fetch
from app.outbox import queue_sms
from plugins.declarations import Matter


log = logging.getLogger("kuaiban.cases")


class CaseError(Exception):
    """A move the rules do not allow (the message is Chinese, for the person who tried it)."""


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


async def next_number(engine: Engine, region_code: str, day: datetime.date) -> str:
    """Region code + date + daily sequence, e.g. 500103 20261128 00042 (inside the caller's transaction)."""
    prefix = f"{region_code[:6]}{day:%Y%m%d}"
    rows = await fetch(
        engine,
        "INSERT INTO case_sequence (prefix, value) VALUES ({}, 1) "
        "ON CONFLICT (prefix) DO UPDATE SET value = case_sequence.value + 1 RETURNING value",
        prefix,
    )
    return f"{prefix}{rows[0]['value']:05d}"


async def _event(engine, case_id, status_from, status_to, actor_id, actor_name, role, channel, note, at):
    await fetch(
        engine,
        "INSERT INTO case_event (case_id, status_from, status_to, actor_id, actor_name, role, channel, note, at) "
        "VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {})",
        case_id, status_from, status_to, actor_id, actor_name, role, channel, note, at,
    )


async def _insert_case(engine, *, number, parent_id, matter: Matter, region, account_id, company_id, applicant,
                       channel, entered_by, answers, key, now, clock: Clock) -> tuple[int, datetime.date]:
    today = clock.local_date(now)
    promised = clock.add_working_days(today, matter.promised_limit)
    legal = clock.add_working_days(today, matter.legal_limit)
    rows = await fetch(
        engine,
        "INSERT INTO kb_case (number, parent_id, matter_key, matter_version, matter_name, department, region_code, "
        "account_id, company_id, applicant_name, channel, entered_by, status, answers, idempotency_key, "
        "submitted_at, accepted_at, promised_due, legal_due, expected_date, updated_at) VALUES "
        "({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, NULL, {}, {}, {}, {}) RETURNING id",
        number, parent_id, matter.key, matter.version, matter.name, matter.department, region, account_id,
        company_id, applicant, channel, entered_by, st.SUBMITTED, json.dumps(answers, ensure_ascii=False), key,
        now, promised, legal, promised, now,
    )
    await tally.add(engine, tally.key(region, matter.department, st.SUBMITTED, promised, now, parent_id is not None), 1)
    return rows[0]["id"], promised


async def submit(
    engine: Engine, clock: Clock, *, draft, matter: Matter, members: list[Matter], account_id: int,
    applicant_name: str, phone: str | None, channel: str, actor_name: str, entered_by: int | None = None, pm=None,
    entered_at: str = "",
) -> str:
    """Turn a draft into a case (a bundle: a parent case and one sub-case per member matter).

    Idempotent on the draft's submit token: a double click, a retry or a replay returns the first case.
    """
    existing = await _case_for_key(engine, draft.submit_token)
    if existing:
        return existing
    number = await _create(engine, clock, draft=draft, matter=matter, members=members, account_id=account_id,
                           applicant_name=applicant_name, phone=phone, channel=channel, actor_name=actor_name,
                           entered_by=entered_by, entered_at=entered_at)
    notify(pm, {"case": number, "from": None, "to": st.SUBMITTED, "actor": actor_name,
                "role": "staff" if entered_by else "applicant", "channel": channel, "note": "",
                "at": _now().isoformat()})
    return number


def notify(pm, event: dict) -> None:
    """Tell plugins of a case event after it is committed; one that fails is logged, not fatal."""
    if pm is None:
        return
    for impl in pm.hook.application_event.get_hookimpls():
        try:
            impl.function(event=event)
        except Exception:
            log.exception("plugin %s failed in application_event", impl.plugin_name)


async def _create(engine, clock, *, draft, matter, members, account_id, applicant_name, phone, channel, actor_name,
                  entered_by, entered_at="") -> str:
    now = _now()
    try:
        async with engine.transaction():
            existing = await _case_for_key(engine, draft.submit_token)
            if existing:
                return existing
            number = await next_number(engine, draft.region_code, clock.local_date(now))
            common = dict(region=draft.region_code, account_id=account_id, company_id=draft.company_id,
                          applicant=applicant_name, channel=channel, entered_by=entered_by,
                          answers=draft.answers, now=now, clock=clock)
            case_id, expected = await _insert_case(engine, number=number, parent_id=None, matter=matter,
                                                   key=draft.submit_token, **common)
            role = "staff" if entered_by else "applicant"
            note = ("工作人员代为录入" + (f"（{entered_at}）" if entered_at else "")) if entered_by else ""
            await _event(engine, case_id, None, st.SUBMITTED, entered_by or account_id, actor_name, role, channel,
                         note, now)
            slowest = expected
            for index, member in enumerate(members, start=1):
                child_id, child_expected = await _insert_case(
                    engine, number=f"{number}-{index}", parent_id=case_id, matter=member,
                    key=f"{draft.submit_token}:{index}", **common,
                )
                await _event(engine, child_id, None, st.SUBMITTED, entered_by or account_id, actor_name, role,
                             channel, f"随“{matter.name}”一并提交", now)
                slowest = max(slowest, child_expected)
            if members:  # the bundle is done when its slowest member is
                await fetch(engine, "UPDATE kb_case SET expected_date = {} WHERE id = {}", slowest, case_id)
            await fetch(
                engine, "UPDATE upload SET case_id = {} WHERE draft_id = {} AND removed_at IS NULL", case_id, draft.id
            )
            await fetch(engine, "UPDATE draft SET case_number = {}, updated_at = {} WHERE id = {}", number, now,
                        draft.id)
            if phone:
                await queue_sms(engine, phone, f"【快办】您申请的“{matter.name}”已提交，办件编号{number}，"
                                               f"预计{slowest:%Y年%m月%d日}前办结。可在“我的办事”查看进度。")
            return number
    except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
        # A concurrent submit of the same draft won the race: answer with its case.
        existing = await _case_for_key(engine, draft.submit_token)
        if existing:
            return existing
        raise


async def _case_for_key(engine: Engine, key: str) -> str | None:
    rows = await fetch(engine, "SELECT number FROM kb_case WHERE idempotency_key = {}", key)
    return rows[0]["number"] if rows else None


async def move(
    engine: Engine, case: dict, to: str, *, actor_id: int | None, actor_name: str, role: str, channel: str,
    note: str = "", extra_sql: str = "", extra_args: tuple = (),
) -> None:
    """The one way a case changes state (inside the caller's transaction): along MOVES, only from the
    state the caller saw (so two clerks cannot both act), with the event row and the tab tally."""
    if to not in st.MOVES.get(case["status"], set()):
        raise CaseError(f"办件当前为“{st.LABELS.get(case['status'], case['status'])}”，"
                        f"不能变更为“{st.LABELS.get(to, to)}”，请刷新页面查看最新状态")
    now = _now()
    # The row as stored (not the caller's copy, which an earlier move in this flow may have outdated):
    # its tally unit leaves from exactly where it was counted.
    stored = await fetch(engine, "SELECT region_code, department, status, promised_due, updated_at, parent_id "
                                 "FROM kb_case WHERE id = {}", case["id"])
    updated = await fetch(
        engine,
        f"UPDATE kb_case SET status = {{}}, updated_at = {{}}{extra_sql} WHERE id = {{}} AND status = {{}} "
        "RETURNING id, promised_due",
        to, now, *extra_args, case["id"], case["status"],
    )
    if not updated or not stored:
        raise CaseError("办件已被其他工作人员处理，请刷新后查看")
    await _event(engine, case["id"], case["status"], to, actor_id, actor_name, role, channel, note, now)
    await tally.shift(engine, stored[0], to, updated[0]["promised_due"], now)


async def own_case(engine: Engine, number: str, account_id: int) -> dict | None:
    """A case for its applicant only; None (answered with 404) for everybody else."""
    rows = await fetch(engine, "SELECT * FROM kb_case WHERE number = {} AND account_id = {}", number, account_id)
    return rows[0] if rows else None


async def timeline(engine: Engine, case_id: int) -> list[dict]:
    return await fetch(
        engine,
        "SELECT status_from, status_to, actor_name, role, channel, note, at FROM case_event WHERE case_id = {} "
        "ORDER BY at, id",
        case_id,
    )


async def children(engine: Engine, case_id: int) -> list[dict]:
    return await fetch(
        engine,
        "SELECT id, number, matter_key, matter_name, status, expected_date FROM kb_case WHERE parent_id = {} "
        "ORDER BY id",
        case_id,
    )


async def case_uploads(engine: Engine, case_id: int) -> list[dict]:
    return await fetch(
        engine,
        "SELECT id, material, material_title, filename, kind, size FROM upload WHERE case_id = {} "
        "AND removed_at IS NULL ORDER BY id",
        case_id,
    )


async def mine(engine: Engine, account_id: int) -> list[dict]:
    rows = await fetch(
        engine,
        "SELECT number, matter_name, status, submitted_at, expected_date FROM kb_case "
        "WHERE account_id = {} AND parent_id IS NULL ORDER BY submitted_at DESC LIMIT 100",
        account_id,
    )
    for row in rows:
        row["status_label"] = st.LABELS.get(row["status"], row["status"])
    return rows


async def recent_events(engine: Engine, account_id: int, limit: int = 20) -> list[dict]:
    """What happened lately to the applicant's cases: the notifications list on /me."""
    rows = await fetch(
        engine,
        "SELECT e.status_to, e.note, e.at, c.number, c.matter_name FROM case_event e "
        "JOIN kb_case c ON c.id = e.case_id WHERE c.account_id = {} AND c.parent_id IS NULL "
        f"ORDER BY e.at DESC, e.id DESC LIMIT {int(limit)}",
        account_id,
    )
    for row in rows:
        row["label"] = st.LABELS.get(row["status_to"], row["status_to"])
    return rows
