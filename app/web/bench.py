"""A bare route for the benchmark baseline: renders 20 items, touches no database."""

from __future__ import annotations

from litestar import Request, Response, get

from app.web.pages import runtime

ITEMS = [{"id": i, "name": f"基准事项{i}", "body": "重庆市政务服务中心"} for i in range(20)]


@get("/bench/bare", name="bench-bare", include_in_schema=False)
async def bare(request: Request) -> Response:
    return runtime(request).renderer.page(request, "pages/bare.html", items=ITEMS)
