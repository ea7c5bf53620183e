"""Piccolo tables. Natural keys where the domain has them (region codes, matter keys)."""

from __future__ import annotations

from piccolo.columns import Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table


class Migration(Table, tablename="kuaiban_migration"):
    name = Varchar(length=100, primary_key=True)
    applied_at = Timestamptz()


class RegionRow(Table, tablename="region"):
    code = Varchar(length=12, primary_key=True)
    name = Varchar(length=50)
    level = Varchar(length=10)
    parent = Varchar(length=12, null=True, index=True)


class DepartmentRow(Table, tablename="department"):
    code = Varchar(length=40, primary_key=True)
    name = Varchar(length=100)
    phone = Varchar(length=30)


class Hall(Table, tablename="hall"):
    """A service hall (政务服务中心) or a service point (便民服务点) where matters are handled."""

    name = Varchar(length=100)
    kind = Varchar(length=10)  # hall | point
    region_code = Varchar(length=12, index=True)
    address = Varchar(length=200)
    hours = Varchar(length=100)
    phone = Varchar(length=30)


class MatterRow(Table, tablename="matter"):
    """One matter declaration as the catalog serves it; `declaration` is `Matter.to_dict()` JSON."""

    key = Varchar(length=64, primary_key=True)
    version = Varchar(length=20)
    code = Varchar(length=60)
    name = Varchar(length=200)
    type = Varchar(length=20)
    department = Varchar(length=40, index=True)
    for_person = Boolean()
    for_company = Boolean()
    themes = Varchar(length=200)
    online_depth = Integer()
    trips = Integer()
    promised_limit = Integer()
    legal_limit = Integer()
    instant = Boolean()
    free = Boolean()
    is_bundle = Boolean()
    plugin = Varchar(length=100)
    popularity = Integer()
    entry_count = Integer()
    declaration = Text()
    text_tokens = Text()
    synced_at = Timestamptz()


class MatterVersion(Table, tablename="matter_version"):
    """Every version of every matter ever synced, so a case can show the guide it was filed under."""

    key = Varchar(length=64)
    version = Varchar(length=20)
    declaration = Text()
    synced_at = Timestamptz()


class Setting(Table, tablename="setting"):
    """Small named values the host keeps between starts (catalog fingerprint, live figures)."""

    name = Varchar(length=60, primary_key=True)
    value = Text()


class MatterEntry(Table, tablename="matter_entry"):
    """One implementation of a matter in one region (实施清单 row): what browse and search list.

    `id` is the rank by popularity, so `ORDER BY id LIMIT 20` needs no sort. The filter columns are
    copied from the matter so a listing is one indexed query.
    """

    id = Integer(primary_key=True)
    matter_key = Varchar(length=64, index=True)
    name = Varchar(length=200)
    region_code = Varchar(length=12)
    region_name = Varchar(length=50)
    district_code = Varchar(length=12)
    body = Varchar(length=200)
    department = Varchar(length=40)
    for_person = Boolean()
    for_company = Boolean()
    themes = Varchar(length=200)
    online_depth = Integer()
    trips = Integer()
    promised_limit = Integer()
    is_primary = Boolean()
    tokens = Text()
    pinyin = Text()
    initials = Varchar(length=200)
    initials_tokens = Text()
    scope = Varchar(length=40)  # "d<district> [p]": filters the SQLite full-text index can apply


TABLES: tuple[type[Table], ...] = (
    Migration, Setting, RegionRow, DepartmentRow, Hall, MatterRow, MatterVersion, MatterEntry,
)


def bind(engine) -> None:
    """Point every table at the configured engine (set once at start-up)."""
    for table in TABLES:
        table._meta._db = engine
