"""Sign-in (citizens by SMS code, staff by password), sign-out, and the developer SMS outbox."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from litestar import Request, Response, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body
from litestar.response import Redirect
from typing import Annotated

from app import outbox
from app.accounts import identity, service, sessions, signin
from app.applications import pending
from app.db.engine import fetch
from app.web.pages import runtime

FORM = Body(media_type=RequestEncodingType.URL_ENCODED)
PHONE = re.compile(r"^1[3-9]\d{9}$")


def safe_next(value: str | None) -> str:
    """Only local paths: never an open redirect."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/me"


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def set_session_cookie(request: Request, response: Response, token: str) -> Response:
    response.set_cookie(
        sessions.COOKIE, token, httponly=True, samesite="lax", secure=request.url.scheme == "https",
        path="/", max_age=int(sessions.LIFETIME.total_seconds()),
    )
    return response


@get("/signin", name="signin", include_in_schema=False)
async def signin_page(request: Request) -> Response:
    rt = runtime(request)
    return rt.renderer.page(request, "pages/signin.html", next=safe_next(request.query_params.get("next")),
                            phone=request.query_params.get("phone", ""), errors={}, step="phone")


@post("/signin/code", name="signin-code", include_in_schema=False)
async def signin_code(request: Request, data: Annotated[dict[str, str], FORM]) -> Response:
    rt = runtime(request)
    phone = identity.normalise_phone(data.get("phone") or "")
    next_url = safe_next(data.get("next"))
    problem = identity.validate_phone(phone)
    if not problem:
        result = await signin.request_code(rt.engine, rt.settings.secret_key, phone, client_ip(request))
        problem = None if result.ok else result.message
        if result.ok:
            await outbox.enqueue(rt.queue, await outbox.pending(rt.engine, 20))
            return Redirect("/signin/verify?" + urlencode({"phone": phone, "next": next_url}), status_code=303)
    return rt.renderer.page(request, "pages/signin.html", status=422, next=next_url, phone=phone,
                            errors={"phone": problem}, step="phone")


@get("/signin/verify", name="signin-verify-page", include_in_schema=False)
async def signin_verify_page(request: Request) -> Response:
    rt = runtime(request)
    return rt.renderer.page(request, "pages/signin.html", next=safe_next(request.query_params.get("next")),
                            phone=request.query_params.get("phone", ""), errors={}, step="code")


@post("/signin/verify", name="signin-verify", include_in_schema=False)
async def signin_verify(request: Request, data: Annotated[dict[str, str], FORM]) -> Response:
    rt = runtime(request)
    phone = identity.normalise_phone(data.get("phone") or "")
    code = (data.get("code") or "").strip()
    next_url = safe_next(data.get("next"))
    errors: dict[str, str] = {}
    if identity.validate_phone(phone):
        errors["phone"] = identity.validate_phone(phone)
    elif not re.fullmatch(r"\d{6}", code):
        errors["code"] = "请输入6位数字验证码"
    else:
        result = await signin.check_code(rt.engine, rt.settings.secret_key, phone, code)
        if not result.ok:
            errors["code"] = result.message
    if errors:
        return rt.renderer.page(request, "pages/signin.html", status=422, next=next_url, phone=phone,
                                errors=errors, step="code")
    account_id = await service.citizen_by_phone(rt.engine, phone)
    token = await sessions.create(rt.engine, account_id, request.cookies.get(sessions.COOKIE))
    response = set_session_cookie(request, Redirect(next_url, status_code=303), token)
    kept = request.cookies.get(pending.COOKIE)
    if kept:  # what was typed as this account's last session ran out goes into its draft
        await pending.restore(rt.engine, rt.catalog, kept, account_id)
        if not await pending.exists(rt.engine, kept):  # kept for somebody else: left for them
            response.delete_cookie(pending.COOKIE, path="/")
    return response


@get("/staff/signin", name="staff-signin", include_in_schema=False)
async def staff_signin_page(request: Request) -> Response:
    rt = runtime(request)
    return rt.renderer.page(request, "pages/staff_signin.html", errors={}, username="",
                            next=safe_next(request.query_params.get("next") or "/"))


@post("/staff/signin", name="staff-signin-post", include_in_schema=False)
async def staff_signin(request: Request, data: Annotated[dict[str, str], FORM]) -> Response:
    rt = runtime(request)
    username = (data.get("username") or "").strip()[:40]
    ip = client_ip(request)
    if await service.staff_signin_blocked(rt.engine, username, ip):
        return rt.renderer.page(request, "pages/staff_signin.html", status=429, username=username,
                                errors={"password": "登录失败次数过多，请15分钟后再试"},
                                next=safe_next(data.get("next") or "/"))
    account_id = await service.check_staff_password(rt.engine, username, data.get("password") or "")
    if account_id is None:
        await service.record_staff_failure(rt.engine, username, ip)
        return rt.renderer.page(request, "pages/staff_signin.html", status=422, username=username,
                                errors={"password": "用户名或密码不正确"}, next=safe_next(data.get("next") or "/"))
    token = await sessions.create(rt.engine, account_id, request.cookies.get(sessions.COOKIE))
    return set_session_cookie(request, Redirect(safe_next(data.get("next") or "/"), status_code=303), token)


@post("/signout", name="signout", include_in_schema=False)
async def signout(request: Request) -> Response:
    rt = runtime(request)
    token = request.cookies.get(sessions.COOKIE)
    if token:
        await sessions.destroy(rt.engine, token)
    response = Redirect("/", status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/")
    return response


@get("/dev/sms", name="dev-sms", include_in_schema=False)
async def dev_sms(request: Request) -> Response:
    rt = runtime(request)
    if not rt.settings.dev:
        raise NotFoundException()
    messages = await fetch(
        rt.engine,
        "SELECT id, recipient, body, created_at, sent_at FROM outbox WHERE kind = 'sms' ORDER BY id DESC LIMIT 50",
    )
    return rt.renderer.page(request, "pages/dev_sms.html", messages=messages)
