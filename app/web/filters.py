"""Reading catalog filters from a query string, with Chinese messages for bad values."""

from __future__ import annotations

from collections.abc import Mapping

from app.catalog.search import Filters
from app.i18n import THEMES
from plugins.geography import CITY_CODE, DEPARTMENTS, REGIONS


def parse_filters(params: Mapping[str, str]) -> tuple[Filters, dict[str, str]]:
    errors: dict[str, str] = {}

    def integer(name: str, low: int, high: int, message: str) -> int | None:
        raw = (params.get(name) or "").strip()
        if not raw:
            return None
        if raw.isascii() and raw.isdigit() and low <= int(raw) <= high:
            return int(raw)
        errors[name] = message
        return None

    kind = (params.get("kind") or "").strip()
    if kind and kind not in ("person", "company"):
        errors["kind"] = "服务对象只能是“自然人”或“法人”"
        kind = ""
    department = (params.get("department") or "").strip()
    if department and department not in DEPARTMENTS:
        errors["department"] = "没有这个部门，请从列表中选择"
        department = ""
    region = (params.get("region") or "").strip()
    if region and (region not in REGIONS or REGIONS[region].level == "town"):
        errors["region"] = "没有这个区县，请从列表中选择"
        region = ""
    if region == CITY_CODE:
        region = ""
    theme = (params.get("theme") or "").strip()
    if theme and theme not in THEMES:
        errors["theme"] = "没有这个主题，请从列表中选择"
        theme = ""
    q = (params.get("q") or "").strip()
    if len(q) > 50:
        errors["q"] = "搜索内容不能超过50个字"
        q = q[:50]
    filters = Filters(
        q=q,
        kind=kind,
        department=department,
        region=region,
        theme=theme,
        trips=integer("trips", 0, 9, "跑动次数应为0到9之间的整数"),
        depth=integer("depth", 1, 4, "网办深度应为1到4之间的整数"),
        online=(params.get("online") or "") in ("1", "on", "true"),
        page=integer("page", 1, 50, "页码应为1到50之间的整数") or 1,
    )
    return filters, errors
