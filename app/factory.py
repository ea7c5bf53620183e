"""The Litestar application factory."""

from __future__ import annotations

import logging
import re

from litestar import Litestar, Request, Response
from litestar.exceptions import HTTPException, NotFoundException, PermissionDeniedException
from litestar.openapi import OpenAPIConfig
from litestar.response import Redirect
from litestar.static_files import create_static_files_router
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from app.runtime import Runtime
from app.settings import Settings, load_settings
from app.accounts import sessions
from app.applications import pending
from app.web.guards import SignInRequired, StaffSignInRequired, signin_url
from app.web import admin, api, apply, auth, bench, csrf, health, intake, licences, me, pages, window

log = logging.getLogger("kuaiban")

HTTP_MESSAGES = {
    400: "提交的内容格式不正确，请返回后重新填写。",
    405: "该页面不支持此操作，请返回后重试。",
    413: "上传的内容过大，请按页面提示的大小上传。",
    429: "操作过于频繁，请稍后再试。",
}

FALLBACK_ERROR_PAGE = (
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>系统繁忙</title>'
    "<h1>系统繁忙</h1><p>请稍后再试。如问题持续，请拨打12345政务服务便民热线。</p>"
)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


def _not_found(request: Request, exc: NotFoundException) -> Response:
    if _wants_json(request):
        return Response({"status_code": 404, "detail": exc.detail or "不存在"}, status_code=404)
    rt: Runtime = request.app.state.runtime
    return rt.renderer.page(request, "pages/not_found.html", status=404)


def _forbidden(request: Request, exc: PermissionDeniedException) -> Response:
    """CSRF failures and refused actions: a Chinese page (JSON for API clients), never a bare 403."""
    if _wants_json(request):
        return Response({"status_code": 403, "detail": "请求无效或页面已过期，请刷新后重试"}, status_code=403)
    rt: Runtime = request.app.state.runtime
    return rt.renderer.page(request, "pages/forbidden.html", status=403)


async def _load_account(request: Request) -> None:
    """Before every route: who is signed in (None for visitors)."""
    rt: Runtime = request.app.state.runtime
    account, expired = await sessions.load_or_expired(rt.engine, request.cookies.get(sessions.COOKIE))
    request.state.account = account
    request.state.expired_account_id = expired  # whose session ran out with this very request


def _signin_required(request: Request, exc: SignInRequired) -> Response:
    page = "/staff/signin" if isinstance(exc, StaffSignInRequired) else "/signin"
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method == "POST" and (draft := re.match(r"^/apply/(\d+)(/\d+)?", request.url.path)):
        target = draft.group(0)  # back to the page (or the draft), not to the address posted to
    location = signin_url(target, page)
    if request.headers.get("hx-request") == "true":  # htmx: the whole page goes to sign-in, not a swap
        response: Response = Response(b"", status_code=200, headers={"HX-Redirect": location})
    else:
        response = Redirect(location, status_code=303)
    token = request.state.get("pending_token")
    if token:  # answers posted after the session ran out: kept until the owner signs in here again
        response.set_cookie(pending.COOKIE, token, httponly=True, samesite="lax", path="/",
                            secure=request.url.scheme == "https", max_age=int(pending.TTL.total_seconds()))
    return response


def _http_error(request: Request, exc: HTTPException) -> Response:
    if _wants_json(request):
        return Response({"status_code": exc.status_code, "detail": exc.detail}, status_code=exc.status_code)
    if exc.status_code < 500:
        rt: Runtime = request.app.state.runtime
        message = HTTP_MESSAGES.get(exc.status_code, "请求无法处理，请返回后重试。")
        return rt.renderer.page(request, "pages/http_error.html", status=exc.status_code, message=message)
    return _server_error(request, exc)


def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    if _wants_json(request):
        return Response({"status_code": 500, "detail": "系统繁忙，请稍后再试"}, status_code=500)
    rt: Runtime = request.app.state.runtime
    try:
        return rt.renderer.page(request, "pages/error.html", status=HTTP_500_INTERNAL_SERVER_ERROR)
    except Exception:  # the error page itself failed: answer in plain HTML
        log.exception("error page failed to render")
        return Response(FALLBACK_ERROR_PAGE, status_code=500, media_type="text/html")


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None, bench_routes: bool = False) -> Litestar:
    settings = settings or load_settings()
    rt = runtime or Runtime(settings)
    rt.load_plugins()

    async def on_startup(app: Litestar) -> None:
        await rt.start()

    async def on_shutdown(app: Litestar) -> None:
        await rt.stop()

    handlers = [
        pages.home, pages.matters, pages.guide, *apply.HANDLERS,
        auth.signin_page, auth.signin_code, auth.signin_verify_page, auth.signin_verify,
        auth.staff_signin_page, auth.staff_signin, auth.signout, auth.dev_sms,
        *me.HANDLERS,
        *window.HANDLERS,
        *licences.HANDLERS,
        *intake.HANDLERS,
        api.api_matters, api.api_matter, admin.admin_plugins, health.healthz,
        create_static_files_router(path="/static", directories=[settings.static_dir],
                                   cache_control=None, include_in_schema=False),
    ]
    if bench_routes or settings.dev:
        handlers.append(bench.bare)
    for extra in rt.host.pm.hook.register_routes():
        handlers.extend(extra or [])
    app = Litestar(
        route_handlers=handlers,
        on_startup=[on_startup],
        on_shutdown=[on_shutdown],
        before_request=_load_account,
        csrf_config=csrf.config(settings.secret_key),
        exception_handlers={
            NotFoundException: _not_found,
            PermissionDeniedException: _forbidden,
            SignInRequired: _signin_required,
            HTTPException: _http_error,
            Exception: _server_error,
        },
        openapi_config=OpenAPIConfig(title="Kuaiban API", version="1", path="/schema"),
        debug=False,
    )
    app.state.runtime = rt
    return app
