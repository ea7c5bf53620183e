"""Citizen-facing catalog pages: home, browse/search, the guide, and the apply placeholder."""

from __future__ import annotations

from dataclasses import asdict
from urllib.parse import urlencode

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from app import i18n
from app.runtime import Runtime
from app.web.filters import parse_filters
from plugins.geography import DEPARTMENTS, DISTRICT_CODES, REGIONS


def runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def _choices() -> dict:
    return {
        "departments": [{"code": d.code, "name": d.name} for d in DEPARTMENTS.values()],
        "districts": [{"code": c, "name": REGIONS[c].name} for c in DISTRICT_CODES],
        "themes": list(i18n.THEMES),
    }


@get("/", name="home", include_in_schema=False)
async def home(request: Request) -> Response:
    rt = runtime(request)
    figures = await rt.catalog.figures()
    home_data = await rt.catalog.home()
    return rt.renderer.page(
        request, "pages/home.html", figures=asdict(figures), themes=list(i18n.THEMES), **home_data
    )


@get("/matters", name="matters", include_in_schema=False)
async def matters(request: Request) -> Response:
    rt = runtime(request)
    filters, errors = parse_filters(request.query_params)
    result = await rt.catalog.search(filters)
    base = {k: v for k, v in request.query_params.items() if k != "page" and v}
    pages = {
        "prev": "/matters?" + urlencode({**base, "page": result.page - 1}) if result.page > 1 else None,
        "next": "/matters?" + urlencode({**base, "page": result.page + 1})
        if result.page < result.pages
        else None,
    }
    return rt.renderer.page(
        request,
        "pages/matters.html",
        partial="partials/_results.html",
        filters=asdict(filters) | {"active": filters.active},
        errors=errors,
        result=asdict(result),
        pages=pages,
        region_name=REGIONS[filters.region].name if filters.region else "",
        department_names={c: d.name for c, d in DEPARTMENTS.items()},
        **_choices(),
    )


@get("/matters/{key:str}", name="guide", include_in_schema=False)
async def guide(request: Request, key: FromPath[str]) -> Response:
    rt = runtime(request)
    matter = await rt.catalog.matter(key)
    if matter is None:
        raise NotFoundException()
    entries = await rt.catalog.entries(key)
    wanted = request.query_params.get("region", "")
    current = next((e for e in entries if e["region_code"] == wanted), entries[0] if entries else None)
    members = []
    if matter.is_bundle:
        for member_key in matter.members:
            member = await rt.catalog.matter(member_key)
            if member is not None:
                members.append(member.to_dict())
    halls = await rt.catalog.halls(current["region_code"]) if current else []
    return rt.renderer.page(
        request,
        "pages/guide.html",
        matter=matter.to_dict(),
        entries=entries,
        current=current,
        members=members,
        halls=halls,
        department=DEPARTMENTS[matter.department].name,
        parallel=_parallel_groups(matter),
    )


@get("/matters/{key:str}/apply", name="apply", include_in_schema=False)
async def apply_placeholder(request: Request, key: FromPath[str]) -> Response:
    rt = runtime(request)
    matter = await rt.catalog.matter(key)
    if matter is None:
        raise NotFoundException()
    entries = await rt.catalog.entries(key)
    region = request.query_params.get("region") or (entries[0]["region_code"] if entries else "")
    halls = await rt.catalog.halls(region) if region else []
    return rt.renderer.page(request, "pages/apply_coming.html", matter=matter.to_dict(), halls=halls,
                            region=region)


def _parallel_groups(matter) -> dict[str, int]:
    counts: dict[str, int] = {}
    for step in matter.steps:
        if step.parallel_group:
            counts[step.parallel_group] = counts.get(step.parallel_group, 0) + 1
    return counts
