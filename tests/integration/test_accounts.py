"""Signing in by SMS code, sessions, CSRF, real-name and company profiles, staff passwords."""

from __future__ import annotations

import re

import pytest
from litestar.testing import AsyncTestClient

from app.accounts import service
from app.factory import create_app
from tests.conftest import make_settings

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.fixture
async def web(database_url, tmp_path):
    """A fresh app and cookie jar per test (sign-in state must not leak between tests)."""
    settings = make_settings(database_url, tmp_path, KUAIBAN_DEV="1")
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False  # assert the redirects themselves
        yield client


def csrf(client) -> str:
    return client.cookies.get("kb_csrf")


async def last_code(client, phone: str) -> str:
    page = await client.get("/dev/sms")
    bodies = re.findall(r'<p class="meta">' + phone + r" ·[^<]*</p><p class=\"sms-body\">([^<]+)</p>", page.text)
    return re.search(r"验证码为(\d{6})", bodies[0]).group(1)


async def sign_in(client, phone: str = "13800138000", next_url: str = "/me"):
    await client.get("/signin")
    r = await client.post("/signin/code", data={"phone": phone, "next": next_url, "_csrf_token": csrf(client)})
    assert r.status_code == 303, r.text
    code = await last_code(client, phone)
    return await client.post(
        "/signin/verify", data={"phone": phone, "code": code, "next": next_url, "_csrf_token": csrf(client)}
    )


async def test_sign_in_with_a_code_rotates_the_session_and_reaches_me(web):
    r = await sign_in(web)
    assert r.status_code == 303 and r.headers["location"] == "/me"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    first = web.cookies.get("kb_session")
    await web.post("/signin/code", data={"phone": "13800138001", "_csrf_token": csrf(web)})
    code = await last_code(web, "13800138001")
    await web.post("/signin/verify", data={"phone": "13800138001", "code": code, "_csrf_token": csrf(web)})
    second = web.cookies.get("kb_session")
    assert second and second != first, "signing in again must issue a new session token"
    web.cookies.delete("kb_session")
    web.cookies.set("kb_session", first, domain="testserver.local")
    assert (await web.get("/me")).status_code == 303, "the replaced session must no longer work"
    web.cookies.delete("kb_session")
    web.cookies.set("kb_session", second, domain="testserver.local")
    me = await web.get("/me")
    assert me.status_code == 200 and "138****8001" in me.text
    out = await web.post("/signout", data={"_csrf_token": csrf(web)})
    assert out.status_code == 303
    assert (await web.get("/me")).status_code == 303


async def test_codes_are_single_use_and_wrong_codes_are_counted(web):
    await web.get("/signin")
    await web.post("/signin/code", data={"phone": "13900139000", "_csrf_token": csrf(web)})
    code = await last_code(web, "13900139000")
    wrong = "000000" if code != "000000" else "111111"
    r = await web.post("/signin/verify", data={"phone": "13900139000", "code": wrong, "_csrf_token": csrf(web)})
    assert r.status_code == 422 and "验证码不正确，还可尝试4次" in r.text
    ok = await web.post("/signin/verify", data={"phone": "13900139000", "code": code, "_csrf_token": csrf(web)})
    assert ok.status_code == 303
    again = await web.post("/signin/verify", data={"phone": "13900139000", "code": code, "_csrf_token": csrf(web)})
    assert again.status_code == 422 and "验证码已过期" in again.text


async def test_codes_are_rate_limited_per_phone(web):
    await web.get("/signin")
    first = await web.post("/signin/code", data={"phone": "13700137000", "_csrf_token": csrf(web)})
    assert first.status_code == 303
    second = await web.post("/signin/code", data={"phone": "13700137000", "_csrf_token": csrf(web)})
    assert second.status_code == 422 and re.search(r"请\d+秒后再重新获取", second.text)


async def test_codes_are_rate_limited_per_ip(web, monkeypatch):
    from app.accounts import signin

    monkeypatch.setattr(signin, "IP_PER_HOUR", 2)
    await web.get("/signin")
    limited = None
    for phone in ("13700137101", "13700137102", "13700137103", "13700137104"):
        limited = await web.post("/signin/code", data={"phone": phone, "_csrf_token": csrf(web)})
    assert limited.status_code == 422 and "当前网络获取验证码次数过多" in limited.text


async def test_bad_phone_gets_a_message_next_to_the_field(web):
    await web.get("/signin")
    r = await web.post("/signin/code", data={"phone": "12345", "_csrf_token": csrf(web)})
    assert r.status_code == 422
    assert 'id="f-phone-error"' in r.text and "11位手机号码" in r.text and 'href="#f-phone"' in r.text


async def test_state_changes_without_a_valid_csrf_token_are_refused(web):
    await web.get("/signin")
    missing = await web.post("/signin/code", data={"phone": "13600136000"})
    assert missing.status_code == 403 and "页面已过期" in missing.text
    forged = await web.post("/signin/code", data={"phone": "13600136000", "_csrf_token": "forged"})
    assert forged.status_code == 403


async def test_me_requires_sign_in_and_comes_back_after(web):
    r = await web.get("/me")
    assert r.status_code == 303 and r.headers["location"].startswith("/signin?next=%2Fme")


