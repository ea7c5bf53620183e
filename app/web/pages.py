"""Citizen-facing catalog pages: home, browse/search, the guide, and the apply placeholder."""

from __future__ import annotations

from dataclasses import fields
from urllib.parse import urlencode

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from minijinja import Markup

from app import i18n
from app.runtime import Runtime
from app.web.filters import parse_filters
from plugins.geography import CITY_CODE, DEPARTMENTS, DISTRICT_CODES, REGIONS


# Rendered guide articles, per matter version and region: a guide changes only when the catalog
# is synced (which changes the version), so the article is rendered once and the layout around it
# per request.
ARTICLE_CACHE_SIZE = 4096
_articles: dict[tuple[int, str, str, str], Markup] = {}


def shallow(obj) -> dict:
    """A dataclass as a dict for the template, without `asdict`'s deep copy."""
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


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
        request, "pages/home.html", figures=shallow(figures), themes=list(i18n.THEMES), **home_data
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
        filters=shallow(filters) | {"active": filters.active},
        errors=errors,
        result=shallow(result),
        pages=pages,
        region_name=REGIONS[filters.region].name if filters.region else "",
        department_names={c: d.name for c, d in DEPARTMENTS.items()},
        **_choices(),
    )


@get("/matters/{key:str}", name="guide", include_in_schema=False)
async def guide(request: Request, key: FromPath[str]) -> Response:
    rt = runtime(request)
    guide_view = await rt.catalog.guide(key)
    if guide_view is None:
        raise NotFoundException()
    matter, entries = guide_view.matter, guide_view.entries
    wanted = request.query_params.get("region", "")
    only = entries[0] if len(entries) == 1 else None
    current = next((e for e in entries if e["region_code"] == wanted), only)
    region = current["region_code"] if current else ""
    cache_key = (rt.catalog.generation, key, guide_view.version, region)
    article = _articles.get(cache_key)
    if article is None:
        members = []
        for member_key in matter.members if matter.is_bundle else ():
            member = await rt.catalog.guide(member_key)
            if member is not None:
                members.append(member.data)
        article = Markup(rt.renderer.render(
            "partials/_guide.html",
            matter=guide_view.data,
            entries=entries,
            current=current,
            members=members,
            halls=await rt.catalog.halls(region or CITY_CODE),
            department=DEPARTMENTS[matter.department].name,
        ))
        _articles[cache_key] = article
        if len(_articles) > ARTICLE_CACHE_SIZE:
            _articles.pop(next(iter(_articles)))
    return rt.renderer.page(request, "pages/guide.html", matter=guide_view.data, article=article)
