"""arq `WorkerSettings`: `arq workers.settings.WorkerSettings` or `kuaiban worker`.

Jobs reuse the same services as the web app. Today: the outbox sender (SMS), its re-queueing cron, the
catalog figures refresh and a heartbeat; courier and deadline jobs join in later issues.
"""

from __future__ import annotations

import datetime

from arq import cron
from arq.connections import RedisSettings

from app import outbox
from app.runtime import Runtime
from app.settings import load_settings

HEARTBEAT_KEY = "kuaiban:worker:heartbeat"


async def startup(ctx: dict) -> None:
    runtime = Runtime(load_settings())
    await runtime.start(sync=False)
    ctx["runtime"] = runtime


async def shutdown(ctx: dict) -> None:
    await ctx["runtime"].stop()


async def refresh_catalog_figures(ctx: dict) -> dict:
    """Recompute the home page's live figures from the catalog tables."""
    figures = await ctx["runtime"].catalog.compute_figures()
    return {"matters": figures.matters, "entries": figures.entries}


async def send_outbox(ctx: dict, outbox_id: int) -> str:
    """Send one outbox row (SMS today); a row already sent is left alone, so a rerun sends nothing."""
    runtime = ctx["runtime"]
    return await outbox.send(runtime.engine, runtime.host.pm, outbox_id)


async def requeue_outbox(ctx: dict) -> int:
    """Cron: queue rows still pending (the web could not reach Redis, or a job was lost)."""
    pending = await outbox.pending(ctx["runtime"].engine, 500)
    for outbox_id in pending:
        await ctx["redis"].enqueue_job("send_outbox", outbox_id, _job_id=f"outbox-{outbox_id}")
    return len(pending)


async def heartbeat(ctx: dict) -> str:
    now = datetime.datetime.now(datetime.UTC).isoformat()
    await ctx["redis"].set(HEARTBEAT_KEY, now, ex=300)
    return now


def redis_settings() -> RedisSettings:
    url = load_settings().redis_url or "redis://127.0.0.1:6379/0"
    return RedisSettings.from_dsn(url)


class WorkerSettings:
    functions = [refresh_catalog_figures, heartbeat, send_outbox, requeue_outbox]
    cron_jobs = [
        cron(heartbeat, second=0, run_at_startup=True),
        cron(requeue_outbox, second={15, 45}, run_at_startup=True),
        cron(refresh_catalog_figures, minute={0, 30}),
    ]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = redis_settings()
    max_jobs = 10
