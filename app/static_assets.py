"""Our own static files: htmx pinned by version and integrity hash, our CSS with a content hash."""

from __future__ import annotations

import base64
import functools
import hashlib
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
HTMX_FILE = "htmx-2.0.8.min.js"
HTMX_SHA384 = "/TgkGk7p307TH7EXJDuUlgG3Ce1UVolAOFopFekQkkXihi5u/6OCvVKyz1W+idaz"


def htmx_integrity() -> str:
    return f"sha384-{HTMX_SHA384}"


def file_sha384(path: Path) -> str:
    return base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


@functools.cache
def asset_url(name: str) -> str:
    """URL with a content-hash query so browsers may cache it for a year."""
    digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]
    return f"/static/{name}?v={digest}"
