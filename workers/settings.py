"""arq `WorkerSettings`: `arq workers.settings.WorkerSettings` or `kuaiban worker`.

Jobs reuse the same services as the web app. Today: the catalog figures refresh and a heartbeat
that `/healthz` and operators can read; courier, SMS and deadline jobs join in later issues.
"""

from __future__ import annotations

import datetime

from arq import cron
from arq.connections import RedisSettings

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


async def heartbeat(ctx: dict) -> str:
    now = datetime.datetime.now(datetime.UTC).isoformat()
    await ctx["redis"].set(HEARTBEAT_KEY, now, ex=300)
    return now


def redis_settings() -> RedisSettings:
    url = load_settings().redis_url or "redis://127.0.0.1:6379/0"
    return RedisSettings.from_dsn(url)


class WorkerSettings:
    functions = [refresh_catalog_figures, heartbeat]
    cron_jobs = [
        cron(heartbeat, second=0, run_at_startup=True),
        cron(refresh_catalog_figures, minute={0, 30}),
    ]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = redis_settings()
    max_jobs = 10
