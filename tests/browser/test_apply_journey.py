"""Applying online for 营业执照变更登记 at 375×812 in real headless Chromium, JavaScript on and off.

Sign in with the code from the developer SMS outbox, complete the real-name identity and add the
company on /me, fill every field page (driven by the matter's declaration), reload mid-page and find
the answers kept, upload two materials, check, submit (twice, quickly) and track the one case made.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from plugins.declarations import FieldType
from tests.integration.apply_helpers import CREDIT_CODE, PDF, PERSON_ID, jpeg_bytes, value_for

pytestmark = pytest.mark.browser

MATTER_KEY = "business-licence-change"
MATTER_NAME = "营业执照变更登记"
REGION = "500103"  # 渝中区
COMPANY = "重庆示例有限公司"
CHOICES = {FieldType.SELECT, FieldType.RADIO, FieldType.CHECKBOX}
RELOAD_PAGE = 1  # 变更内容: a checkbox that shows a dependent field, then a date
UPLOADS = {  # two different required materials, each with its own real file
    "change_application": {"name": "变更登记申请书.pdf", "mimeType": "application/pdf", "buffer": PDF},
    "shareholder_resolution": {"name": "股东会决议.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(7)},
}


def _path(url: str) -> str:
    return urlsplit(url).path


def _matter():
    from plugins import manager

    return manager.load().matters[MATTER_KEY]


def _pages():
    from app.applications import form

    return form.pages(_matter())


def _settled(page: Page) -> None:
    """No htmx request in flight (a no-op without JavaScript)."""
    page.wait_for_function(
        "() => document.readyState === 'complete' && !document.querySelector('.htmx-request')"
    )


def _swapped(page: Page, selector: str, action) -> None:
    """Run `action`, then wait until htmx has replaced the element at `selector` (outerHTML swap)."""
    page.evaluate("s => { document.querySelector(s).__kbOld = true; }", selector)
    action()
    page.wait_for_function("s => { const e = document.querySelector(s); return e && !e.__kbOld; }", arg=selector)
    _settled(page)


def _navigate(page: Page, action, url_test) -> None:
    """Run `action` (a click that loads another page, boosted or not) and wait for the new URL."""
    action()
    page.wait_for_url(url_test, timeout=30_000)  # the CI machine may be busy; 30 s, not the default 10
    page.wait_for_load_state()
    _settled(page)


# --- sign in, identity, company -------------------------------------------------------------------


def _sign_in(page: Page, phone: str) -> None:
    page.goto("/signin?next=/me")
    page.get_by_label("手机号码").fill(phone)
    _navigate(page, lambda: page.get_by_role("button", name="获取验证码").click(),
              lambda url: _path(url) == "/signin/verify")
    # The code, from the developer SMS outbox, read in the same browser context.
    outbox = page.context.new_page()
    outbox.goto("/dev/sms")
    message = outbox.locator("li.result", has=outbox.locator("p.meta", has_text=phone)).first
    body = message.locator(".sms-body").inner_text()
    outbox.close()
    code = re.search(r"验证码为(\d{6})", body)
    assert code, f"no code in the SMS to {phone}: {body!r}"
    page.get_by_label("短信验证码").fill(code.group(1))
    _navigate(page, lambda: page.get_by_role("button", name="登录", exact=True).click(),
              lambda url: _path(url) == "/me")
    expect(page.locator("h1")).to_have_text("我的办事")


def _complete_profile(page: Page) -> None:
    identity = page.locator("#identity")
    identity.get_by_label("姓名").fill("张三")
    identity.get_by_label("身份证号码").fill(PERSON_ID)
    _navigate(page, lambda: identity.get_by_role("button", name="保存", exact=True).click(),
              lambda url: _path(url) == "/me")
    expect(page.locator("#identity")).to_contain_text("张三")
    expect(page.locator("#identity")).to_contain_text("110***********002X")  # masked

    companies = page.locator("#companies")
    companies.locator("summary", has_text="添加我可代为办理的企业").click()
    companies.get_by_label("企业名称").fill(COMPANY)
    companies.get_by_label("统一社会信用代码").fill(CREDIT_CODE)
    companies.get_by_role("textbox", name="法定代表人", exact=True).fill("张三")
    companies.get_by_role("radio", name="法定代表人", exact=True).check()  # the role
    _navigate(page, lambda: companies.get_by_role("button", name="添加企业").click(),
              lambda url: _path(url) == "/me")
    expect(page.locator("#companies")).to_contain_text(COMPANY)
    expect(page.locator("#companies")).to_contain_text(CREDIT_CODE)


def _start(page: Page) -> str:
    """From the guide to the first field page; returns the draft's URL prefix (/apply/{id})."""
    page.goto(f"/matters/{MATTER_KEY}")
    expect(page.locator("h1")).to_have_text(MATTER_NAME)
    page.get_by_role("link", name="在线办理", exact=True).click()
    page.wait_for_url(lambda url: _path(url).startswith(f"/matters/{MATTER_KEY}/apply") or "/apply/" in url)
    page.wait_for_load_state()
    _settled(page)
    if _path(page.url).startswith(f"/matters/{MATTER_KEY}/apply"):  # choose the region and the company
        region = page.locator("#f-region")
        if region.count():
            region.select_option(REGION)
        company = page.locator("#f-company").get_by_label(COMPANY)
        if company.count():
            company.check()
        _navigate(page, lambda: page.get_by_role("button", name="开始申报").click(),
                  lambda url: re.fullmatch(r"/apply/\d+/0", _path(url)) is not None)
    match = re.fullmatch(r"(/apply/\d+)/0", _path(page.url))
    assert match, page.url
    expect(page.locator("h1")).to_have_text(_pages()[0].title)
    return match.group(1)


