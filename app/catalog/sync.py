"""Syncing the assembled catalog into the database so browsing and search run as queries.

Each matter becomes one `matter` row (its declaration as JSON) and one `matter_entry` row per
region that implements it (and per town for town-level matters), as implementation lists are kept.
Entries are numbered by popularity, so listings read in index order. The work is skipped when the
catalog's fingerprint has not changed since the last start.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

import logging

from piccolo.engine.base import Engine

from app.catalog import text
from app.db.engine import executemany, fetch, lock_for_sync, is_postgres
from plugins.declarations import ApplicantKind, Matter, matter_from_dict
from plugins.geography import CITY_CODE, REGIONS, implementing_body, towns_of

log = logging.getLogger("kuaiban.catalog")

GENERATED_PLUGIN = "kuaiban-demo-catalog"

MATTER_COLUMNS = [
    "key", "version", "code", "name", "type", "department", "for_person", "for_company", "themes",
    "online_depth", "trips", "promised_limit", "legal_limit", "instant", "free", "is_bundle", "plugin",
    "popularity", "entry_count", "declaration", "text_tokens", "synced_at",
]
ENTRY_COLUMNS = [
    "id", "matter_key", "name", "region_code", "region_name", "district_code", "body", "department",
    "for_person", "for_company", "themes", "online_depth", "trips", "promised_limit", "is_primary",
    "tokens", "pinyin", "initials", "initials_tokens", "scope",
]


@dataclass(frozen=True, slots=True)
class SyncReport:
    matters: int
    entries: int
    skipped: bool


def entry_regions(matter: Matter) -> list[str]:
    codes: list[str] = []
    for code in matter.regions:
        codes.append(code)
        if matter.town_level and REGIONS[code].level == "district":
            codes.extend(t.code for t in towns_of(code))
    return codes


def guide_text(matter: Matter) -> str:
    """What a guide-text match searches: keywords, summary, conditions, materials, outputs."""
    parts = [*matter.keywords, matter.summary, *matter.conditions, *matter.themes]
    parts += [m.title for m in matter.materials] + [o.name for o in matter.outputs]
    return " ".join(parts)


def text_tokens(matter: Matter) -> list[str]:
    """Guide text as character grams, plus keywords and themes in pinyin and initials."""
    tokens = text.gram_tokens(guide_text(matter))
    for phrase in (*matter.keywords, *matter.themes):
        tokens += text.pinyin_syllables(phrase) + text.gram_tokens(text.initials(phrase))
    return tokens


INDEX_FORMAT = "3"  # bump when tokenising or the index layout changes, so the next start re-syncs


def fingerprint(matters: Iterable[Matter]) -> str:
    """Changes when any declaration, the region list or the index format changes."""
    digest = hashlib.sha256(INDEX_FORMAT.encode())
    digest.update(repr(sorted((r.code, r.name, r.parent) for r in REGIONS.values())).encode())
    for matter in sorted(matters, key=lambda m: m.key):
        digest.update(json.dumps(matter.to_dict(), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


async def generated_matters(engine: Engine) -> list[Matter]:
    rows = await fetch(engine, "SELECT declaration FROM matter WHERE plugin = {}", GENERATED_PLUGIN)
    return [matter_from_dict(json.loads(r["declaration"])) for r in rows]


async def get_setting(engine: Engine, name: str) -> str | None:
    rows = await fetch(engine, "SELECT value FROM setting WHERE name = {}", name)
    return rows[0]["value"] if rows else None


async def put_setting(engine: Engine, name: str, value: str) -> None:
    await fetch(
        engine,
        "INSERT INTO setting (name, value) VALUES ({}, {}) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        name, value,
    )


async def sync_catalog(
    engine: Engine,
    matters: dict[str, Matter],
    matter_plugin: dict[str, str],
    *,
    generated: list[Matter] | None = None,
    force: bool = False,
) -> SyncReport:
    """Write plugin matters (plus generated demo matters, kept unless replaced) and their entries."""
    if generated is None:
        generated = [m for m in await generated_matters(engine) if m.key not in matters]
    everything = list(matters.values()) + generated
    plugin_of = dict(matter_plugin) | {m.key: GENERATED_PLUGIN for m in generated}
    mark = fingerprint(everything)
    if not force and await get_setting(engine, "catalog_fingerprint") == mark:
        count = await fetch(engine, "SELECT count(*) AS n FROM matter_entry")
        return SyncReport(len(everything), count[0]["n"], skipped=True)

    now = datetime.datetime.now(datetime.UTC)
    ranked = sorted(everything, key=lambda m: (-m.popularity, m.key))
    matter_rows, entry_rows = [], []
    region_cache: dict[str, tuple[list[str], list[str], str, list[str]]] = {}
    next_id = 1
    for matter in ranked:
        codes = entry_regions(matter)
        name_grams = text.gram_tokens(matter.name)
        name_pinyin = text.pinyin_syllables(matter.name)
        name_initials = text.initials(matter.name)
        kinds = set(matter.applicant_kinds)
        themes = " ".join(matter.themes)
        for index, code in enumerate(codes):
            if code not in region_cache:
                region = REGIONS[code]
                region_cache[code] = (
                    text.gram_tokens(region.name), text.pinyin_syllables(region.name),
                    text.initials(region.name), text.initials_tokens(region.name),
                )
            r_grams, r_pinyin, r_initials, r_initial_tokens = region_cache[code]
            region = REGIONS[code]
            district = code if region.level != "town" else region.parent
            district = district if code != CITY_CODE else CITY_CODE
            entry_rows.append((
                next_id, matter.key, matter.name, code, region.name, district,
                implementing_body(code, matter.department), matter.department,
                ApplicantKind.PERSON in kinds, ApplicantKind.COMPANY in kinds, themes,
                matter.online_depth, matter.trips, matter.promised_limit, index == 0,
                " ".join(name_grams + r_grams), " ".join(name_pinyin + r_pinyin),
                name_initials + " " + r_initials,
                " ".join(text.gram_tokens(name_initials) + r_initial_tokens),
                f"d{district} p" if index == 0 else f"d{district}",
            ))
            next_id += 1
        declaration = json.dumps(matter.to_dict(), ensure_ascii=False)
        matter_rows.append((
            matter.key, matter.version, matter.code, matter.name, matter.type.value, matter.department,
            ApplicantKind.PERSON in kinds, ApplicantKind.COMPANY in kinds, themes, matter.online_depth,
            matter.trips, matter.promised_limit, matter.legal_limit, matter.instant, matter.free,
            matter.is_bundle, plugin_of[matter.key], matter.popularity, len(codes), declaration,
            " ".join(text_tokens(matter)), now,
        ))

    async with engine.transaction():
        await lock_for_sync(engine)
        await fetch(engine, "DELETE FROM matter_entry")
        await fetch(engine, "DELETE FROM matter")
        await executemany(engine, "matter", MATTER_COLUMNS, matter_rows)
        await executemany(engine, "matter_entry", ENTRY_COLUMNS, entry_rows)
        known = {(r["key"], r["version"]): r["declaration"]
                 for r in await fetch(engine, "SELECT key, version, declaration FROM matter_version")}
        for row in matter_rows:
            stored = known.get((row[0], row[1]))
            if stored is not None and stored != row[19]:
                log.warning("matter %s changed without a version bump (still %s): bump `version` so "
                            "cases keep the guide they were filed under", row[0], row[1])
        await executemany(
            engine, "matter_version", ["key", "version", "declaration", "synced_at"],
            [(row[0], row[1], row[19], now) for row in matter_rows if (row[0], row[1]) not in known
             and plugin_of[row[0]] != GENERATED_PLUGIN],
        )
        if not is_postgres(engine):
            await fetch(engine, "INSERT INTO matter_search(matter_search) VALUES ('rebuild')")
            await fetch(engine, "INSERT INTO matter_search_primary(matter_search_primary) VALUES ('delete-all')")
            await fetch(
                engine,
                "INSERT INTO matter_search_primary(rowid, tokens, initials_tokens, pinyin) "
                "SELECT id, tokens, initials_tokens, pinyin FROM matter_entry WHERE is_primary",
            )
            await fetch(engine, "INSERT INTO matter_text_search(matter_text_search) VALUES ('rebuild')")
        await put_setting(engine, "catalog_fingerprint", mark)
    if is_postgres(engine):
        await fetch(engine, "ANALYZE matter_entry")
    else:
        await fetch(engine, "ANALYZE")
    return SyncReport(len(everything), len(entry_rows), skipped=False)
