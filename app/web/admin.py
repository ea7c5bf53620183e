"""Admin pages: the plugins and what is quarantined."""

from __future__ import annotations

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException

from app.web.pages import runtime


def plugin_rows(host) -> list[dict]:
    return [
        {
            "name": p.name,
            "dist": p.dist,
            "version": p.version,
            "builtin": p.builtin,
            "hooks": p.hooks,
            "matters": p.matters,
            "quarantined": p.quarantined,
            "problems": [
                {"stage": q.stage, "matter": q.matter, "field": q.field, "reason": q.reason}
                for q in p.problems
            ],
        }
        for p in host.plugins.values()
    ]


@get("/admin/plugins", name="admin-plugins", include_in_schema=False)
async def admin_plugins(request: Request) -> Response:
    rt = runtime(request)
    if not rt.settings.dev:
        # Until staff accounts exist (the accounts issue brings the admin role), plugin errors are
        # shown only on developer machines; operators use `kuaiban plugins`.
        raise NotFoundException()
    return rt.renderer.page(request, "pages/admin_plugins.html", plugins=plugin_rows(rt.host))
