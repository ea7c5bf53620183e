"""Configuration from the environment, read once."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    database_url: str
    redis_url: str | None
    host: str
    port: int
    secret_key: str
    dev: bool
    search_cache_seconds: float = 60.0
    public_url: str = ""  # where verifiers reach us (QR codes); the request's own address when empty
    cjk_font: str | None = None  # a TTF/OTF for PDFs and seals instead of the packaged one
    templates_dir: Path = field(default=PROJECT_ROOT / "templates")
    static_dir: Path = field(default=Path(__file__).resolve().parent / "static")

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgresql://", "postgres://"))

    @property
    def sqlite_path(self) -> Path:
        return Path(self.database_url.removeprefix("sqlite:///"))


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    data_dir = Path(env.get("KUAIBAN_DATA_DIR") or PROJECT_ROOT / "var").resolve()
    database_url = env.get("KUAIBAN_DATABASE_URL") or f"sqlite:///{data_dir / 'kuaiban.sqlite'}"
    secret = env.get("KUAIBAN_SECRET_KEY") or ""
    dev = env.get("KUAIBAN_DEV", "") == "1"
    if not secret:
        secret = _local_secret(data_dir)
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        redis_url=env.get("KUAIBAN_REDIS_URL") or None,
        host=env.get("KUAIBAN_HOST", "127.0.0.1"),
        port=int(env.get("KUAIBAN_PORT", "8000")),
        secret_key=secret,
        dev=dev,
        search_cache_seconds=float(env.get("KUAIBAN_SEARCH_CACHE_SECONDS", "60")),
        public_url=(env.get("KUAIBAN_PUBLIC_URL") or "").rstrip("/"),
        cjk_font=env.get("KUAIBAN_CJK_FONT") or None,
    )


def _local_secret(data_dir: Path) -> str:
    """Without KUAIBAN_SECRET_KEY, one random key per data directory, kept in a 0600 file, so every
    process of one installation signs tokens alike. Production sets the variable."""
    path = data_dir / "secret.key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        data_dir.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_hex(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process of this installation was first
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(secret)
        return secret