# --- field pages ---------------------------------------------------------------------------------


def _field(page: Page, f):
    return page.locator(f"#apply-fields #field-{f.name}")


def _choose(page: Page, f, value, js: bool) -> None:
    """Pick an option; with JavaScript the whole field list re-renders (dependants appear)."""
    if f.type == FieldType.SELECT:
        act = lambda: page.locator(f"#f-{f.name}").select_option(value)  # noqa: E731
    else:
        act = lambda: _field(page, f).locator(f"input[value='{value}']").check()  # noqa: E731
    already = (
        f.type != FieldType.SELECT and _field(page, f).locator(f"input[value='{value}']").is_checked()
        or f.type == FieldType.SELECT and page.locator(f"#f-{f.name}").input_value() == value
    )
    if already:
        return
    if js:
        _swapped(page, "#apply-fields", act)
    else:
        act()


def _type(page: Page, f, value: str) -> None:
    if f.type == FieldType.ADDRESS:
        page.locator(f"#f-{f.name}__region").select_option(REGION)
    page.locator(f"#f-{f.name}").fill(value)


def _fill_choices(page: Page, fields, js: bool) -> None:
    for f in fields:
        if f.type in CHOICES and _field(page, f).is_visible():
            value = value_for(f)
            for v in value if isinstance(value, list) else [value]:
                _choose(page, f, v, js)


def _fill_texts(page: Page, fields, js: bool, *, only=None) -> list:
    """Type into every visible text-like field (or those named in `only`); returns the fields typed in."""
    typed, autosaving, saved = [], set(), []

    def listener(response) -> None:
        if response.request.method == "POST" and "/field/" in response.url:
            saved.append(response.url.rsplit("/", 1)[1])

    page.on("response", listener)
    try:
        for f in fields:
            if f.type in CHOICES or f.type == FieldType.SIGNATURE or (only and f.name not in only):
                continue
            if not _field(page, f).is_visible():
                continue
            box = page.locator(f"#f-{f.name}")
            if js and box.get_attribute("hx-post") and box.input_value() != value_for(f):
                autosaving.add(f.name)  # leaving a changed field saves it (hx-trigger="change")
            _type(page, f, value_for(f))
            typed.append(f)
        if typed:
            page.locator(f"#f-{typed[-1].name}").press("Tab")
        for _ in range(200):
            if autosaving <= set(saved):
                break
            page.wait_for_timeout(50)
        assert autosaving <= set(saved), f"fields not autosaved: {autosaving - set(saved)}"
    finally:
        page.remove_listener("response", listener)
    _settled(page)
    return typed


