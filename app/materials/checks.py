"""Checks on one uploaded material file: its real kind, its shown name, its size and count.

Pure functions, no I/O. The kind of a file is read from its content (magic bytes) with the
`filetype` library, never from its name or the MIME type the browser declared: a program renamed
to ``.pdf`` is refused, a real PNG named ``scan.pdf`` is a PNG. Messages are the ones the portal
shows next to the upload field.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

import filetype

from plugins.declarations import Material

MIB = 1024 * 1024
#: How many leading bytes `sniff_kind` hands to the library (it never looks further).
SNIFF_BYTES = 8192
#: Room for the multipart boundaries, part headers and the small form fields of one upload request.
MULTIPART_OVERHEAD = 64 * 1024
UNNAMED = "未命名文件"
MAX_NAME_CHARS = 100

# Names a declaration may use for one kind, and the library's names, mapped to ours.
_ALIASES = {"jpeg": "jpg", "jpe": "jpg", "apng": "png", "tiff": "tif"}
_DWG_HEAD = re.compile(rb"AC10[0-9]{2}")  # AC1012 (R13) … AC1032 (2018+)
# Members that tell a zip container's real kind; checked in this order.
_ZIP_MARKERS = (
    ("OFD.xml", "ofd"),  # GB/T 33190: OFD.xml is the entry file at the package root
    ("xl/workbook.xml", "xlsx"),
    ("word/document.xml", "docx"),
    ("ppt/presentation.xml", "pptx"),
)
_ZIP_KINDS = frozenset({"zip", "xlsx", "docx", "pptx", "ofd"})
_DRIVE = re.compile(r"^[A-Za-z]:")


def normalise_kind(kind: str) -> str:
    """The one name of a kind: ``"JPEG"`` → ``"jpg"``."""
    kind = kind.strip().lower().lstrip(".")
    return _ALIASES.get(kind, kind)


def sniff_kind(head: bytes) -> str | None:
    """The file's real kind from its content: "pdf", "jpg", "png", "webp", "gif", "zip", "xlsx",
    "xls", "dwg", "ofd", "exe", …; None when nothing is recognised.

    Give at least the first `SNIFF_BYTES` bytes. Given the whole file, a zip container is also
    told apart by its members (OFD, and Office files the library's header look misses); given only
    a head, such a container stays "zip" unless the library recognised it from the head.
    """
    if not head:
        return None
    found = filetype.guess(bytes(head[:SNIFF_BYTES]))
    if found is None:
        return None
    kind = normalise_kind(found.extension)
    if kind == "dwg" and not _DWG_HEAD.match(head):
        return None  # the library only looks at "AC10"; a real DWG has two version digits after it
    if kind in _ZIP_KINDS:
        kind = _zip_kind(head) or kind
    return kind


def _zip_kind(data: bytes) -> str | None:
    """The kind a zip container's members show; None when it cannot be read as a whole zip.

    Only the central directory is read (no member is decompressed), so a zip bomb costs nothing.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except Exception:  # noqa: BLE001 - truncated head or hostile bytes: keep the header's answer
        return None
    for member, kind in _ZIP_MARKERS:
        if member in names:
            return kind
    return None


def safe_filename(name: str) -> str:
    """The name to show for an upload: its last path part only (``/`` and ``\\``, and a drive
    letter), NFC, without control or invisible format characters (a right-to-left override could
    show ``exe.pdf`` for ``fdp.exe``), without leading dots or surrounding blanks, at most
    100 characters with the extension kept; "未命名文件" when nothing is left."""
    name = unicodedata.normalize("NFC", name or "")
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co"})
    name = re.split(r"[\\/]", name)[-1]
    name = _DRIVE.sub("", name)
    name = name.strip().lstrip(".").strip().rstrip(". ")
    if not name:
        return UNNAMED
    if len(name) > MAX_NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        if dot and stem and 0 < len(ext) <= 10:
            name = stem[: MAX_NAME_CHARS - len(ext) - 1].rstrip() + "." + ext
        else:
            name = name[:MAX_NAME_CHARS].rstrip()
    return name or UNNAMED


def allowed_kinds(material: Material) -> tuple[str, ...]:
    """The material's kinds, normalised, in declaration order, without repeats."""
    return tuple(dict.fromkeys(normalise_kind(k) for k in material.kinds))


def kinds_label(material: Material) -> str:
    """``PDF、JPG、PNG``: the allowed kinds as the portal writes them."""
    return "、".join(k.upper() for k in allowed_kinds(material))


@dataclass(frozen=True, slots=True)
class UploadProblem:
    """Why one upload was refused, in the words shown next to the field."""

    message: str


def upload_problem(
    material: Material, filename: str, data: bytes, files_already: int
) -> tuple[str | None, UploadProblem | None]:
    """Like `check_upload`, with the refusal as an `UploadProblem`."""
    del filename  # the name is shown (see safe_filename), never trusted for the kind
    if files_already >= material.max_files:
        return None, UploadProblem(f"本项材料最多上传{material.max_files}个文件")
    if not data:
        return None, UploadProblem("文件为空，请重新选择")
    if len(data) > material.max_size_mb * MIB:
        return None, UploadProblem(f"文件大小不能超过{material.max_size_mb}MB")
    kind = sniff_kind(data)
    if kind is None or kind not in allowed_kinds(material):
        return None, UploadProblem(f"文件格式不符合要求，请上传{kinds_label(material)}格式的文件")
    return kind, None


def check_upload(
    material: Material, filename: str, data: bytes, files_already: int
) -> tuple[str | None, str | None]:
    """(kind, None) when the file may be kept for this material, else (None, message).

    `files_already` is how many files this application already holds for the material. The count
    is checked first, then emptiness, size (``max_size_mb`` MiB, inclusive) and the real kind.
    """
    kind, problem = upload_problem(material, filename, data, files_already)
    return kind, (problem.message if problem else None)


def max_upload_bytes(materials: Iterable[Material]) -> int:
    """The request body limit for an upload request carrying one file: the largest file any of
    these materials allows, plus `MULTIPART_OVERHEAD`."""
    largest = max((m.max_size_mb for m in materials), default=0)
    return largest * MIB + MULTIPART_OVERHEAD
