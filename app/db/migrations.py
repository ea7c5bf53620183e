"""Ordered schema migrations, each applied once and recorded in `kuaiban_migration`.

Tables come from the Piccolo definitions; what Piccolo cannot express (FTS5 on SQLite, GIN indexes
on PostgreSQL, composite indexes) is written out per engine here.
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable

from piccolo.engine.base import Engine

from app.db import tables
from app.db.engine import fetch, is_postgres, lock_for_sync


async def _core(engine: Engine) -> None:
    for table in tables.TABLES:
        await table.create_table(if_not_exists=True)
    common = [
        "CREATE INDEX IF NOT EXISTS matter_entry_district ON matter_entry (district_code, id)",
        "CREATE INDEX IF NOT EXISTS matter_entry_region ON matter_entry (region_code, id)",
        "CREATE INDEX IF NOT EXISTS matter_entry_department ON matter_entry (department, id)",
        "CREATE INDEX IF NOT EXISTS matter_entry_matter ON matter_entry (matter_key, id)",
        "CREATE INDEX IF NOT EXISTS matter_entry_primary ON matter_entry (is_primary, id)",
        "CREATE UNIQUE INDEX IF NOT EXISTS matter_version_key ON matter_version (key, version)",
    ]
    if is_postgres(engine):
        common += [
            "CREATE INDEX IF NOT EXISTS matter_entry_tokens ON matter_entry "
            "USING GIN (string_to_array(tokens, ' '))",
            "CREATE INDEX IF NOT EXISTS matter_entry_initials ON matter_entry "
            "USING GIN (string_to_array(initials_tokens, ' '))",
            "CREATE INDEX IF NOT EXISTS matter_entry_pinyin ON matter_entry "
            "USING GIN (string_to_array(pinyin, ' '))",
            "CREATE INDEX IF NOT EXISTS matter_text ON matter USING GIN (string_to_array(text_tokens, ' '))",
        ]
    else:
        common += [
            "CREATE VIRTUAL TABLE IF NOT EXISTS matter_search USING fts5("
            "tokens, initials_tokens, pinyin, scope, content='matter_entry', content_rowid='id', "
            "tokenize='unicode61')",
            # The same index over each matter's primary entry only: the default, region-less search.
            "CREATE VIRTUAL TABLE IF NOT EXISTS matter_search_primary USING fts5("
            "tokens, initials_tokens, pinyin, content='matter_entry', content_rowid='id', tokenize='unicode61')",
            "CREATE VIRTUAL TABLE IF NOT EXISTS matter_text_search USING fts5("
            "text_tokens, content='matter', content_rowid='rowid', tokenize='unicode61')",
        ]
    for sql in common:
        await fetch(engine, sql)


async def _accounts(engine: Engine) -> None:
    for table in tables.ACCOUNT_TABLES:
        await table.create_table(if_not_exists=True)
    for sql in (
        "CREATE UNIQUE INDEX IF NOT EXISTS company_member_unique ON company_member (company_id, account_id)",
        "CREATE INDEX IF NOT EXISTS otp_code_phone_time ON otp_code (phone, created_at)",
        "CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (sent_at, id)",
    ):
        await fetch(engine, sql)


async def _cases(engine: Engine) -> None:
    for table in tables.CASE_TABLES:
        await table.create_table(if_not_exists=True)
    for sql in (
        "CREATE INDEX IF NOT EXISTS draft_owner ON draft (account_id, case_number, updated_at)",
        "CREATE INDEX IF NOT EXISTS kb_case_owner ON kb_case (account_id, submitted_at)",
        "CREATE INDEX IF NOT EXISTS case_event_case ON case_event (case_id, at)",
        "CREATE INDEX IF NOT EXISTS upload_owner_material ON upload (account_id, material, removed_at)",
    ):
        await fetch(engine, sql)


async def _login_failures(engine: Engine) -> None:
    await tables.LoginFailure.create_table(if_not_exists=True)


async def _window(engine: Engine) -> None:
    for table in (tables.CasePause, tables.CorrectionNotice):
        await table.create_table(if_not_exists=True)
    for sql in (
        "CREATE INDEX IF NOT EXISTS kb_case_queue ON kb_case (status, region_code, department, promised_due)",
        "CREATE INDEX IF NOT EXISTS case_pause_open ON case_pause (case_id, ended_at)",
    ):
        await fetch(engine, sql)


async def _steps(engine: Engine) -> None:
    await tables.CaseStep.create_table(if_not_exists=True)
    await fetch(engine, "CREATE INDEX IF NOT EXISTS case_step_active ON case_step (department, status, case_id)")


async def _columns(engine: Engine, table: str) -> set[str]:
    if is_postgres(engine):
        rows = await fetch(engine, "SELECT column_name AS name FROM information_schema.columns WHERE table_name = {} "
                           "AND table_schema = current_schema()",
                           table)
    else:
        rows = await fetch(engine, f"SELECT name FROM pragma_table_info('{table}')")
    return {r["name"] for r in rows}


async def _licences(engine: Engine) -> None:
    for table in (tables.Licence, tables.VerifyCheck):
        await table.create_table(if_not_exists=True)
    columns = await _columns(engine, "draft")
    if "entered_by" not in columns:  # a fresh 0003 already made it from the table definition
        await fetch(engine, "ALTER TABLE draft ADD COLUMN entered_by INTEGER")
    for sql in (
        "CREATE INDEX IF NOT EXISTS licence_holder ON licence (account_id, kind, issued_on)",
        "CREATE INDEX IF NOT EXISTS verify_check_ip ON verify_check (ip, at)",
        "CREATE INDEX IF NOT EXISTS kb_case_entered ON kb_case (entered_by, submitted_at)",
    ):
        await fetch(engine, sql)


async def _tally(engine: Engine) -> None:
    from app.cases import tally

    await tables.CaseTally.create_table(if_not_exists=True)
    await fetch(engine, "CREATE UNIQUE INDEX IF NOT EXISTS case_tally_key ON case_tally "
                        "(region_code, department, status, due, done_on)")
    await tally.rebuild(engine)


async def _recount(engine: Engine) -> None:
    """Bundle members waiting for their main case count in no tab (earlier tallies counted them)."""
    from app.cases import tally

    await tally.rebuild(engine)


async def _pending(engine: Engine) -> None:
    await tables.PendingAnswers.create_table(if_not_exists=True)


MIGRATIONS: list[tuple[str, Callable[[Engine], Awaitable[None]]]] = [
    ("0001_core", _core),
    ("0002_accounts", _accounts),
    ("0003_cases", _cases),
    ("0004_login_failures", _login_failures),
    ("0005_window", _window),
    ("0006_steps", _steps),
    ("0007_licences", _licences),
    ("0008_tally", _tally),
    ("0009_pending_answers", _pending),
    ("0010_tally_members", _recount),
]


async def migrate(engine: Engine) -> list[str]:
    """Apply pending migrations in one transaction; return the names applied.

    Several processes start at once (`uvicorn --workers 2`): the transaction (SQLite's single
    writer, PostgreSQL's advisory lock) makes the others wait and then find nothing left to do.
    """
    async with engine.transaction():
        await lock_for_sync(engine)
        await tables.Migration.create_table(if_not_exists=True)
        done = {row["name"] for row in await fetch(engine, "SELECT name FROM kuaiban_migration")}
        applied = []
        for name, step in MIGRATIONS:
            if name in done:
                continue
            await step(engine)
            await fetch(engine, "INSERT INTO kuaiban_migration (name, applied_at) VALUES ({}, {})",
                        name, datetime.datetime.now(datetime.UTC))
            applied.append(name)
    return applied