def _assert_kept(page: Page, fields) -> None:
    for f in fields:
        value = value_for(f)
        if f.type in CHOICES:
            for v in value if isinstance(value, list) else [value]:
                expect(_field(page, f).locator(f"input[value='{v}']")).to_be_checked()
            continue
        expect(_field(page, f)).to_be_visible()
        expect(page.locator(f"#f-{f.name}")).to_have_value(value)
        if f.type == FieldType.ADDRESS:
            expect(page.locator(f"#f-{f.name}__region")).to_have_value(REGION)


def _continue(page: Page, draft: str, index: int) -> None:
    page.keyboard.press("Tab")  # leave the last field, as a person does, so its autosave goes first
    _settled(page)
    _navigate(page, lambda: page.get_by_role("button", name="保存并继续").click(),
              lambda url: _path(url) == f"{draft}/{index + 1}")
    expect(page.locator(".error-summary")).to_have_count(0)


def _fill_page(page: Page, draft: str, p, js: bool) -> None:
    _fill_choices(page, p.fields, js)
    if not js and any(f.show_if for f in p.fields):  # without htmx, saving the draft shows dependants
        _navigate(page, lambda: page.get_by_role("button", name="保存草稿").click(),
                  lambda url: _path(url) == f"{draft}/{p.index}")
    _fill_texts(page, p.fields, js)


def _error_summary_page(page: Page, draft: str, js: bool, shot) -> None:
    """Page 0 with one required field emptied: the error summary, linked to the field."""
    first = _pages()[0]
    emptied = next(f for f in first.fields if f.required and f.type == FieldType.TEXT and f.show_if is None)
    _fill_page(page, draft, first, js)
    page.locator(f"#f-{emptied.name}").fill("")
    page.get_by_role("button", name="保存并继续").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("请检查以下内容")
    expect(summary.get_by_role("link", name=f"{emptied.label}：请填写{emptied.label}")).to_be_visible()
    expect(page.locator(f"#field-{emptied.name} .error-text")).to_contain_text(f"请填写{emptied.label}")
    expect(page.locator(f"#f-{emptied.name}")).to_have_attribute("aria-invalid", "true")
    assert _path(page.url) == f"{draft}/0", page.url
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shot))
    # What else was typed on the page is still there.
    for f in first.fields:
        if f is not emptied and f.type not in CHOICES:
            expect(page.locator(f"#f-{f.name}")).to_have_value(value_for(f))
    _type(page, emptied, value_for(emptied))


def _field_pages(page: Page, draft: str, js: bool, shots_dir, suffix: str) -> None:
    pages = _pages()
    _error_summary_page(page, draft, js, shots_dir / f"apply-error-{suffix}.png")
    _settled(page)
    _continue(page, draft, 0)
    for p in pages[1:]:
        expect(page.locator("h1")).to_have_text(p.title)
        if p.index == RELOAD_PAGE:
            _reload_mid_page(page, draft, p, js)
        else:
            _fill_page(page, draft, p, js)
        _continue(page, draft, p.index)
    expect(page.locator("h1")).to_have_text("申请材料")