async def test_real_name_and_company_profiles_validate_check_digits(web):
    await sign_in(web, "13500135000")
    bad = await web.post("/me/identity", data={"name": "张三", "resident_id": "110105194912310021",
                                               "_csrf_token": csrf(web)})
    assert bad.status_code == 422 and "校验位" in bad.text
    good = await web.post("/me/identity", data={"name": "<b>张三</b>", "resident_id": "11010519491231002x",
                                                "_csrf_token": csrf(web)})
    assert good.status_code == 303
    me = (await web.get("/me")).text
    assert "&lt;b&gt;张三&lt;&#x2f;b&gt;" in me or "&lt;b&gt;张三&lt;/b&gt;" in me
    assert "11010519491231002X" not in me and "002X" in me
    bad_company = await web.post("/me/companies", data={"company_name": "重庆示例有限公司",
                                                        "credit_code": "91350100M000100Y44", "legal_rep": "张三",
                                                        "role": "legal_rep", "_csrf_token": csrf(web)})
    assert bad_company.status_code == 422 and "统一社会信用代码校验位不正确" in bad_company.text
    not_me = await web.post("/me/companies", data={"company_name": "重庆示例有限公司",
                                                   "credit_code": "91350100M000100Y43", "legal_rep": "张三",
                                                   "role": "legal_rep", "_csrf_token": csrf(web)})
    assert not_me.status_code == 422 and "只有法定代表人本人" in not_me.text, "real name is <b>张三</b>, not 张三"
    ok = await web.post("/me/companies", data={"company_name": "重庆示例有限公司", "credit_code": "91350100M000100Y43",
                                               "legal_rep": "张三", "role": "agent", "_csrf_token": csrf(web)})
    assert ok.status_code == 303
    assert "91350100M000100Y43" in (await web.get("/me")).text


async def test_staff_sign_in_with_argon2_password(web):
    # The app runs on its own event loop (the test client's thread): use a runtime of this loop.
    from app.runtime import Runtime

    rt = Runtime(web.app.state.runtime.settings)
    await rt.start(sync=False)
    await service.add_staff(rt.engine, username="clerk-test", password="s3cret-pass", role="clerk",
                            name="窗口甲", region_code="500103", departments=("market",))
    await web.get("/staff/signin")
    bad = await web.post("/staff/signin", data={"username": "clerk-test", "password": "nope",
                                                "_csrf_token": csrf(web)})
    assert bad.status_code == 422 and "用户名或密码不正确" in bad.text
    ok = await web.post("/staff/signin", data={"username": "clerk-test", "password": "s3cret-pass",
                                               "_csrf_token": csrf(web)})
    assert ok.status_code == 303
    home = await web.get("/")
    assert "窗口甲" in home.text
    assert (await web.get("/me")).status_code == 404, "staff have no citizen page"
    assert await service.check_staff_password(rt.engine, "clerk-test", "s3cret-pass") is not None
    assert await service.check_staff_password(rt.engine, "nobody", "s3cret-pass") is None
    for _ in range(5):
        await web.post("/staff/signin", data={"username": "clerk-test", "password": "guess", "_csrf_token": csrf(web)})
    locked = await web.post("/staff/signin", data={"username": "clerk-test", "password": "s3cret-pass",
                                                   "_csrf_token": csrf(web)})
    assert locked.status_code == 429 and "登录失败次数过多" in locked.text
    await rt.stop()


async def test_a_registered_company_cannot_be_claimed_with_other_details(web):
    await sign_in(web, "13200132000")
    await web.post("/me/identity", data={"name": "李四", "resident_id": "11010519491231002X", "_csrf_token": csrf(web)})
    from app.accounts.identity import validate_credit_code

    code = next(c for c in (f"91500103MA5U7ABC1{x}" for x in "0123456789ABCDEFGHJKLMNPQRTUWXY") if validate_credit_code(c) is None)
    ok = await web.post("/me/companies", data={"company_name": "重庆真实有限公司", "credit_code": code,
                                               "legal_rep": "李四", "role": "legal_rep", "_csrf_token": csrf(web)})
    assert ok.status_code == 303
    await web.post("/signout", data={"_csrf_token": csrf(web)})
    await sign_in(web, "13200132001")
    await web.post("/me/identity", data={"name": "王五", "resident_id": "11010519491231002X", "_csrf_token": csrf(web)})
    claim = await web.post("/me/companies", data={"company_name": "冒名公司", "credit_code": code, "legal_rep": "王五",
                                                  "role": "legal_rep", "_csrf_token": csrf(web)})
    assert claim.status_code == 422 and "与登记信息不一致" in claim.text


async def test_a_used_code_spoils_older_codes_and_guesses_are_capped(web, monkeypatch):
    import datetime

    from app.accounts import signin

    monkeypatch.setattr(signin, "PHONE_GAP", datetime.timedelta(0))
    await web.get("/signin")
    await web.post("/signin/code", data={"phone": "13100131000", "_csrf_token": csrf(web)})
    old = await last_code(web, "13100131000")
    await web.post("/signin/code", data={"phone": "13100131000", "_csrf_token": csrf(web)})
    new = await last_code(web, "13100131000")
    if old != new:
        stale = await web.post("/signin/verify", data={"phone": "13100131000", "code": old, "_csrf_token": csrf(web)})
        assert stale.status_code == 422
    wrong = "000000" if new != "000000" else "111111"
    for _ in range(5):
        await web.post("/signin/verify", data={"phone": "13100131000", "code": wrong, "_csrf_token": csrf(web)})
    blocked = await web.post("/signin/verify", data={"phone": "13100131000", "code": new, "_csrf_token": csrf(web)})
    assert blocked.status_code == 422 and "错误次数过多" in blocked.text


async def test_open_redirects_are_refused(web):
    r = await sign_in(web, "13300133000", next_url="//evil.example/x")
    assert r.headers["location"] == "/me"
