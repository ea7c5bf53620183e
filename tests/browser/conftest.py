"""Browser fixtures: the real app in a uvicorn subprocess and Debian's Chromium via Playwright.

The suite uses Playwright's *sync* API in plain `def` tests and fixtures only (pytest-asyncio runs
in auto mode with a session loop; nothing here is async, so the two never mix).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
LIVE: dict = {}  # the live server's environment, for commands run against its database
LOCALE = "zh-CN"
SHOTS_COPY_DIR = Path("/tmp/kuaiban-shots")
HEALTH_TIMEOUT = 30.0


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = "Chromium not installed: make browser-deps"
    if os.environ.get("KUAIBAN_TEST_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message} (KUAIBAN_TEST_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> str:
    """The real app (`app.asgi:app`) under uvicorn on a free port; yields its base URL."""
    _require_chromium()
    data_dir = tmp_path_factory.mktemp("kuaiban-data")
    log_path = data_dir / "server.log"
    port = _free_port()
    env = dict(os.environ)
    env.pop("KUAIBAN_DATABASE_URL", None)  # default: SQLite inside the data dir
    env.pop("KUAIBAN_REDIS_URL", None)  # no Redis: /healthz reports "not configured" (200)
    env["KUAIBAN_DEV"] = "1"  # the developer SMS outbox (/dev/sms) shows sign-in codes to the browser tests
    env["KUAIBAN_DATA_DIR"] = str(data_dir)
    env["KUAIBAN_SECRET_KEY"] = "test"
    base = f"http://127.0.0.1:{port}"
    LIVE["env"] = env
    log = open(log_path, "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.asgi:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=str(ROOT),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT
        while not _healthy(base + "/healthz"):
            if proc.poll() is not None:
                log.flush()
                pytest.fail(
                    f"app exited with {proc.returncode} before /healthz answered:\n"
                    + log_path.read_text(errors="replace")[-4000:]
                )
            if time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    f"/healthz did not answer 200 within {HEALTH_TIMEOUT:.0f} s:\n"
                    + log_path.read_text(errors="replace")[-4000:]
                )
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.close()


@pytest.fixture(scope="module")
def browser():
    """Module scope: Playwright's sync API keeps an event loop running in this thread while it is
    open, which must not outlive the browser tests (the async tests need the thread's loop)."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _new_page(browser, base_url: str, *, javascript: bool, viewport: dict | None = None):
    context = browser.new_context(
        viewport=viewport or VIEWPORT,
        locale=LOCALE,
        java_script_enabled=javascript,
        base_url=base_url,
    )
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server):
    """A fresh 375×812 zh-CN page with JavaScript on."""
    context, pg = _new_page(browser, live_server, javascript=True)
    yield pg
    context.close()


@pytest.fixture
def page_nojs(browser, live_server):
    """A fresh 375×812 zh-CN page with JavaScript off."""
    context, pg = _new_page(browser, live_server, javascript=False)
    yield pg
    context.close()


@pytest.fixture
def desk(browser, live_server):
    """A fresh 1280×800 zh-CN page with JavaScript on: the window clerk's desktop."""
    context, pg = _new_page(browser, live_server, javascript=True, viewport=DESKTOP)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def add_staff(live_server):
    """Create a staff account in the live server's database (`kuaiban users add`, as an operator would)."""

    def add(username: str, role: str, region: str, *departments: str) -> str:
        password = "window-pass-1"
        command = [sys.executable, "-m", "app.cli", "users", "add", username, "--role", role, "--name",
                   f"窗口{username[-2:]}", "--region", region, "--password", password]
        for department in departments:
            command += ["--department", department]
        subprocess.run(command, cwd=str(ROOT), env=LIVE["env"], check=True, capture_output=True)
        return password

    return add


@pytest.fixture(scope="session")
def shots_dir(tmp_path_factory):
    """Screenshots go to the pytest tmp dir; at session end they are copied to /tmp/kuaiban-shots."""
    directory = tmp_path_factory.mktemp("shots")
    yield directory
    files = sorted(directory.glob("*.png"))
    if files:
        SHOTS_COPY_DIR.mkdir(parents=True, exist_ok=True)
        for f in files:
            shutil.copy2(f, SHOTS_COPY_DIR / f.name)
