"""The read-only JSON API for integrators; documented by Litestar's OpenAPI at /schema."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import Parameter

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
    q: Annotated[str | None, Parameter(description="Chinese text (1+ characters) or pinyin, full or initials")] = None,
    kind: Annotated[str | None, Parameter(description="person | company")] = None,
    department: Annotated[str | None, Parameter(description="department code, e.g. market")] = None,
    region: Annotated[str | None, Parameter(description="district code, e.g. 500103")] = None,
    theme: Annotated[str | None, Parameter(description="theme or life event, e.g. 开办企业")] = None,
    trips: Annotated[str | None, Parameter(description="at most this many trips (0-9)")] = None,
    depth: Annotated[str | None, Parameter(description="online depth 1-4")] = None,
    online: Annotated[str | None, Parameter(description="1 = fully online only")] = None,
    page: Annotated[str | None, Parameter(description="page number, 20 per page")] = None,
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
async def api_matter(request: Request, key: Annotated[str, Parameter(description="matter key")]) -> dict[str, Any]:
    guide = await runtime(request).catalog.guide(key)
    if guide is None:
        raise NotFoundException(detail="事项不存在")
    data = dict(guide.data)
    data["implementations"] = [
        {"region_code": e["region_code"], "region_name": e["region_name"], "implementing_body": e["body"]}
        for e in guide.entries
    ]
    return data
