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
    account = request.state.get("account")
    if not (rt.settings.dev or (account is not None and account.is_staff and account.role == "admin")):
        raise NotFoundException()  # admins and developer machines only; operators also have `kuaiban plugins`
    return rt.renderer.page(request, "pages/admin_plugins.html", plugins=plugin_rows(rt.host))