def _reload_mid_page(page: Page, draft: str, p, js: bool) -> None:
    """Choose, type into some fields, save (autosave on change, or 保存草稿), reload: all still there."""
    choices = [f for f in p.fields if f.type in CHOICES and f.show_if is None]
    _fill_choices(page, choices, js)
    if js:
        shown = [f for f in p.fields if f.show_if and _field(page, f).is_visible()]
        assert shown, "checking a change item showed no dependent field"
        typed = _fill_texts(page, p.fields, js)
    else:
        plain = {f.name for f in p.fields if f.show_if is None}
        typed = _fill_texts(page, p.fields, js, only=plain)
        _navigate(page, lambda: page.get_by_role("button", name="保存草稿").click(),
                  lambda url: _path(url) == f"{draft}/{p.index}")
        expect(page.get_by_role("status")).to_contain_text("草稿已保存")
    assert typed, "nothing typed before the reload"
    page.reload()
    page.wait_for_load_state()
    _settled(page)
    assert _path(page.url) == f"{draft}/{p.index}", page.url
    expect(page.locator("h1")).to_have_text(p.title)
    _assert_kept(page, choices + typed)
    _fill_texts(page, p.fields, js)  # the dependants shown now (without JavaScript: after saving)


# --- materials, check, submit, track -------------------------------------------------------------


def _upload(page: Page, js: bool) -> None:
    for name, payload in UPLOADS.items():
        section = page.locator(f"#m-{name}")
        section.locator("input[type=file][name=files]").set_input_files(payload)
        click = lambda: section.get_by_role("button", name="上传", exact=True).click()  # noqa: E731
        if js:
            _swapped(page, "#materials", click)
        else:
            _navigate(page, click, lambda url: _path(url).endswith(f"/{len(_pages())}"))
        expect(page.locator(f"#m-{name} ul.files")).to_contain_text(payload["name"])
        expect(page.locator(f"#m-{name} .error-text")).to_have_count(0)
    for name, payload in UPLOADS.items():  # both listed, each under its own material
        expect(page.locator(f"#m-{name} ul.files li")).to_have_count(1)
        expect(page.locator(f"#m-{name} ul.files a", has_text=payload["name"])).to_be_visible()


def _submit_twice(page: Page, draft: str) -> str:
    expect(page.locator("h1")).to_have_text("核对信息")
    answers = page.locator("dl.answers")
    for f in _matter().fields:
        if f.type in (FieldType.TEXT, FieldType.PHONE, FieldType.DATE) and f.show_if is None:
            expect(answers).to_contain_text(value_for(f))
    for payload in UPLOADS.values():
        expect(page.locator("main")).to_contain_text(payload["name"])
    page.get_by_label(re.compile("承诺")).check()
    form = page.locator(f"form[action='{draft}/submit']")
    posted = {name: form.locator(f"input[name={name}]").input_value() for name in ("_csrf_token", "submit_token")}
    submits: list[str] = []

    def listener(request) -> None:
        if request.method == "POST" and _path(request.url) == f"{draft}/submit":
            submits.append(request.url)

    page.on("request", listener)
    form.get_by_role("button", name="提交申请").dblclick()
    page.wait_for_url(lambda url: re.fullmatch(r"/cases/\d+", _path(url)) is not None)
    page.wait_for_load_state()
    _settled(page)
    page.remove_listener("request", listener)
    number = re.fullmatch(r"/cases/(\d+)", _path(page.url)).group(1)
    assert 1 <= len(submits) <= 2, submits
    # Chromium (and htmx) may fold a double click into one request; make sure the server sees the
    # second, too: the same form again, with the browser's cookies, answers with the same case.
    replay = page.context.request.post(f"{draft}/submit", form={**posted, "declaration": "yes"}, max_redirects=0)
    assert replay.status == 303, replay.status
    assert _path(replay.headers["location"]) == f"/cases/{number}", replay.headers["location"]
    return number


def _confirmation(page: Page, number: str, shot) -> None:
    assert re.fullmatch(r"\d{19}", number), number
    confirmation = page.locator(".confirmation")
    expect(confirmation).to_be_visible()
    expect(confirmation.locator("h1")).to_have_text("申请已提交")
    expect(confirmation.locator(".case-number")).to_have_text(number)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shot))
    for heading in ("办理进度", "办理过程"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator("dl.facts dt", has_text="预计办结")).to_be_visible()
    expect(page.locator("dl.facts dd").filter(has_text=re.compile(r"\d{4}-\d{2}-\d{2}")).first).to_be_visible()
    expect(page.locator("ol.timeline li")).not_to_have_count(0)


