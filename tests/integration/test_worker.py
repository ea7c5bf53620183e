"""The arq worker runs the app's services against real Redis and the real database."""

from __future__ import annotations

import uuid

import pytest
from arq import create_pool
from arq.connections import RedisSettings
from arq.worker import Worker

from tests.conftest import make_settings
from workers import settings as worker_settings

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_worker_refreshes_figures_and_beats(redis_url, tmp_path, monkeypatch):
    settings = make_settings(f"sqlite:///{tmp_path / 'w.sqlite'}", tmp_path)
    monkeypatch.setenv("KUAIBAN_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KUAIBAN_DATA_DIR", str(tmp_path))
    from app.runtime import Runtime

    seeded = Runtime(settings)
    await seeded.start()  # migrate and sync the catalog the worker will read
    await seeded.stop()

    queue = f"kuaiban-test-{uuid.uuid4().hex[:8]}"
    redis = await create_pool(RedisSettings.from_dsn(redis_url), default_queue_name=queue)
    try:
        job = await redis.enqueue_job("refresh_catalog_figures", _job_id=f"figures-{queue}")
        again = await redis.enqueue_job("refresh_catalog_figures", _job_id=f"figures-{queue}")
        assert again is None, "a second job with the same _job_id must not be queued"
        worker = Worker(
            functions=worker_settings.WorkerSettings.functions,
            on_startup=worker_settings.startup,
            on_shutdown=worker_settings.shutdown,
            redis_pool=redis,
            queue_name=queue,
            burst=True,
            poll_delay=0.05,
        )
        await worker.main()
        result = await job.result(timeout=5)
        assert result["matters"] >= 15 and result["entries"] > result["matters"]
        beat = await worker_settings.heartbeat({"redis": redis})
        assert (await redis.get(worker_settings.HEARTBEAT_KEY)).decode() == beat
        await worker.close()
    finally:
        await redis.delete(worker_settings.HEARTBEAT_KEY)
        await redis.aclose()
