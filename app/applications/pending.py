"""Answers posted after the session ran out, kept until the applicant signs in again.

A page saved (or a field left) a moment after the session expired would otherwise lose what was
typed since the last save: the request is answered with the sign-in page. When the expired session
was the draft owner's own, its text values are kept here for that account under a random token (a
cookie on that browser, an hour at most), and once that account signs in on that browser they are
saved into the draft as if the post had gone through. Nobody else's sign-in can take them.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import secrets

from piccolo.engine.base import Engine

from app.clock import stored_moment
from app.db.engine import fetch
from plugins.declarations import FieldType, Matter

COOKIE = "kb_pending"
TTL = datetime.timedelta(hours=1)
MAX_BYTES = 64 * 1024
_PAGE = re.compile(r"^/apply/(\d+)/(\d+)$")
_FIELD = re.compile(r"^/apply/(\d+)/field/([A-Za-z0-9_]+)$")


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def target(path: str) -> tuple[int, int | None, str] | None:
    """(draft id, page index, field name) when `path` saves answers, else None."""
    if m := _PAGE.match(path):
        return int(m.group(1)), int(m.group(2)), ""
    if m := _FIELD.match(path):
        return int(m.group(1)), None, m.group(2)
    return None


async def keep(engine: Engine, path: str, pairs: list[tuple[str, str]], token: str | None,
               account_id: int) -> str | None:
    """Keep the text values posted to `path` for `account_id`, whose session has just run out, if the
    draft is that account's own (added to what `token` already keeps); returns the cookie's token."""
    aim = target(path)
    pairs = [(k, v) for k, v in pairs if isinstance(v, str) and not k.startswith("_")]
    if aim is None or not pairs or not 0 < aim[0] < 2**31:
        return None
    draft_id, index, field = aim
    owned = await fetch(engine, "SELECT 1 AS ok FROM draft WHERE id = {} AND account_id = {} AND entered_by IS NULL "
                                "AND case_number IS NULL", draft_id, account_id)
    if not owned:
        return None
    post = {"page": -1 if index is None else index, "field": field, "pairs": pairs}
    async with engine.transaction():
        await fetch(engine, "DELETE FROM pending_answers WHERE created_at < {}", _now() - TTL)
        rows = await fetch(engine, "SELECT posts FROM pending_answers WHERE token_hash = {} AND draft_id = {} "
                                   "AND account_id = {}", _hash(token), draft_id, account_id) \
            if token and len(token) <= 100 else []
        posts = json.loads(rows[0]["posts"]) + [post] if rows else [post]
        body = json.dumps(posts, ensure_ascii=False)
        if len(body.encode()) > MAX_BYTES:
            return token if rows else None
        if rows:
            await fetch(engine, "UPDATE pending_answers SET posts = {} WHERE token_hash = {}", body, _hash(token))
            return token
        token = secrets.token_urlsafe(24)
        await fetch(engine, "INSERT INTO pending_answers (token_hash, account_id, draft_id, posts, created_at) "
                            "VALUES ({}, {}, {}, {}, {})", _hash(token), account_id, draft_id, body, _now())
    return token


async def take(engine: Engine, token: str | None, account_id: int) -> dict | None:
    """The posts kept for this account under this token, once (they are deleted), unless older than TTL."""
    if not token or len(token) > 100:
        return None
    async with engine.transaction():
        rows = await fetch(engine, "DELETE FROM pending_answers WHERE token_hash = {} AND account_id = {} "
                                   "RETURNING draft_id, posts, created_at", _hash(token), account_id)
    if not rows:
        return None
    row = rows[0]
    if _now() - stored_moment(row["created_at"]) > TTL:
        return None
    return {"draft_id": row["draft_id"], "posts": json.loads(row["posts"])}


async def exists(engine: Engine, token: str | None) -> bool:
    """Whether anything is still kept under this token (for whichever account)."""
    if not token or len(token) > 100:
        return False
    return bool(await fetch(engine, "SELECT 1 AS kept FROM pending_answers WHERE token_hash = {} AND created_at > {}",
                            _hash(token), _now() - TTL))


def values(matter: Matter, kept: dict, pages) -> dict[str, str]:
    """The answers the kept posts carried, in order, read the way the page or field route reads them."""
    from litestar.datastructures import MultiDict

    from app.applications import form

    answers: dict[str, str] = {}
    for post in kept["posts"]:
        posted = MultiDict([tuple(pair) for pair in post["pairs"]])
        if post["field"]:
            fields = [f for f in matter.fields if f.name == post["field"]]
        elif 0 <= post["page"] < len(pages):
            fields = list(pages[post["page"]].fields)
        else:
            fields = []
        answers |= {f.name: form.normalise(f, form.read_value(f, posted))
                    for f in fields if f.type != FieldType.SIGNATURE}
    return answers


async def restore(engine: Engine, catalog, token: str | None, account_id: int) -> bool:
    """Save kept answers into their draft if it is this account's own and still open; True if saved."""
    from app.applications import drafts, form

    kept = await take(engine, token, account_id)
    if kept is None:
        return False
    draft = await drafts.get_own(engine, kept["draft_id"], account_id)
    matter = await catalog.matter(draft.matter_key) if draft is not None and not draft.case_number else None
    if matter is None:
        return False
    answers = values(matter, kept, form.pages(matter))
    if answers:
        await drafts.save_answers(engine, draft, answers)
    return bool(answers)
