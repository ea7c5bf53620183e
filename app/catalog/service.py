"""The catalog a controller (or a worker) asks for: guides, entries, figures, search."""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass

from piccolo.engine.base import Engine

from app.catalog import search as search_module
from app.catalog.sync import get_setting, put_setting
from app.db.engine import fetch
from plugins.declarations import Matter, matter_from_dict
from plugins.geography import DEPARTMENTS


SEARCH_CACHE_SIZE = 2048
FIGURES_SECONDS = 300


@dataclass(frozen=True)
class Figures:
    """Live figures for the home page, computed once per catalog sync."""

    matters: int
    entries: int
    at_most_one_trip: float
    zero_trips: float
    fully_online: int


@dataclass(frozen=True)
class Guide:
    version: str
    matter: Matter
    data: dict
    entries: list[dict]


class CatalogService:
    def __init__(self, engine: Engine, cache_seconds: float = 60.0) -> None:
        self.engine = engine
        self.cache_seconds = cache_seconds
        self.generation = 0  # bumped by forget(): keys for caches of things rendered from the catalog
        self._searches: OrderedDict[search_module.Filters, tuple[float, search_module.SearchResult]] = OrderedDict()
        self._guides: dict[str, Guide] = {}
        self._halls: dict[str, list[dict]] = {}
        self._figures: Figures | None = None
        self._figures_until = 0.0
        self._home: dict | None = None

    def forget(self) -> None:
        """Drop cached copies after a sync."""
        self.generation += 1
        self._guides.clear()
        self._halls.clear()
        self._searches.clear()
        self._figures = None
        self._home = None

    async def search(self, filters: search_module.Filters) -> search_module.SearchResult:
        """Search, answered from a small in-process cache for `cache_seconds` (the catalog changes
        only when it is synced, and popular queries repeat)."""
        if self.cache_seconds <= 0:
            return await search_module.search(self.engine, filters)
        now = time.monotonic()
        hit = self._searches.get(filters)
        if hit is not None and hit[0] > now:
            self._searches.move_to_end(filters)
            return hit[1]
        result = await search_module.search(self.engine, filters)
        self._searches[filters] = (now + self.cache_seconds, result)
        if len(self._searches) > SEARCH_CACHE_SIZE:
            self._searches.popitem(last=False)
        return result

    async def matter(self, key: str) -> Matter | None:
        guide = await self.guide(key)
        return guide.matter if guide else None

    async def guide(self, key: str) -> "Guide | None":
        """The declaration, its JSON-ready dict and its entries, cached per matter version."""
        rows = await fetch(self.engine, "SELECT version FROM matter WHERE key = {}", key)
        if not rows:
            return None
        cached = self._guides.get(key)
        if cached and cached.version == rows[0]["version"]:
            return cached
        row = (await fetch(self.engine, "SELECT version, declaration FROM matter WHERE key = {}", key))[0]
        matter = matter_from_dict(json.loads(row["declaration"]))
        entries = await fetch(
            self.engine,
            "SELECT id, region_code, region_name, district_code, body FROM matter_entry "
            "WHERE matter_key = {} ORDER BY id",
            key,
        )
        guide = Guide(row["version"], matter, matter.to_dict(), entries)
        self._guides[key] = guide
        return guide

    async def halls(self, region_code: str) -> list[dict]:
        """Halls and service points of a region (reference data: cached until the next sync)."""
        if region_code not in self._halls:
            self._halls[region_code] = await fetch(
                self.engine,
                "SELECT name, kind, address, hours, phone FROM hall WHERE region_code = {} ORDER BY kind, name",
                region_code,
            )
        return self._halls[region_code]

    async def figures(self) -> Figures:
        """Read at most every FIGURES_SECONDS: the worker refreshes them in the database."""
        if self._figures is None or time.monotonic() > self._figures_until:
            self._figures_until = time.monotonic() + FIGURES_SECONDS
            stored = await get_setting(self.engine, "catalog_figures")
            if stored is None:
                self._figures = await self.compute_figures()
            else:
                self._figures = Figures(**json.loads(stored))
        return self._figures

    async def compute_figures(self) -> Figures:
        row = (await fetch(
            self.engine,
            "SELECT count(*) AS n, sum(CASE WHEN trips <= 1 THEN 1 ELSE 0 END) AS one, "
            "sum(CASE WHEN trips = 0 THEN 1 ELSE 0 END) AS zero, "
            "sum(CASE WHEN online_depth = 4 THEN 1 ELSE 0 END) AS online, "
            "sum(entry_count) AS entries FROM matter",
        ))[0]
        n = row["n"] or 0
        figures = Figures(
            matters=n,
            entries=int(row["entries"] or 0),
            at_most_one_trip=round(100 * (row["one"] or 0) / n, 1) if n else 0.0,
            zero_trips=round(100 * (row["zero"] or 0) / n, 1) if n else 0.0,
            fully_online=int(row["online"] or 0),
        )
        await put_setting(self.engine, "catalog_figures", json.dumps(asdict(figures)))
        return figures

    async def home(self) -> dict:
        """Popular matters and the departments present, cached until the next sync."""
        if self._home is None:
            popular = await fetch(
                self.engine,
                "SELECT key, name, department, for_person, for_company, online_depth, trips "
                "FROM matter ORDER BY popularity DESC, key LIMIT 8",
            )
            present = await fetch(self.engine, "SELECT DISTINCT department FROM matter")
            codes = {r["department"] for r in present}
            departments = [
                {"code": d.code, "name": d.name} for d in DEPARTMENTS.values() if d.code in codes
            ]
            self._home = {"popular": popular, "departments": departments}
        return self._home

