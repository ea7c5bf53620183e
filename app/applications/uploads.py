"""Materials given with a draft: checked by content, stored by content hash, shown only to the owner."""

from __future__ import annotations

import asyncio
import datetime
from difflib import SequenceMatcher

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


async def get_entered(engine: Engine, upload_id: int, staff_id: int) -> dict | None:
    """A file of a draft this clerk is filling in for a walk-in applicant (their cases: /window/files)."""
    rows = await fetch(
        engine, "SELECT u.id, u.sha256, u.filename, u.kind FROM upload u JOIN draft d ON d.id = u.draft_id "
                "WHERE u.id = {} AND d.entered_by = {} AND u.removed_at IS NULL AND d.case_number IS NULL",
        upload_id, staff_id,
    )
    return rows[0] if rows else None


async def get_visible(engine: Engine, upload_id: int, account_id: int) -> dict | None:
    """A file for its owner only (staff access arrives with the window issue)."""
    rows = await fetch(
        engine, f"SELECT {FIELDS} FROM upload WHERE id = {{}} AND account_id = {{}} AND removed_at IS NULL",
        upload_id, account_id,
    )
    return rows[0] if rows else None


def _common_run(a: str, b: str) -> int:
    """Length of the longest stretch of characters the two strings share."""
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def match_material(filename: str, materials) -> Material | None:
    """The declared material a scanned file's name points to (施工许可证申请表.pdf → 建筑工程施工许可证申请表).

    Folders and discs come named by what they hold; a name that shares at least two characters in a
    row with exactly one material's title (more than with any other) picks it, anything else is left
    for the clerk to place by hand."""
    stem = safe_filename(filename).rsplit(".", 1)[0].lower()
    stem = stem.lstrip("0123456789-_. 、（）()")
    if not stem:
        return None
    scored = sorted(((max(_common_run(stem, m.title.lower()), _common_run(stem, m.name.lower())), m)
                     for m in materials), key=lambda pair: -pair[0])
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


async def add_many(engine: Engine, store: FileStore, account_id: int, draft_id: int, materials,
                   files: list[tuple[str, bytes]]) -> tuple[list[tuple[str, str]], list[str]]:
    """A folder or disc of files at once: each to the material its name points to.

    Returns (placed: [(file, material title)], problems: ["file：why"]) in Chinese."""
    placed, problems = [], []
    for filename, data in files:
        material = match_material(filename, materials)
        if material is None:
            problems.append(f"{safe_filename(filename)}：未能从文件名识别对应的材料，请在该材料下单独上传")
            continue
        problem = await add(engine, store, account_id, draft_id, material, filename, data)
        if problem:
            problems.append(f"{safe_filename(filename)}（{material.title}）：{problem}")
        else:
            placed.append((safe_filename(filename), material.title))
    return placed, problems
