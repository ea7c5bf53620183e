"""A third party's distribution, pip-installed into a fresh virtualenv, appears in the catalog."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from app.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow

CHECK = textwrap.dedent(
    """
    import asyncio, json, sys
    from app.catalog.search import Filters
    from app.runtime import Runtime
    from app.settings import load_settings

    async def main():
        rt = Runtime(load_settings({"KUAIBAN_DATA_DIR": sys.argv[1]}))
        await rt.start()
        result = await rt.catalog.search(Filters(q="用电"))
        print(json.dumps({
            "names": [item["name"] for item in result.items],
            "plugins": {p.name: [p.dist, p.version] for p in rt.host.plugins.values()},
        }, ensure_ascii=False))
        await rt.stop()

    asyncio.run(main())
    """
)


def test_power_distribution_installs_and_is_served(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "-e", str(PROJECT_ROOT),
         str(PROJECT_ROOT / "distributions" / "kuaiban-power")],
        check=True, timeout=600,
    )
    listing = subprocess.run([str(venv / "bin" / "kuaiban"), "plugins"], capture_output=True, text=True, check=True)
    assert "power  1.0.0  [kuaiban-power]  ok" in listing.stdout
    out = subprocess.run([str(python), "-c", CHECK, str(tmp_path / "data")], capture_output=True, text=True,
                         check=True, cwd=tmp_path)
    import json

    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert "低压小微企业用电新装" in data["names"] and "低压小微企业用电增容" in data["names"]
    assert data["plugins"]["power"] == ["kuaiban-power", "1.0.0"]
