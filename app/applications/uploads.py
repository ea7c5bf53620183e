"""Materials given with a draft: checked by content, stored by content hash, shown only to the owner."""

from __future__ import annotations

import asyncio
import datetime

from piccolo.engine.base import Engine

from app.db.engine import fetch
from app.materials.checks import check_upload, safe_filename
from app.materials.storage import FileStore
from plugins.declarations import Material

FIELDS = "id, account_id, draft_id, case_id, material, material_title, sha256, filename, kind, size, created_at"


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


async def _insert(engine: Engine, account_id: int, draft_id: int | None, case_id: int | None, material: Material,
                  sha: str, filename: str, kind: str, size: int) -> None:
    """The one place an upload row is written (a new file, a corrected file, or a reused one)."""
    await fetch(
        engine,
        "INSERT INTO upload (account_id, draft_id, case_id, material, material_title, sha256, filename, kind, size, "
        "created_at, removed_at) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, NULL)",
        account_id, draft_id, case_id, material.name, material.title, sha, filename, kind, size, _now(),
    )


async def for_draft(engine: Engine, draft_id: int) -> list[dict]:
    return await fetch(
        engine, f"SELECT {FIELDS} FROM upload WHERE draft_id = {{}} AND removed_at IS NULL ORDER BY id", draft_id
    )


async def add(
    engine: Engine, store: FileStore, account_id: int, draft_id: int, material: Material, filename: str, data: bytes
) -> str | None:
    """Store one file for one material; returns the Chinese reason when it is refused."""
    current = [u for u in await for_draft(engine, draft_id) if u["material"] == material.name]
    kind, problem = check_upload(material, filename, data, len(current))
    if problem:
        return problem
    sha = await asyncio.to_thread(store.put, data)  # fsyncs must not stall other requests
    await _insert(engine, account_id, draft_id, None, material, sha, safe_filename(filename), kind, len(data))
    return None


async def add_to_case(
    engine: Engine, store: FileStore, account_id: int, case_id: int, material: Material, filename: str, data: bytes
) -> str | None:
    """A corrected material given straight to a case that waits for corrections."""
    current = await fetch(
        engine, "SELECT count(*) AS n FROM upload WHERE case_id = {} AND material = {} AND removed_at IS NULL "
                "AND created_at > (SELECT max(created_at) FROM correction_notice WHERE case_id = {})",
        case_id, material.name, case_id,
    )
    kind, problem = check_upload(material, filename, data, current[0]["n"])
    if problem:
        return problem
    sha = await asyncio.to_thread(store.put, data)
    await _insert(engine, account_id, None, case_id, material, sha, safe_filename(filename), kind, len(data))
    return None


async def remove(engine: Engine, account_id: int, draft_id: int, upload_id: int) -> bool:
    rows = await fetch(
        engine,
        "UPDATE upload SET removed_at = {} WHERE id = {} AND account_id = {} AND draft_id = {} AND case_id IS NULL "
        "AND removed_at IS NULL RETURNING id",
        _now(), upload_id, account_id, draft_id,
    )
    return bool(rows)


async def reusable(engine: Engine, account_id: int) -> list[dict]:
    """Files the applicant gave with earlier cases: offered again with one tap."""
    return await fetch(
        engine,
        "SELECT u.id, u.material, u.material_title, u.filename, u.kind, u.size, u.created_at FROM upload u "
        "WHERE u.account_id = {} AND u.case_id IS NOT NULL AND u.removed_at IS NULL ORDER BY u.id DESC LIMIT 100",
        account_id,
    )


async def reuse(engine: Engine, account_id: int, draft_id: int, material: Material, upload_id: int) -> str | None:
    """Copy the record of an earlier file (same bytes, no new upload) onto this draft's material."""
    rows = await fetch(
        engine,
        f"SELECT {FIELDS} FROM upload WHERE id = {{}} AND account_id = {{}} AND case_id IS NOT NULL",
        upload_id, account_id,
    )
    if not rows:
        return "找不到该材料"
    old = rows[0]
    current = [u for u in await for_draft(engine, draft_id) if u["material"] == material.name]
    if len(current) >= material.max_files:
        return f"本项材料最多上传{material.max_files}个文件"
    if old["kind"] not in {k.replace("jpeg", "jpg") for k in material.kinds}:
        return "该文件格式不符合本项材料要求"
    await _insert(engine, account_id, draft_id, None, material, old["sha256"], old["filename"], old["kind"],
                  old["size"])
    return None


async def get_visible(engine: Engine, upload_id: int, account_id: int) -> dict | None:
    """A file for its owner only (staff access arrives with the window issue)."""
    rows = await fetch(
        engine, f"SELECT {FIELDS} FROM upload WHERE id = {{}} AND account_id = {{}} AND removed_at IS NULL",
        upload_id, account_id,
    )
    return rows[0] if rows else None
