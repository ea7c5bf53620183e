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


def test_moments_are_shown_in_chongqing_time_to_the_minute():
    import datetime

    from app.web.render import _localtime

    assert _localtime("2026-11-28 06:37:59.123456+00:00") == "2026-11-28 14:37"
    assert _localtime(datetime.datetime(2026, 1, 1, 16, 5, tzinfo=datetime.UTC)) == "2026-01-02 00:05"  # next day here
    assert _localtime(None) == ""
