"""README's first command: `kuaiban run` brings up web, worker and an embedded Redis on SQLite."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from app.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_kuaiban_run_serves_with_embedded_redis_and_demo_data(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUAIBAN_")}
    env.update(KUAIBAN_DATA_DIR=str(tmp_path), KUAIBAN_PORT=str(port))
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "run"], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        health = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    health = json.loads(r.read())
                    break
            except OSError:
                time.sleep(0.3)
        assert health is not None, "kuaiban run did not answer /healthz"
        assert health["database"] == "ok" and health["engine"] == "sqlite"
        assert health["redis"] == "ok" and health["matters"] >= 15
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/matters?q=%E6%89%A7%E7%85%A7", timeout=5) as r:
            assert "营业执照变更登记" in r.read().decode()
        assert (tmp_path / "kuaiban.sqlite").exists()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            output = proc.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            output = proc.communicate()[0]
    assert "worker" in output.lower() or "arq" in output.lower(), output[-2000:]
