"""The window queue at scale: `python -m tests.bench.queue_bench` (run by `make bench-queue`).

Seeds 100,000 open cases in one clerk's scope (渝中区, public security) and as many outside it, then
times the queue (each tab) and the tab counts (from the maintained tally, against a count over the
scope's cases as the baseline, and checked equal) in process, p50/p95 over repeated runs, on SQLite
(and PostgreSQL when KUAIBAN_BENCH_POSTGRES_URL names a server where a throwaway database may be created).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import random
import statistics
import tempfile
import time
import uuid

from app.accounts.sessions import CurrentAccount
from app.cases import tally, window
from app.db.engine import executemany
from app.runtime import Runtime
from app.settings import load_settings

STATUSES = ["submitted", "resubmitted", "correction", "accepted", "in_review", "approved"]
COLUMNS = ["number", "parent_id", "matter_key", "matter_version", "matter_name", "department", "region_code",
           "account_id", "company_id", "applicant_name", "channel", "entered_by", "status", "answers",
           "idempotency_key", "submitted_at", "accepted_at", "promised_due", "legal_due", "expected_date",
           "updated_at"]


def rows(count: int, region: str, department: str, seed: int) -> list[tuple]:
    rng = random.Random(seed)
    today = datetime.date.today()
    now = datetime.datetime.now(datetime.UTC)
    out = []
    for i in range(count):
        due = today + datetime.timedelta(days=rng.randint(-10, 30))
        town = region if rng.random() < 0.6 else f"{region}{rng.randint(1, 14):03d}"
        key = uuid.uuid4().hex
        out.append((f"{region}{seed}{i:08d}", None, "residence-permit", "1", "居住证办理", department, town, 1, None,
                    "张三", "web", None, rng.choice(STATUSES), "{}", key, now, now, due, due, due, now))
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1)))]


async def bench(database_url: str | None, count: int, repeats: int) -> list[tuple]:
    env = {"KUAIBAN_DATA_DIR": tempfile.mkdtemp(prefix="kuaiban-queue-"), "KUAIBAN_SECRET_KEY": "bench"}
    if database_url:
        env["KUAIBAN_DATABASE_URL"] = database_url
    rt = Runtime(load_settings(env))
    await rt.start(sync=False)
    try:
        t0 = time.perf_counter()
        for region, department, seed in (("500103", "public_security", 1), ("500108", "public_security", 2),
                                         ("500103", "market", 3)):
            batch = rows(count if seed == 1 else count // 2, region, department, seed)
            for start in range(0, len(batch), 20_000):
                await executemany(rt.engine, "kb_case", COLUMNS, batch[start:start + 20_000])
        t1 = time.perf_counter()
        async with rt.engine.transaction():  # rows loaded in bulk bypass the state-change function: recount
            await tally.rebuild(rt.engine)
        rebuilt = time.perf_counter() - t1
        await rt.engine.run_querystring(__import__("piccolo.querystring", fromlist=["QueryString"]).QueryString("ANALYZE"))
        print(f"seeded {count * 2:,} open cases in {time.perf_counter() - t0:.1f}s "
              f"({count:,} in the clerk's scope); tally rebuilt in {rebuilt:.1f}s")
        clerk = CurrentAccount(id=1, kind="staff", role="clerk", phone=None, username="bench", name="窗口",
                               resident_id=None, verified=False, region_code="500103",
                               departments=("public_security",), hall_id=None)
        today = datetime.date.today()
        results = []
        for tab in window.TABS:
            timings = []
            for _ in range(repeats):
                t = time.perf_counter()
                await window.queue(rt.engine, clerk, tab, today)
                timings.append((time.perf_counter() - t) * 1000)
            results.append((f"queue: {tab}", statistics.median(timings), pct(timings, 0.95)))
        timings = []
        for _ in range(3):
            t = time.perf_counter()
            scanned = await window.counted_by_scan(rt.engine, clerk, today)
            timings.append((time.perf_counter() - t) * 1000)
        results.append(("counts by scan (ref.)", statistics.median(timings), pct(timings, 0.95)))
        timings = []
        for _ in range(repeats):
            t = time.perf_counter()
            counts = await window.counts(rt.engine, clerk, today)
            timings.append((time.perf_counter() - t) * 1000)
        results.append(("counts from the tally", statistics.median(timings), pct(timings, 0.95)))
        assert counts == scanned, (counts, scanned)
        timings = []
        for _ in range(repeats):
            t = time.perf_counter()
            await window.queue(rt.engine, clerk, "intake", today)
            await window.counts(rt.engine, clerk, today)
            timings.append((time.perf_counter() - t) * 1000)
        results.append(("queue page (intake)", statistics.median(timings), pct(timings, 0.95)))
        print("counts:", counts)
        return results
    finally:
        await rt.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    targets = [("SQLite", None)]
    if os.environ.get("KUAIBAN_BENCH_POSTGRES_URL"):
        targets.append(("PostgreSQL", os.environ["KUAIBAN_BENCH_POSTGRES_URL"]))
    for label, url in targets:
        results = asyncio.run(bench(url, args.count, args.repeats))
        print(f"\n{label}: the queue of a clerk whose scope holds {args.count:,} open cases (ms)")
        print(f"{'query':<22} {'p50':>8} {'p95':>8}")
        for name, p50, p95 in results:
            print(f"{name:<22} {p50:>8.2f} {p95:>8.2f}")


if __name__ == "__main__":
    main()
