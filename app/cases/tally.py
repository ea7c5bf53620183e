"""Maintained counts behind the window's tabs, so a queue page never counts its whole scope.

Every case is one unit in `case_tally` under (region, department, status, due, done_on): `due` is
its promised date while open (near and overdue are date ranges over it), `done_on` the day it was
finished (已办结 counts today's). The one state-change function shifts the unit in the same
transaction; `rebuild` recounts from the cases (migration, bulk loads, repair).
"""

from __future__ import annotations

import datetime
from collections import Counter

from piccolo.engine.base import Engine

from app.clock import CHINA_TZ, stored_moment
from app.db.engine import executemany, fetch

NONE = datetime.date(1970, 1, 1)  # stands for "no date" so the key has no NULLs (they never conflict)
DONE = ("completed", "delivered", "refused")


def _date(value) -> datetime.date:
    if value is None or value == "":
        return NONE
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _local_day(moment) -> datetime.date:
    return stored_moment(moment).astimezone(CHINA_TZ).date()


WITH_PARENT = "with_parent"  # a bundle's member case before the bundle is accepted: in no tab of its own
BEFORE_ACCEPTANCE = ("submitted", "resubmitted")  # a member reaches correction only after acceptance


def key(region: str, department: str, status: str, due, finished, child: bool = False) -> tuple:
    """The tally row a case in this state belongs to (`child`: a member case of a bundle)."""
    if child and status in BEFORE_ACCEPTANCE:
        return (region, department, WITH_PARENT, NONE, NONE)
    if status in DONE:
        return (region, department, status, NONE, _local_day(finished))
    return (region, department, status, _date(due), NONE)


async def add(engine: Engine, row: tuple, n: int) -> None:
    """Move `n` units (±1) into the row, inside the caller's transaction."""
    await fetch(
        engine,
        "INSERT INTO case_tally (region_code, department, status, due, done_on, n) VALUES ({}, {}, {}, {}, {}, {}) "
        "ON CONFLICT (region_code, department, status, due, done_on) DO UPDATE SET n = case_tally.n + {}",
        *row, n, n,
    )


async def shift(engine: Engine, stored: dict, to: str, due, at: datetime.datetime) -> None:
    """A case moved from the state its stored row shows to `to` (with its promised date `due`) at `at`.

    The two rows are touched in key order, so two opposite moves at once cannot deadlock."""
    child = stored.get("parent_id") is not None
    before = key(stored["region_code"], stored["department"], stored["status"], stored["promised_due"],
                 stored["updated_at"], child)
    after = key(stored["region_code"], stored["department"], to, due, at, child)
    for row, n in sorted(((before, -1), (after, 1)), key=lambda pair: pair[0]):
        await add(engine, row, n)


async def rebuild(engine: Engine) -> int:
    """Recount every case (inside the caller's transaction); returns how many were counted."""
    counts: Counter = Counter()
    rows = await fetch(engine, "SELECT region_code, department, status, promised_due, updated_at, parent_id "
                               "FROM kb_case")
    for r in rows:
        counts[key(r["region_code"], r["department"], r["status"], r["promised_due"], r["updated_at"],
                   r["parent_id"] is not None)] += 1
    await fetch(engine, "DELETE FROM case_tally")
    await executemany(engine, "case_tally", ["region_code", "department", "status", "due", "done_on", "n"],
                      [(*k, n) for k, n in counts.items()])
    return len(rows)


async def rows_in(engine: Engine, where: str, args: list) -> list[dict]:
    """Tally rows under a scope's region and department conditions (written for alias `c`)."""
    return await fetch(engine, f"SELECT status, due, done_on, n FROM case_tally c WHERE n <> 0 AND {where}", *args)
