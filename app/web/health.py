"""Liveness for load balancers and the one-command start."""

from __future__ import annotations

import asyncio

from litestar import Request, Response, get
from redis.asyncio import Redis

from app.db.engine import fetch
from app.web.pages import runtime


async def redis_status(url: str | None) -> str:
    if not url:
        return "not configured"
    client = Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        await asyncio.wait_for(client.ping(), timeout=2)
        return "ok"
    except Exception as exc:  # reported, not raised: health must answer
        return f"error: {type(exc).__name__}"
    finally:
        await client.aclose()


@get("/healthz", name="healthz", tags=["ops"], summary="Database and Redis status")
async def healthz(request: Request) -> Response:
    rt = runtime(request)
    try:
        await fetch(rt.engine, "SELECT 1 AS ok")
        database = "ok"
    except Exception as exc:  # reported, not raised
        database = f"error: {type(exc).__name__}"
    redis = await redis_status(rt.settings.redis_url)
    healthy = database == "ok" and redis in ("ok", "not configured")
    body = {
        "status": "ok" if healthy else "degraded",
        "database": database,
        "engine": rt.engine.engine_type,
        "redis": redis,
        "matters": len(rt.host.matters),
        "quarantined_plugins": [p.name for p in rt.host.quarantined],
    }
    return Response(body, status_code=200 if healthy else 503)
