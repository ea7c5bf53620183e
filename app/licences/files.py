"""A result's documents (PDF, seal image, QR) drawn from its row, kept in a small in-process cache.

Drawing a PDF takes a few hundred milliseconds, so it happens off the event loop and at most
once per result and process while it stays in the cache."""

from __future__ import annotations

import asyncio
import datetime
import threading
from collections import OrderedDict

from app.licences import documents
from app.licences.service import mask_id

CACHE_SIZE = 64
_cache: OrderedDict[tuple, bytes] = OrderedDict()
_lock = threading.Lock()  # documents are drawn in worker threads


def verify_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/verify/{token}"


def _date(value) -> str:
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value or "")


def document_of(row: dict) -> dict:
    """The fields the PDF prints, from a result row (see `licences.service._shown`)."""
    details = row["details"]
    holder_id = row["holder_id"] if details.get("company") else mask_id(row["holder_id"])
    lines = [[label, mask_id(value) if label == "公民身份号码" else value] for label, value in details.get("lines", [])]
    return {
        "title": row["title"], "number": row["number"], "holder": row["holder_name"], "holder_id": holder_id,
        "matter": row["matter_name"], "issuer": row["issuer"], "issued_on": _date(row["issued_on"]),
        "valid_until": _date(row["valid_until"]) if row["valid_until"] else "长期",
        "status_label": row["status_label"], "lines": lines, "body": details.get("body", []),
        "case_number": next((v for k, v in details.get("lines", []) if k == "办件编号"), ""),
    }


def _remember(key: tuple, make) -> bytes:
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    data = make()  # outside the lock: two threads may draw the same document once each, harmlessly
    with _lock:
        _cache[key] = data
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return data


def seal_image(row: dict, font: str | None = None) -> bytes:
    """A seal record's image is the company's seal; any other result carries its issuer's seal."""
    if row["kind"] == "seal":
        return _remember(("seal", row["holder_name"], row["number"], font),
                         lambda: documents.seal_png(row["holder_name"], label=row["number"], font_path=font))
    return _remember(("seal", row["issuer"], "", font), lambda: documents.seal_png(row["issuer"], font_path=font))


async def pdf(row: dict, base_url: str, font: str | None = None) -> bytes:
    key = ("pdf", row["id"], row["state"], base_url, font)

    def make() -> bytes:
        doc = document_of(row)
        url = verify_url(base_url, row["token"])
        seal = seal_image(row, font)
        if row["kind"] == "decision":
            return documents.decision_pdf(doc, qr_url=url, seal=seal, font_path=font)
        return documents.licence_pdf(doc, qr_url=url, seal=seal, font_path=font)

    return await asyncio.to_thread(_remember, key, make)


def qr_svg(base_url: str, token: str) -> str:
    return documents.qr_svg(verify_url(base_url, token))
