"""Database engines, fixed at the engine level rather than per query.

Stock Piccolo on SQLite opens a new aiosqlite connection (and thread) for every query, which caps
writes at ~150 transactions/s on this hardware. `LongLivedSQLiteEngine` keeps one connection for
reads and one serialised writer, both opened once with WAL and pragmas set, and runs statements
directly on the event loop thread: index-backed statements take microseconds, far less than a
thread hop. Writes outside a transaction and every `transaction()` take an asyncio lock and use
`BEGIN IMMEDIATE`, so writers queue instead of failing with "database is locked".
On PostgreSQL, Piccolo's engine with an asyncpg pool is used as is.
"""

from __future__ import annotations

import asyncio
import contextvars
import sqlite3
from pathlib import Path
from typing import Any

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, dict_factory
from piccolo.querystring import QueryString

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA cache_size = -65536",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA mmap_size = 268435456",
)


def _is_read(sql: str) -> bool:
    head = sql.lstrip()[:7].upper()
    return head.startswith("SELECT") and "RETURNING" not in sql.upper()


class WriterTransaction:
    """`async with engine.transaction():` on the single writer connection, BEGIN IMMEDIATE."""

    def __init__(self, engine: "LongLivedSQLiteEngine") -> None:
        self.engine = engine
        self._parent = engine.active_transaction()
        self.connection: sqlite3.Connection | None = None
        self._token: contextvars.Token | None = None
        self.owner = asyncio.current_task()

    async def __aenter__(self) -> "WriterTransaction":
        if self._parent is not None:
            return self._parent
        await self.engine.write_lock.acquire()
        try:
            self.connection = self.engine.writer
            if self.connection.in_transaction:  # left open by a failure we could not roll back
                self.connection.execute("ROLLBACK")
            self.connection.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.engine.write_lock.release()
            raise
        self._token = self.engine.current_transaction.set(self)
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        if self._parent is not None:
            return False
        assert self.connection is not None
        try:
            if exc_type is None:
                try:
                    self.connection.execute("COMMIT")
                except BaseException:
                    if self.connection.in_transaction:
                        self.connection.execute("ROLLBACK")
                    raise
            else:
                self.connection.execute("ROLLBACK")
        finally:
            self.engine.current_transaction.reset(self._token)
            self.engine.write_lock.release()
        return False


class LongLivedSQLiteEngine(SQLiteEngine):
    def __init__(self, path: str) -> None:
        super().__init__(path=path)
        self._reader: sqlite3.Connection | None = None
        self._writer: sqlite3.Connection | None = None
        self._lock: asyncio.Lock | None = None

    def _open(self, readonly: bool) -> sqlite3.Connection:
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path,
            detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.row_factory = dict_factory
        for pragma in PRAGMAS:
            conn.execute(pragma)
        if readonly:
            conn.execute("PRAGMA query_only = ON")
        return conn

    @property
    def reader(self) -> sqlite3.Connection:
        if self._reader is None:
            self._reader = self._open(readonly=True)
        return self._reader

    @property
    def writer(self) -> sqlite3.Connection:
        if self._writer is None:
            self._writer = self._open(readonly=False)
        return self._writer

    @property
    def write_lock(self) -> asyncio.Lock:
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    def close(self) -> None:
        for conn in (self._reader, self._writer):
            if conn is not None:
                conn.close()
        self._reader = self._writer = None
        self._lock = None

    @staticmethod
    def _execute(conn: sqlite3.Connection, sql: str, args: list[Any] | tuple) -> list[dict]:
        return conn.execute(sql, args).fetchall()

    def active_transaction(self) -> "WriterTransaction | None":
        """This task's open transaction; one inherited by a task it spawned does not count."""
        tx = self.current_transaction.get()
        if tx is None or tx.owner is not asyncio.current_task() or tx.connection is None:
            return None
        return tx

    async def run_sql(self, sql: str, args: list[Any] | tuple = ()) -> list[dict]:
        tx = self.active_transaction()
        if tx is not None:
            return self._execute(tx.connection, sql, args)
        if _is_read(sql):
            return self._execute(self.reader, sql, args)
        async with self.write_lock:
            return self._execute(self.writer, sql, args)

    async def run_querystring(self, querystring: QueryString, in_pool: bool = False):
        sql, args = querystring.compile_string(engine_type=self.engine_type)
        return await self.run_sql(sql, args)

    async def run_ddl(self, ddl: str, in_pool: bool = False):
        return await self.run_sql(ddl)

    def transaction(self, *args, **kwargs) -> WriterTransaction:  # type: ignore[override]
        return WriterTransaction(self)

    async def executemany(self, sql: str, rows: list[tuple]) -> None:
        """Bulk insert inside the caller's transaction (or a new one)."""
        async with self.transaction() as tx:
            tx.connection.executemany(sql, rows)


def create_engine(database_url: str) -> Engine:
    if database_url.startswith(("postgresql://", "postgres://")):
        return PostgresEngine(config={"dsn": database_url})
    return LongLivedSQLiteEngine(database_url.removeprefix("sqlite:///"))


def is_postgres(engine: Engine) -> bool:
    return engine.engine_type == "postgres"


async def _no_reset(connection) -> None:
    """Connections come back clean: we use no session state (no SET, no temporary tables, no
    LISTEN, only transaction-scoped advisory locks), so asyncpg's `RESET ALL`-style reset on every
    release is skipped; it cost a round trip per statement."""


async def start(engine: Engine) -> None:
    if is_postgres(engine):
        await engine.start_connection_pool(min_size=2, max_size=10, reset=_no_reset)


async def stop(engine: Engine) -> None:
    if is_postgres(engine):
        await engine.close_connection_pool()
    elif isinstance(engine, LongLivedSQLiteEngine):
        engine.close()


async def fetch(engine: Engine, sql: str, *args: Any) -> list[dict]:
    """Run SQL with `{}` placeholders (Piccolo's form), portable across both engines."""
    rows = await engine.run_querystring(QueryString(sql, *args))
    return rows if isinstance(engine, LongLivedSQLiteEngine) else [dict(r) for r in rows or []]


async def executemany(engine: Engine, table: str, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    if isinstance(engine, LongLivedSQLiteEngine):
        marks = ", ".join("?" for _ in columns)
        await engine.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        return
    tx = engine.current_transaction.get()
    if tx is not None:
        await tx.connection.copy_records_to_table(table, records=rows, columns=columns)
        return
    if engine.pool is None:
        raise RuntimeError("PostgreSQL pool not started")
    async with engine.pool.acquire() as conn:
        await conn.copy_records_to_table(table, records=rows, columns=columns)


SYNC_LOCK = 4_242_001


async def lock_for_sync(engine: Engine) -> None:
    """Inside a transaction: make concurrent start-ups (several web workers) sync one at a time.

    SQLite's single writer already serialises them; PostgreSQL takes a transaction-scoped advisory lock.
    """
    if is_postgres(engine):
        await fetch(engine, "SELECT pg_advisory_xact_lock({})", SYNC_LOCK)
