"""Reference data: regions, departments, service halls and service points."""

from __future__ import annotations

from piccolo.engine.base import Engine

from app.db.engine import executemany, fetch, lock_for_sync
from plugins.geography import DEPARTMENTS, REGIONS

WEEKDAY_HOURS = "周一至周五 9:00-12:00，13:00-17:00（法定节假日除外）；24小时自助服务区全天开放"
TOWN_HOURS = "周一至周五 9:00-12:00，14:00-17:30（法定节假日除外）"

# Halls whose address we state precisely; the others are named after their district seat.
KNOWN_HALLS = {
    "500000": ("重庆市政务服务中心", "渝北区青枫北路6号", "023-12345"),
    "500103": ("渝中区政务服务中心", "渝中区大坪正街160号", "023-63700000"),
    "500108": ("南岸区行政服务中心", "南岸区南坪西路36号", "023-62988000"),
    "500106": ("沙坪坝区行政服务中心", "沙坪坝区天星桥正街8号", "023-65363000"),
}


def hall_rows() -> list[tuple]:
    rows = []
    for code, region in REGIONS.items():
        if region.level in ("city", "district"):
            name, address, phone = KNOWN_HALLS.get(
                code, (f"{region.name}政务服务中心", f"{region.name}人民政府行政服务大楼", "023-12345")
            )
            rows.append((name, "hall", code, address, WEEKDAY_HOURS, phone))
        else:
            district = REGIONS[region.parent]
            rows.append(
                (f"{region.name}便民服务中心", "point", code, f"{district.name}{region.name}便民服务中心一楼",
                 TOWN_HOURS, "023-12345")
            )
    return rows


async def sync_reference(engine: Engine) -> None:
    """Replace regions, departments and halls with the current reference data (a few hundred rows)."""
    async with engine.transaction():
        await lock_for_sync(engine)
        for table in ("region", "department", "hall"):
            await fetch(engine, f"DELETE FROM {table}")
        await executemany(
            engine, "region", ["code", "name", "level", "parent"],
            [(r.code, r.name, r.level, r.parent) for r in REGIONS.values()],
        )
        await executemany(
            engine, "department", ["code", "name", "phone"],
            [(d.code, d.name, d.consult_phone) for d in DEPARTMENTS.values()],
        )
        await executemany(
            engine, "hall", ["name", "kind", "region_code", "address", "hours", "phone"], hall_rows()
        )
