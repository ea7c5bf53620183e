"""Rendering MiniJinja templates: a full page, or just the changed partial for htmx."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import logging

from litestar import Request, Response
from litestar.utils.scope.state import ScopeState
from minijinja import Environment, Markup

from app import i18n
from app.clock import CHINA_TZ, stored_moment
from app.static_assets import asset_url, htmx_integrity


log = logging.getLogger("kuaiban.render")

# `_("literal")` in a template is translated once, when the template is loaded, so rendering makes
# no call back into Python for it; `_()` stays available for msgids computed at render time.
_LITERAL_MSGID = re.compile(r"""(?<![\w.])_\(\s*(["'])((?:(?!\1).)*)\1\s*\)""")


def translate_literals(source: str, locale: str = i18n.DEFAULT_LOCALE) -> str:
    return _LITERAL_MSGID.sub(
        lambda m: json.dumps(i18n.translate(m.group(2), locale), ensure_ascii=False), source
    )


class Renderer:
    def __init__(self, templates_dir: Path, pm=None, extra_dirs: dict[str, Path] | None = None) -> None:
        self.templates_dir = templates_dir
        self.extra_dirs = extra_dirs or {}
        self.pm = pm
        self.env = Environment(loader=self._load)
        self.env.add_global("_", i18n.translate)
        self.env.add_global("asset", lambda name: Markup(asset_url(name)))
        self.env.add_global("htmx_integrity", htmx_integrity())
        self.env.add_global("DEPTH_LABELS", {str(k): v for k, v in i18n.DEPTH_LABELS.items()})
        self.env.add_global("KIND_LABELS", i18n.KIND_LABELS)
        self.env.add_global("DELIVERY_LABELS", i18n.DELIVERY_LABELS)
        self.env.add_global("OUTPUT_KIND_LABELS", i18n.OUTPUT_KIND_LABELS)
        self.env.add_global("CHANNEL_LABELS", i18n.CHANNEL_LABELS)
        self.env.add_global("STEP_LABELS", i18n.STEP_LABELS)
        self.env.add_filter("days", _days)
        self.env.add_filter("filesize", _filesize)
        self.env.add_filter("localtime", _localtime)
        self.env.add_global("ROLE_LABELS", i18n.ROLE_LABELS)

    def _load(self, name: str) -> str | None:
        namespace, _, rest = name.partition("/")
        base = self.extra_dirs.get(namespace)
        path = (base / rest) if base else (self.templates_dir / name)
        try:
            resolved = path.resolve()
            root = (base or self.templates_dir).resolve()
            if root not in resolved.parents:
                return None
            return translate_literals(resolved.read_text(encoding="utf-8"))
        except (FileNotFoundError, IsADirectoryError):
            return None

    def render(self, template: str, **context: Any) -> str:
        for key, value in self._plugin_vars(template).items():
            context.setdefault(key, value)
        return self.env.render_template(template, **context)

    def _plugin_vars(self, template: str) -> dict[str, Any]:
        """Each plugin's `extra_template_vars`, one at a time: one that fails is logged and skipped."""
        merged: dict[str, Any] = {}
        if self.pm is None:
            return merged
        for impl in self.pm.hook.extra_template_vars.get_hookimpls():
            try:
                extra = impl.function(template=template)
                if extra is not None and not isinstance(extra, dict):
                    raise TypeError(f"returned {type(extra).__name__}, not a dict")
            except Exception:
                log.exception("plugin %s failed in extra_template_vars for %s", impl.plugin_name, template)
                continue
            for key, value in (extra or {}).items():
                merged.setdefault(key, value)
        return merged

    def page(
        self,
        request: Request,
        template: str,
        *,
        partial: str | None = None,
        status: int = 200,
        **context: Any,
    ) -> Response:
        """A full page, or for an htmx (non-boosted) request only `partial`."""
        wants_partial = (
            partial is not None
            and request.headers.get("hx-request") == "true"
            and request.headers.get("hx-boosted") != "true"
        )
        context.setdefault("path", request.url.path)
        context.setdefault("csrf_token", ScopeState.from_scope(request.scope).csrf_token or "")
        context.setdefault("account", request.state.get("account"))
        context.setdefault("query", str(request.url.query or ""))
        html = self.render(partial if wants_partial else template, **context)
        return Response(
            html,
            status_code=status,
            media_type="text/html",
            headers={"Vary": "HX-Request"},
        )


def _localtime(value) -> str:
    """A stored moment as people in Chongqing read it, to the minute: 2026-11-28 14:37."""
    if value is None or value == "":
        return ""
    return stored_moment(value).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def _filesize(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _days(value: float) -> str:
    return f"{value:g}"
