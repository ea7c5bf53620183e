"""Catalog browse and search as index-ordered queries, on SQLite (FTS5) and PostgreSQL (GIN).

Results are entries in id order (= popularity rank), so `LIMIT 20` reads the first matches of an
index and never sorts. Name (and region) matches come before guide-text matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from piccolo.engine.base import Engine

from app.catalog import text
from app.db.engine import fetch, is_postgres

PAGE_SIZE = 20
COUNT_CAP = 1000
TEXT_MATCH_CAP = 200  # guide-text matches are a secondary list: the most popular 200 matters

ENTRY_FIELDS = (
    "e.id, e.matter_key, e.name, e.region_code, e.region_name, e.body, e.department, e.for_person, "
    "e.for_company, e.online_depth, e.trips, e.promised_limit, e.themes"
)


@dataclass(frozen=True, slots=True)
class Filters:
    q: str = ""
    kind: str = ""  # person | company
    department: str = ""
    region: str = ""  # district (or city) code
    theme: str = ""
    trips: int | None = None  # at most
    depth: int | None = None
    online: bool = False
    page: int = 1

    @property
    def active(self) -> bool:
        return bool(self.kind or self.department or self.region or self.theme or self.online
                    or self.trips is not None or self.depth is not None)


@dataclass(slots=True)
class SearchResult:
    items: list[dict]
    total: int
    capped: bool
    page: int
    pages: int
    name_matches: int = 0
    words: list[str] = field(default_factory=list)


class _Where:
    """Builds a WHERE clause with Piccolo `{}` placeholders."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.args: list = []

    def add(self, sql: str, *args) -> None:
        self.parts.append(sql)
        self.args.extend(args)

    def sql(self) -> str:
        return " AND ".join(self.parts) if self.parts else "1=1"


def _filters(where: _Where, f: Filters, *, scope_in_index: bool = False) -> None:
    """Filters as SQL; with `scope_in_index` the region/primary filter is left to the FTS match."""
    if f.kind == "person":
        where.add("e.for_person = {}", True)
    elif f.kind == "company":
        where.add("e.for_company = {}", True)
    if f.department:
        where.add("e.department = {}", f.department)
    if scope_in_index:
        pass
    elif f.region:
        where.add("e.district_code IN ({}, {})", f.region, "500000")
    else:
        where.add("e.is_primary = {}", True)
    if f.theme:
        where.add("e.themes LIKE {}", f"%{f.theme}%")
    if f.trips is not None:
        where.add("e.trips <= {}", f.trips)
    if f.online:
        where.add("e.online_depth = {}", 4)
    elif f.depth is not None:
        where.add("e.online_depth = {}", f.depth)


def query_words(q: str) -> list[str]:
    words = []
    for word in text.normalise(q).split():
        words.extend(text.runs(word))
    return words[:6]


def _fts_phrase(word: str) -> str:
    if text.is_letters(word):
        options = [f'initials_tokens : "{" ".join(text.gram_phrase(word))}"']
        syllables = text.split_pinyin(word)
        if syllables:
            prefix = syllables[-1].endswith("*")
            phrase = " ".join(s.rstrip("*") for s in syllables)
            options.append(f'pinyin : "{phrase}"' + (" *" if prefix else ""))
        return "(" + " OR ".join(options) + ")"
    return f'tokens : "{" ".join(text.gram_phrase(word))}"'


def _pg_condition(word: str, where: _Where) -> None:
    if text.is_letters(word):
        syllables = text.split_pinyin(word)
        opts = ["(string_to_array(e.initials_tokens, ' ') @> {} AND strpos(e.initials, {}) > 0)"]
        args: list = [text.gram_phrase(word), word]
        if syllables:
            whole = [s.rstrip("*") for s in syllables]
            complete = whole[:-1] if syllables[-1].endswith("*") else whole
            opts.append("(string_to_array(e.pinyin, ' ') @> {} AND strpos(' ' || e.pinyin, {}) > 0)")
            args += [complete or [], " " + " ".join(whole)]
        where.add("(" + " OR ".join(opts) + ")", *args)
    else:
        where.add(
            "(string_to_array(e.tokens, ' ') @> {} AND strpos(e.name || ' ' || e.region_name, {}) > 0)",
            text.gram_phrase(word), word,
        )


