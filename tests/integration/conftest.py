from __future__ import annotations

import pytest
from litestar.testing import AsyncTestClient

from app.factory import create_app
from tests.conftest import REDIS_URL, make_settings


@pytest.fixture(scope="session")
async def client(database_url, tmp_path_factory):
    """The real app on a real database (SQLite and PostgreSQL), catalog synced at start-up."""
    extra = {"KUAIBAN_REDIS_URL": REDIS_URL} if REDIS_URL else {}
    extra["KUAIBAN_DEV"] = "1"
    settings = make_settings(database_url, tmp_path_factory.mktemp("data"), **extra)
    app = create_app(settings, bench_routes=True)
    async with AsyncTestClient(app) as test_client:
        yield test_client


@pytest.fixture
async def settings(database_url, tmp_path):
    """Settings for an app of this test's own (developer pages on, for the SMS outbox)."""
    return make_settings(database_url, tmp_path, KUAIBAN_DEV="1")


@pytest.fixture(autouse=True)
def many_sign_ins_from_the_test_client(monkeypatch):
    """Every test signs in from the same address; the per-IP limit has its own test."""
    from app.accounts import signin

    monkeypatch.setattr(signin, "IP_PER_HOUR", 10_000)
