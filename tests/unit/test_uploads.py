"""Uploaded materials: real kinds from content, shown names, limits, and the file store."""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from app.materials.checks import (
    MIB,
    MULTIPART_OVERHEAD,
    UNNAMED,
    UploadProblem,
    check_upload,
    max_upload_bytes,
    safe_filename,
    sniff_kind,
    upload_problem,
)
from app.materials.storage import FileStore
from plugins.declarations import Material

# --- tiny real files, made here -------------------------------------------------------------


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def make_png() -> bytes:
    """A valid 1×1 8-bit grey PNG."""
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + _chunk(b"IEND", b"")
    )


def make_jpeg() -> bytes:
    """SOI + JFIF APP0 header + EOI: enough for a magic-byte check."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


def make_pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def make_exe() -> bytes:
    header = bytearray(128)
    header[0:2] = b"MZ"
    header[0x3C:0x40] = struct.pack("<I", 0x40)
    header[0x40:0x44] = b"PE\x00\x00"
    return bytes(header)


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def make_xlsx() -> bytes:
    return make_zip({
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b"<Relationships/>",
        "xl/workbook.xml": b"<workbook/>",
    })


RANDOM = bytes.fromhex("3c9e1a7f00d2b845e1") * 20  # fixed, so the test never flakes

PHOTO = Material(name="photo", title="照片", kinds=("pdf", "jpg", "png"), max_size_mb=1, max_files=2)


# --- sniffing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (make_png(), "png"),
        (make_jpeg(), "jpg"),
        (make_pdf(), "pdf"),
        (make_exe(), "exe"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif"),
        (b"RIFF\x1a\x00\x00\x00WEBPVP8 " + bytes(16), "webp"),
        (make_zip({"a.txt": b"hi"}), "zip"),
        (make_xlsx(), "xlsx"),
        (make_zip({"Doc_0/Document.xml": b"<x/>", "OFD.xml": b"<ofd:OFD/>"}), "ofd"),
        (b"AC1032" + bytes(200), "dwg"),
        (RANDOM, None),
        (b"hello, plain text\n", None),
        (b"", None),
    ],
)
def test_sniff_kind_reads_the_content(data, kind):
    assert sniff_kind(data) == kind


def test_sniff_kind_needs_only_a_head_and_refuses_a_weak_dwg_match():
    assert sniff_kind(make_png()[:16]) == "png"
    assert sniff_kind(make_pdf()[:8]) == "pdf"
    assert sniff_kind(b"AC10 and some text") is None


# --- check_upload ----------------------------------------------------------------------------


def test_an_exe_renamed_to_pdf_is_refused():
    kind, error = check_upload(PHOTO, "申请书.pdf", make_exe(), 0)
    assert kind is None
    assert error == "文件格式不符合要求，请上传PDF、JPG、PNG格式的文件"


def test_a_png_named_pdf_is_accepted_as_png():
    assert check_upload(PHOTO, "scan.pdf", make_png(), 0) == ("png", None)


def test_real_files_of_allowed_kinds_pass():
    assert check_upload(PHOTO, "a.jpeg", make_jpeg(), 0) == ("jpg", None)
    assert check_upload(PHOTO, "a.pdf", make_pdf(), 1) == ("pdf", None)


def test_jpeg_in_a_declaration_means_jpg_and_the_message_lists_kinds_upper_case():
    material = Material(name="m", title="m", kinds=("jpeg", "xlsx", "xls"))
    assert check_upload(material, "x.jpg", make_jpeg(), 0) == ("jpg", None)
    assert check_upload(material, "x.xlsx", make_xlsx(), 0) == ("xlsx", None)
    assert check_upload(material, "x.pdf", make_pdf(), 0)[1] == (
        "文件格式不符合要求，请上传JPG、XLSX、XLS格式的文件"
    )


def test_unknown_content_is_refused():
    assert check_upload(PHOTO, "x.png", RANDOM, 0)[1].startswith("文件格式不符合要求")


def test_an_empty_file_is_refused():
    assert check_upload(PHOTO, "a.pdf", b"", 0) == (None, "文件为空，请重新选择")


def test_size_limit_is_max_size_mb_mebibytes_inclusive():
    at_limit = make_pdf() + b"\n" * (MIB - len(make_pdf()))
    assert len(at_limit) == MIB
    assert check_upload(PHOTO, "a.pdf", at_limit, 0) == ("pdf", None)
    assert check_upload(PHOTO, "a.pdf", at_limit + b"\n", 0) == (None, "文件大小不能超过1MB")


def test_too_many_files_is_refused():
    assert check_upload(PHOTO, "a.pdf", make_pdf(), 2) == (None, "本项材料最多上传2个文件")
    single = Material(name="m", title="m")
    assert check_upload(single, "a.pdf", make_pdf(), 1)[1] == "本项材料最多上传1个文件"


def test_upload_problem_carries_the_message():
    kind, problem = upload_problem(PHOTO, "a.pdf", b"", 0)
    assert kind is None and problem == UploadProblem("文件为空，请重新选择")


def test_max_upload_bytes_is_the_largest_file_plus_overhead():
    materials = [PHOTO, Material(name="b", title="b", max_size_mb=20)]
    assert max_upload_bytes(materials) == 20 * MIB + MULTIPART_OVERHEAD
    assert max_upload_bytes([]) == MULTIPART_OVERHEAD


def test_every_kind_declared_by_the_matters_is_one_the_sniffer_can_name():
    from plugins import manager

    from app.materials.checks import allowed_kinds

    sniffable = {"pdf", "jpg", "png", "webp", "gif", "zip", "ofd", "xlsx", "xls", "dwg", "docx"}
    host = manager.load()
    declared = {
        kind
        for matter in host.matters.values()
        for m in matter.materials
        for kind in allowed_kinds(m)
    }
    assert declared and declared <= sniffable, declared - sniffable


# --- safe_filename ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\win.ini", "win.ini"),
        ("C:\\x\\a.pdf", "a.pdf"),
        ("C:a.pdf", "a.pdf"),
        ("/abs/path/营业执照.pdf", "营业执照.pdf"),
        ("..", UNNAMED),
        ("", UNNAMED),
        ("dir/", UNNAMED),
        ("...hidden.png", "hidden.png"),
        ("a\x00b\r\nc.pdf", "abc.pdf"),
        ("photo\u202egnp.exe", "photognp.exe"),
        ("  申请表 .pdf  ", "申请表 .pdf"),
    ],
)
def test_safe_filename(raw, shown):
    assert safe_filename(raw) == shown


def test_safe_filename_normalises_to_nfc():
    assert safe_filename("e\u0301.pdf") == "\u00e9.pdf"


def test_safe_filename_limits_length_and_keeps_the_extension():
    shown = safe_filename("很" * 300 + ".pdf")
    assert len(shown) == 100 and shown.endswith(".pdf")
    assert len(safe_filename("x" * 300)) == 100


# --- FileStore -------------------------------------------------------------------------------


def test_put_read_exists_and_layout(tmp_path: Path):
    store = FileStore(tmp_path / "files")
    data = make_png()
    sha = store.put(data)
    assert len(sha) == 64 and store.exists(sha)
    assert store.read(sha) == data
    assert store.path(sha) == tmp_path / "files" / sha[:2] / sha[2:4] / sha
    assert not store.exists("0" * 64)
    with pytest.raises(FileNotFoundError):
        store.read("0" * 64)


def test_put_is_idempotent_and_leaves_no_temporary_files(tmp_path: Path):
    store = FileStore(tmp_path)
    first = store.put(b"same")
    mtime = store.path(first).stat().st_mtime_ns
    assert store.put(b"same") == first
    assert store.path(first).stat().st_mtime_ns == mtime
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files == [store.path(first)]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_are_0600_and_directories_0700(tmp_path: Path):
    old = os.umask(0o022)
    try:
        store = FileStore(tmp_path / "store")
        sha = store.put(b"private")
    finally:
        os.umask(old)
    path = store.path(sha)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for directory in (path.parent, path.parent.parent, tmp_path / "store"):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    "bad",
    ["../x", "A" * 64, "0" * 63, "0" * 65, "g" * 64, "../" + "0" * 61, "0" * 64 + "\n", "", None],
)
def test_path_refuses_anything_but_a_lowercase_sha256(tmp_path: Path, bad):
    store = FileStore(tmp_path)
    with pytest.raises(ValueError):
        store.path(bad)
    with pytest.raises(ValueError):
        store.read(bad)