def _tracking(page: Page, number: str) -> None:
    page.goto("/me")
    cases = page.locator("section[aria-labelledby='cases-title'] a[href^='/cases/']")
    expect(cases).to_have_count(1)  # one case, however quickly 提交申请 was clicked twice
    expect(cases).to_have_attribute("href", f"/cases/{number}")
    expect(page.locator("#drafts-title + *")).not_to_contain_text(MATTER_NAME)
    _navigate(page, lambda: cases.click(), lambda url: _path(url) == f"/cases/{number}")
    expect(page.locator("h1")).to_have_text(MATTER_NAME)
    expect(page.locator(".confirmation")).to_have_count(0)
    for heading in ("办理进度", "办理过程", "我的材料"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("预计办结")
    expect(page.locator("dl.facts")).to_contain_text(number)
    for payload in UPLOADS.values():
        expect(page.get_by_role("link", name=payload["name"])).to_be_visible()


def _journey(page: Page, phone: str, js: bool, shots_dir, suffix: str) -> None:
    _sign_in(page, phone)
    _complete_profile(page)
    draft = _start(page)
    _field_pages(page, draft, js, shots_dir, suffix)
    _upload(page, js)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots_dir / f"apply-materials-{suffix}.png"))  # both files are listed at the top
    _navigate(page, lambda: page.get_by_role("link", name="下一步：核对信息").click(),
              lambda url: _path(url) == f"{draft}/{len(_pages()) + 1}")
    number = _submit_twice(page, draft)
    _confirmation(page, number, shots_dir / f"apply-confirmation-{suffix}.png")
    _tracking(page, number)
    for name in ("error", "materials", "confirmation"):
        shot = shots_dir / f"apply-{name}-{suffix}.png"
        assert shot.stat().st_size > 1000, f"{shot} looks empty"


def test_apply_journey_with_javascript(page: Page, shots_dir):
    _journey(page, "13900001111", True, shots_dir, "js")


def test_apply_journey_without_javascript(page_nojs: Page, shots_dir):
    _journey(page_nojs, "13900002222", False, shots_dir, "nojs")


def test_apply_pages_fit_a_phone(page: Page):
    """No application page scrolls sideways at 375 px (field pages, materials, check)."""
    _sign_in(page, "13900003333")
    _complete_profile(page)
    draft = _start(page)
    widths = {}
    for index in range(len(_pages()) + 2):
        page.goto(f"{draft}/{index}")
        widths[index] = page.evaluate("document.documentElement.scrollWidth")
    assert all(w <= 375 for w in widths.values()), widths


def test_typing_survives_a_slow_field_check(page: Page):
    """Choosing an address's district re-renders the field; what was typed meanwhile is kept and saved."""
    _sign_in(page, "13900004444")
    _complete_profile(page)
    draft = _start(page)
    address = next(f for f in _pages()[2].fields if f.type == FieldType.ADDRESS)
    page.goto(f"{draft}/2")
    _settled(page)
    held = []
    pattern = f"**{draft}/field/{address.name}"
    page.route(pattern, lambda route: held.append(route))
    page.locator(f"#f-{address.name}__region").select_option(REGION)
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(25)
    assert held, "choosing a district sent no field check"
    street = value_for(address)
    page.locator(f"#f-{address.name}").fill(street)  # typed while the check is still on its way
    page.evaluate("s => { document.querySelector(s).__kbOld = true; }", f"#field-{address.name}")
    held[0].continue_()
    page.unroute(pattern)
    page.wait_for_function("s => { const e = document.querySelector(s); return e && !e.__kbOld; }",
                           arg=f"#field-{address.name}")
    _settled(page)
    expect(page.locator(f"#f-{address.name}")).to_have_value(street)
    page.reload()
    _settled(page)
    expect(page.locator(f"#f-{address.name}")).to_have_value(street)  # saved, not only shown
    expect(page.locator(f"#f-{address.name}__region")).to_have_value(REGION)
