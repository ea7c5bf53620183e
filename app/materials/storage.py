"""A content-addressed store for uploaded files, kept outside the web root.

A file lives at ``root/ab/cd/<sha256>`` where ``abcd`` are the first hex digits of its SHA-256.
Paths are only ever built from a validated hash, never from anything a user sent. Files are
written atomically (a temporary file in the same directory, then `os.replace`), once per content,
readable by the service's user only (files 0600, directories 0700).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from pathlib import Path

_SHA256 = re.compile(r"[0-9a-f]{64}")
FILE_MODE = 0o600
DIR_MODE = 0o700


def is_sha256(value: object) -> bool:
    """Exactly 64 lowercase hex characters."""
    return isinstance(value, str) and _SHA256.fullmatch(value) is not None


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha: str) -> Path:
        """Where the file with this SHA-256 lives; ValueError for anything but a 64-char lowercase
        hex digest."""
        if not is_sha256(sha):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha[:2] / sha[2:4] / sha

    def put(self, data: bytes) -> str:
        """Keep `data`; return its SHA-256 hex. The same content is stored once."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if target.is_file():
            return sha
        directory = self._make_dirs(target.parent)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)  # created 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, FILE_MODE)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        _fsync_dir(directory)
        return sha

    def read(self, sha: str) -> bytes:
        """The stored bytes; FileNotFoundError when there are none."""
        return self.path(sha).read_bytes()

    def exists(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def _make_dirs(self, directory: Path) -> Path:
        """Create root, root/ab and root/ab/cd as needed, each 0700 (an existing root is left as
        the operator made it)."""
        for level in (self.root, directory.parent, directory):
            try:
                level.mkdir(mode=DIR_MODE, parents=level is self.root)
            except FileExistsError:
                continue
            os.chmod(level, DIR_MODE)  # mkdir's mode is narrowed by the umask; make it exact
        return directory


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable; best effort where directories cannot be opened (Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
