"""Shared fixtures: real SQLite files, a real PostgreSQL database, real Redis.

PostgreSQL and Redis variants run when KUAIBAN_TEST_POSTGRES_URL / KUAIBAN_TEST_REDIS_URL are set
(CI sets both) and are skipped, saying so, when they are not.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from app.settings import load_settings

POSTGRES_URL = os.environ.get("KUAIBAN_TEST_POSTGRES_URL", "")
REDIS_URL = os.environ.get("KUAIBAN_TEST_REDIS_URL", "")
REQUIRE_SERVICES = os.environ.get("KUAIBAN_TEST_REQUIRE_SERVICES") == "1"


def skip_or_fail(message: str) -> None:
    """Skip, saying why; in CI (KUAIBAN_TEST_REQUIRE_SERVICES=1) a missing service is a failure."""
    if REQUIRE_SERVICES:
        pytest.fail(message + " (required in CI)")
    pytest.skip(message)


def _postgres_database(base_url: str) -> tuple[str, callable]:
    """Create a throwaway database next to the given one; return its URL and a dropper."""
    import asyncio
    import concurrent.futures

    import asyncpg

    name = f"kuaiban_test_{uuid.uuid4().hex[:10]}"

    async def run(sql: str) -> None:
        conn = await asyncpg.connect(base_url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    def in_thread(sql: str) -> None:
        # A thread of its own: the test thread may already run an event loop.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, run(sql)).result()

    in_thread(f'CREATE DATABASE "{name}"')
    url = base_url.rsplit("/", 1)[0] + f"/{name}"
    return url, lambda: in_thread(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'kuaiban.sqlite'}"
    if not POSTGRES_URL:
        skip_or_fail("PostgreSQL variant skipped: KUAIBAN_TEST_POSTGRES_URL is not set")
    url, drop = _postgres_database(POSTGRES_URL)
    request.addfinalizer(drop)
    return url


@pytest.fixture(scope="session")
def redis_url() -> str:
    if not REDIS_URL:
        skip_or_fail("Redis tests skipped: KUAIBAN_TEST_REDIS_URL is not set")
    return REDIS_URL


def make_settings(database_url: str, data_dir: Path, **extra: str):
    env = {
        "KUAIBAN_DATABASE_URL": database_url,
        "KUAIBAN_DATA_DIR": str(data_dir),
        "KUAIBAN_SECRET_KEY": "test-secret",
        **extra,
    }
    return load_settings(env)
