"""htmx is served from our own files, pinned by version and integrity hash."""

from app.static_assets import HTMX_FILE, HTMX_SHA384, STATIC_DIR, file_sha384


def test_htmx_file_matches_its_pinned_integrity_hash():
    assert HTMX_FILE.startswith("htmx-2.")
    assert file_sha384(STATIC_DIR / HTMX_FILE) == HTMX_SHA384