def _name_query(engine: Engine, words: list[str], f: Filters) -> tuple[str, list]:
    """FROM/WHERE of the entries whose name or region holds every word, in rank order."""
    where = _Where()
    if is_postgres(engine):
        for word in words:
            _pg_condition(word, where)
        _filters(where, f)
        return f"FROM matter_entry e WHERE {where.sql()} ORDER BY e.id", where.args
    terms = [_fts_phrase(w) for w in words]
    if f.region:  # the full index, narrowed to the district (and city-level entries)
        table = "matter_search"
        terms.insert(0, f"(scope : d{f.region} OR scope : d500000)")
    else:  # one entry per matter: a small index
        table = "matter_search_primary"
        if not terms:
            terms = ["scope : p"]
            table = "matter_search"
    where.add(f"s.{table} MATCH {{}}", " AND ".join(terms))
    _filters(where, f, scope_in_index=True)
    return (
        f"FROM {table} s JOIN matter_entry e ON e.id = s.rowid WHERE {where.sql()} ORDER BY s.rowid",
        where.args,
    )


def _text_phrases(word: str) -> list[list[str]]:
    """Alternative token phrases for a word in the guide-text index (any one may match)."""
    if not text.is_letters(word):
        return [text.gram_phrase(word)]
    options = [text.gram_phrase(word)]
    syllables = text.split_pinyin(word)
    if syllables and not syllables[-1].endswith("*"):
        options.append(syllables)
    return options


async def _text_matter_keys(engine: Engine, words: list[str]) -> list[str]:
    """Matters whose guide text, keywords or themes (not name) hold every word."""
    if is_postgres(engine):
        where = _Where()
        for word in words:
            alternatives = _text_phrases(word)
            checks, args = [], []
            for phrase in alternatives:  # the array finds candidates, strpos keeps the phrase order
                checks.append("(string_to_array(text_tokens, ' ') @> {} AND "
                              "strpos(' ' || text_tokens || ' ', {}) > 0)")
                args += [phrase, " " + " ".join(phrase) + " "]
            where.add("(" + " OR ".join(checks) + ")", *args)
        rows = await fetch(
            engine,
            f"SELECT key, name FROM matter WHERE {where.sql()} ORDER BY popularity DESC, key "
            f"LIMIT {TEXT_MATCH_CAP}",
            *where.args,
        )
    else:
        match = " AND ".join(
            "(" + " OR ".join(f'"{" ".join(p)}"' for p in _text_phrases(w)) + ")" for w in words
        )
        rows = await fetch(
            engine,
            "SELECT m.key, m.name FROM matter_text_search t JOIN matter m ON m.rowid = t.rowid "
            f"WHERE matter_text_search MATCH {{}} ORDER BY t.rowid LIMIT {TEXT_MATCH_CAP}", match,
        )
    return [r["key"] for r in rows]


async def search(engine: Engine, f: Filters) -> SearchResult:
    page = max(1, f.page)
    offset = (page - 1) * PAGE_SIZE
    words = query_words(f.q)
    if not words:
        list_from, list_args = _name_query(engine, [], f)
        items = await fetch(engine, f"SELECT {ENTRY_FIELDS} {list_from} LIMIT {PAGE_SIZE} OFFSET {offset}", *list_args)
        total = await _count(engine, f"SELECT e.id {list_from}", list_args)
        return _result(items, total, page, total, words)

    name_from, name_args = _name_query(engine, words, f)
    name_total = await _count(engine, f"SELECT e.id {name_from}", name_args)
    items = []
    if offset < name_total:
        items = await fetch(
            engine, f"SELECT {ENTRY_FIELDS} {name_from} LIMIT {PAGE_SIZE} OFFSET {offset}", *name_args
        )
    text_keys = await _text_matter_keys(engine, words)
    text_total = 0
    if text_keys:
        where = _Where()
        where.add("e.matter_key IN (" + ", ".join("{}" for _ in text_keys) + ")", *text_keys)
        _filters(where, f)
        # Never list an entry twice: leave out what the name query lists.
        where.add(f"e.id NOT IN (SELECT e.id {name_from})", *name_args)
        text_rows = await fetch(
            engine,
            f"SELECT {ENTRY_FIELDS} FROM matter_entry e WHERE {where.sql()} ORDER BY e.id LIMIT {COUNT_CAP}",
            *where.args,
        )
        text_total = len(text_rows)
        if len(items) < PAGE_SIZE:
            start = max(0, offset - name_total)
            items += text_rows[start : start + PAGE_SIZE - len(items)]
    return _result(items, name_total + text_total, page, name_total, words)


async def _count(engine: Engine, inner: str, args: list) -> int:
    rows = await fetch(engine, f"SELECT count(*) AS n FROM ({inner} LIMIT {COUNT_CAP + 1}) AS c", *args)
    return rows[0]["n"]


def _result(items: list[dict], total: int, page: int, name_matches: int, words: list[str]) -> SearchResult:
    capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    pages = max(1, -(-total // PAGE_SIZE))
    return SearchResult(items, total, capped, page, pages, min(name_matches, COUNT_CAP), words)
