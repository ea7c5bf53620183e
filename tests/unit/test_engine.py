"""The long-lived SQLite engine: one writer, transactions that always end, reads on their own connection."""

from __future__ import annotations

import asyncio

import pytest

from app.db.engine import LongLivedSQLiteEngine

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_a_failed_commit_leaves_the_writer_usable(tmp_path):
    engine = LongLivedSQLiteEngine(str(tmp_path / "e.sqlite"))
    await engine.run_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    await engine.run_sql("CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER "
                         "REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)")
    with pytest.raises(Exception):
        async with engine.transaction():
            await engine.run_sql("INSERT INTO child (id, parent) VALUES (1, 99)")  # fails at COMMIT
    async with engine.transaction():
        await engine.run_sql("INSERT INTO parent (id) VALUES (1)")
    assert await engine.run_sql("SELECT count(*) AS n FROM parent") == [{"n": 1}]
    assert await engine.run_sql("SELECT count(*) AS n FROM child") == [{"n": 0}]
    engine.close()


async def test_reads_inside_a_transaction_see_its_writes_and_others_do_not(tmp_path):
    engine = LongLivedSQLiteEngine(str(tmp_path / "r.sqlite"))
    await engine.run_sql("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    async with engine.transaction():
        await engine.run_sql("INSERT INTO t (id) VALUES (1)")
        assert await engine.run_sql("SELECT count(*) AS n FROM t") == [{"n": 1}]
        outside = await asyncio.create_task(engine.run_sql("SELECT count(*) AS n FROM t"))
        assert outside == [{"n": 0}], "another task must not read through this transaction"
    assert await engine.run_sql("SELECT count(*) AS n FROM t") == [{"n": 1}]
    engine.close()


async def test_concurrent_transactions_queue_instead_of_failing(tmp_path):
    engine = LongLivedSQLiteEngine(str(tmp_path / "c.sqlite"))
    await engine.run_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)")
    await engine.run_sql("INSERT INTO t (id, n) VALUES (1, 0)")

    async def bump():
        async with engine.transaction():
            row = await engine.run_sql("SELECT n FROM t WHERE id = 1")
            await asyncio.sleep(0)
            await engine.run_sql("UPDATE t SET n = ? WHERE id = 1", (row[0]["n"] + 1,))

    await asyncio.gather(*(bump() for _ in range(50)))
    assert await engine.run_sql("SELECT n FROM t WHERE id = 1") == [{"n": 50}]
    engine.close()
