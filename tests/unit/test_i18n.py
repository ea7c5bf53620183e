"""Every msgid used in templates has a zh-CN translation."""

import re

from app.i18n import ZH_CN
from app.settings import PROJECT_ROOT

MSGID = re.compile(r"""_\(\s*(["'])(.+?)\1\s*\)""")


def test_every_template_msgid_is_translated():
    missing = set()
    for path in (PROJECT_ROOT / "templates").rglob("*.html"):
        for match in MSGID.finditer(path.read_text(encoding="utf-8")):
            if match.group(2) not in ZH_CN:
                missing.add((path.name, match.group(2)))
    assert not missing, sorted(missing)
