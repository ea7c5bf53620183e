"""The read-only JSON API for integrators; documented by Litestar's OpenAPI at /schema."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException

from app.web.filters import parse_filters
from app.web.pages import runtime


def _entry(row: dict) -> dict[str, Any]:
    return {
        "id": row["id"],
        "matter": row["matter_key"],
        "name": row["name"],
        "region_code": row["region_code"],
        "region_name": row["region_name"],
        "implementing_body": row["body"],
        "department": row["department"],
        "for_person": bool(row["for_person"]),
        "for_company": bool(row["for_company"]),
        "online_depth": row["online_depth"],
        "trips": row["trips"],
        "promised_limit": row["promised_limit"],
        "url": f"/api/v1/matters/{row['matter_key']}",
    }


@get("/api/v1/matters", name="api-matters", tags=["catalog"], summary="Search and browse matters")
async def api_matters(
    request: Request,
    q: str | None = None,
    kind: str | None = None,
    department: str | None = None,
    region: str | None = None,
    theme: str | None = None,
    trips: str | None = None,
    depth: str | None = None,
    online: str | None = None,
    page: str | None = None,
) -> Response:
    """Same filters and search as `/matters`: q (Chinese or pinyin), kind (person|company),
    department, region (district code), theme, trips (at most), depth (1-4), online, page."""
    filters, errors = parse_filters(request.query_params)
    if errors:
        return Response({"errors": errors}, status_code=400)
    result = await runtime(request).catalog.search(filters)
    return Response({
        "total": result.total,
        "capped": result.capped,
        "page": result.page,
        "pages": result.pages,
        "items": [_entry(r) for r in result.items],
    })


@get("/api/v1/matters/{key:str}", name="api-matter", tags=["catalog"], summary="One matter's full guide")
async def api_matter(request: Request, key: str) -> dict[str, Any]:
    rt = runtime(request)
    matter = await rt.catalog.matter(key)
    if matter is None:
        raise NotFoundException(detail="事项不存在")
    entries = await rt.catalog.entries(key)
    data = matter.to_dict()
    data["implementations"] = [
        {"region_code": e["region_code"], "region_name": e["region_name"], "implementing_body": e["body"]}
        for e in entries
    ]
    return data
