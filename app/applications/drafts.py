"""Drafts: created when an applicant starts, saved on every step and field change, owner-only."""

from __future__ import annotations

import datetime
import json
import secrets
from dataclasses import dataclass

from piccolo.engine.base import Engine

from app.db.engine import fetch


@dataclass(slots=True)
class DraftRow:
    id: int
    account_id: int
    matter_key: str
    matter_version: str
    region_code: str
    company_id: int | None
    answers: dict[str, str]
    submit_token: str
    case_number: str | None
    updated_at: datetime.datetime
    entered_by: int | None = None  # the clerk filling it in for a walk-in applicant (帮办代办)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _row(r: dict) -> DraftRow:
    return DraftRow(
        id=r["id"], account_id=r["account_id"], matter_key=r["matter_key"], matter_version=r["matter_version"],
        region_code=r["region_code"], company_id=r["company_id"], answers=json.loads(r["answers"] or "{}"),
        submit_token=r["submit_token"], case_number=r["case_number"], updated_at=r["updated_at"],
        entered_by=r["entered_by"],
    )


FIELDS = ("id, account_id, matter_key, matter_version, region_code, company_id, answers, submit_token, case_number, "
          "updated_at, entered_by")


async def open_draft(
    engine: Engine, account_id: int, matter_key: str, version: str, region: str, company_id: int | None,
    prefill: dict[str, str], entered_by: int | None = None,
) -> DraftRow:
    """The applicant's unsubmitted draft of this matter in this region (and company), or a new one.

    A clerk's draft for a walk-in applicant is its own: neither one picks up the other's."""
    async with engine.transaction():
        rows = await fetch(
            engine,
            f"SELECT {FIELDS} FROM draft WHERE account_id = {{}} AND matter_key = {{}} AND region_code = {{}} "
            "AND case_number IS NULL ORDER BY updated_at DESC",
            account_id, matter_key, region,
        )
        for r in rows:
            if r["company_id"] == company_id and r["entered_by"] == entered_by:
                return _row(r)
        now = _now()
        created = await fetch(
            engine,
            "INSERT INTO draft (account_id, matter_key, matter_version, region_code, company_id, answers, "
            f"submit_token, case_number, created_at, updated_at, entered_by) VALUES ({{}}, {{}}, {{}}, {{}}, {{}}, {{}}, "
            f"{{}}, NULL, {{}}, {{}}, {{}}) RETURNING {FIELDS}",
            account_id, matter_key, version, region, company_id, json.dumps(prefill, ensure_ascii=False),
            secrets.token_urlsafe(24), now, now, entered_by,
        )
        return _row(created[0])


async def find_open(engine: Engine, account_id: int, matter_key: str, region: str,
                    company_id: int | None) -> DraftRow | None:
    """The applicant's own unsubmitted draft of this matter, region and company, if there is one."""
    rows = await fetch(
        engine,
        f"SELECT {FIELDS} FROM draft WHERE account_id = {{}} AND matter_key = {{}} AND region_code = {{}} "
        "AND case_number IS NULL AND entered_by IS NULL ORDER BY updated_at DESC",
        account_id, matter_key, region,
    )
    return next((_row(r) for r in rows if r["company_id"] == company_id), None)


async def get_own(engine: Engine, draft_id: int, account_id: int) -> DraftRow | None:
    """A draft only for its owner: anybody else gets None, which the page answers with 404."""
    rows = await fetch(engine, f"SELECT {FIELDS} FROM draft WHERE id = {{}} AND account_id = {{}} AND entered_by IS NULL",
                       draft_id, account_id)
    return _row(rows[0]) if rows else None


async def get_entered(engine: Engine, draft_id: int, staff_id: int) -> DraftRow | None:
    """A draft a clerk is filling in for a walk-in applicant, for that clerk only."""
    rows = await fetch(engine, f"SELECT {FIELDS} FROM draft WHERE id = {{}} AND entered_by = {{}}", draft_id, staff_id)
    return _row(rows[0]) if rows else None


async def save_answers(engine: Engine, draft: DraftRow, values: dict[str, str]) -> None:
    """Merge these values into what is stored now (not into the copy this request read), so two
    saves at once (two tabs, a slow field save) never undo each other."""
    async with engine.transaction():
        lock = " FOR UPDATE" if engine.engine_type == "postgres" else ""
        rows = await fetch(engine, f"SELECT answers FROM draft WHERE id = {{}}{lock}", draft.id)
        stored = json.loads(rows[0]["answers"] or "{}") if rows else {}
        stored.update(values)
        await fetch(
            engine, "UPDATE draft SET answers = {}, updated_at = {} WHERE id = {} AND case_number IS NULL",
            json.dumps(stored, ensure_ascii=False), _now(), draft.id,
        )
    draft.answers = stored


async def mine(engine: Engine, account_id: int) -> list[dict]:
    return await fetch(
        engine,
        "SELECT d.id, d.matter_key, d.updated_at, m.name AS matter_name FROM draft d "
        "LEFT JOIN matter m ON m.key = d.matter_key WHERE d.account_id = {} AND d.case_number IS NULL "
        "AND d.entered_by IS NULL "
        "ORDER BY d.updated_at DESC LIMIT 50",
        account_id,
    )
