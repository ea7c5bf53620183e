"""The window workbench at 1280×800: a walk-in's instant matter, from the intake desk to a licence
that a stranger verifies through its QR link, with the queue tabs swapping in place."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from playwright.sync_api import Page, expect

from tests.browser.test_journeys import _unlabelled_controls
from tests.integration.apply_helpers import page_data, sample_file

MATTER_KEY = "individual-business-registration"
WALK_IN_PHONE = "13966660001"
WALK_IN_ID = "500103199003071235"


def _valid_id(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]


def _matter():
    from plugins import manager

    return manager.load().matters[MATTER_KEY]


def _settled(page: Page) -> None:
    page.wait_for_function("() => document.readyState === 'complete' && !document.querySelector('.htmx-request')")


def _path(url: str) -> str:
    return urlparse(url).path


def _fits(page: Page) -> None:
    """No sideways scroll at 1280 px, one h1, every control labelled."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"{page.url} scrolls sideways: {width}px"
    expect(page.locator("h1")).to_have_count(1)
    assert _unlabelled_controls(page) == [], page.url


def _sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/staff/signin?next=/window")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: _path(url) == "/window", timeout=30_000)
    _settled(page)


def _intake(page: Page) -> str:
    page.get_by_role("link", name="帮办代办：为来窗口的群众申请").click()
    page.wait_for_url(lambda url: _path(url) == "/window/intake")
    _settled(page)
    _fits(page)
    page.locator("#i-phone").fill(WALK_IN_PHONE)
    page.locator("#i-name").fill("李四")
    page.locator("#i-resident_id").fill(_valid_id(WALK_IN_ID[:17]))
    page.locator("#i-matter").select_option(MATTER_KEY)
    page.get_by_role("button", name="打开申请表").click()
    # A phone with no real-name record: the applicant reads out the code it was just sent.
    code = page.locator("#i-code")
    expect(code).to_be_visible()
    sms = page.context.request.get("/dev/sms").text()
    code.fill(re.search(WALK_IN_PHONE + r" ·.*?验证码为(\d{6})", sms, re.S).group(1))
    page.get_by_role("button", name="确认验证码并打开申请表").click()
    page.wait_for_url(lambda url: re.fullmatch(r"/apply/\d+/0", _path(url)) is not None, timeout=30_000)
    _settled(page)
    return _path(page.url).rsplit("/", 1)[0]


def _fill_pages(page: Page, draft: str) -> None:
    """The field pages are the citizen's (browser-tested in test_apply_journey); post them as the form does."""
    from app.applications import form

    token = next(c["value"] for c in page.context.cookies() if c["name"] == "kb_csrf")
    for p in form.pages(_matter()):
        data = {k: (",".join(v) if isinstance(v, list) else v) for k, v in page_data(p.fields, token).items()}
        r = page.context.request.post(f"{draft}/{p.index}", form=data, max_redirects=0)
        assert r.status == 303, (p.title, r.status)


def _scan_folder(page: Page, draft: str) -> None:
    matter = _matter()
    from app.applications import form

    page.goto(f"{draft}/{len(form.pages(matter))}")
    _settled(page)
    required = [m for m in matter.materials if m.required]
    scans = {m.name: sample_file(m.kinds, i) for i, m in enumerate(required)}
    page.locator("#bulk-files").set_input_files([
        {"name": f"{m.title}.{scans[m.name][0].rsplit('.', 1)[1]}", "mimeType": "application/octet-stream",
         "buffer": scans[m.name][1]} for m in required
    ])
    page.get_by_role("button", name="全部上传").click()
    _settled(page)
    for m in required:
        expect(page.locator(f"#m-{m.name} ul.files")).to_contain_text(m.title)
    expect(page.locator("#bulk .error-text")).to_have_count(0)
    page.get_by_role("link", name="下一步：核对信息").click()
    expect(page.locator("h1")).to_have_text("核对信息")
    _settled(page)
    page.get_by_label(re.compile("承诺")).check()
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(lambda url: re.fullmatch(r"/window/cases/\d+", _path(url)) is not None, timeout=30_000)
    _settled(page)


def test_workbench_from_walk_in_to_a_verified_licence(desk: Page, add_staff, browser, live_server, shots_dir):
    page = desk
    password = add_staff("desk-clerk-01", "clerk", "500103", "market")
    _sign_in(page, "desk-clerk-01", password)
    _fits(page)
    draft = _intake(page)
    _fill_pages(page, draft)
    _scan_folder(page, draft)
    number = _path(page.url).rsplit("/", 1)[1]

    # The staff case page: who entered it, the materials open in place, only the actions allowed now.
    expect(page.locator("dl.facts").first).to_contain_text("工作人员代为录入")
    preview = page.locator("details.viewer:has(img)").first
    preview.locator("summary").click()
    image = preview.locator("img")
    expect(image).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    pdf = page.locator("details.viewer:has(iframe)").first  # the PDF opens in place, from a file we may frame
    pdf.locator("summary").click()
    frame = pdf.locator("iframe")
    expect(frame).to_be_visible()
    served = page.context.request.get(frame.get_attribute("src"))
    assert served.status == 200 and served.headers["content-type"] == "application/pdf"
    assert "frame-ancestors 'self'" in served.headers["content-security-policy"]
    expect(page.get_by_role("button", name="当场受理并办结（即办件）")).to_be_visible()
    page.locator("#f-finish").fill("准予登记，当场发照")
    page.get_by_role("button", name="当场受理并办结（即办件）").click()
    expect(page.locator("dl.facts").first).to_contain_text("已办结")
    results = page.locator("section[aria-labelledby='results-title']")
    expect(results).to_contain_text("个体工商户营业执照")
    expect(page.get_by_role("button", name="当场受理并办结（即办件）")).to_have_count(0)
    _fits(page)
    page.screenshot(path=str(shots_dir / "workbench-case.png"), full_page=True)

    # The queue: the done tab swaps in place (htmx) and lists the case; the URL follows.
    page.goto("/window")
    _settled(page)
    page.evaluate("document.querySelector('#queue nav').__kbOld = true")
    page.get_by_role("link", name=re.compile("^已办结")).click()
    page.wait_for_function("() => { const q = document.querySelector('#queue nav'); return q && !q.__kbOld; }")
    _settled(page)
    assert "tab=done" in page.url
    expect(page.locator("#queue a[aria-current='page']")).to_contain_text("已办结")
    expect(page.locator("#queue table")).to_contain_text(number)
    done_count = int(page.locator("#queue a[aria-current='page'] .count").inner_text())
    assert done_count == page.locator("#queue table tbody tr").count() >= 1, "the count is the list's length"
    _fits(page)
    page.screenshot(path=str(shots_dir / "workbench-queue.png"))

    # The licence: printable page with its QR code and issuer's seal; the QR's link checks out for anyone.
    page.goto(f"/window/cases/{number}")
    results.get_by_role("link", name=re.compile("查看和打印")).first.click()
    page.wait_for_url(lambda url: re.fullmatch(r"/licences/\d+", _path(url)) is not None)
    _settled(page)
    expect(page.locator(".cert-qr svg")).to_be_visible()
    seal = page.locator("img.cert-seal")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=seal.element_handle())
    _fits(page)
    page.screenshot(path=str(shots_dir / "workbench-licence.png"), full_page=True)
    verify_url = page.locator("a[href*='/verify/']").get_attribute("href")
    stranger = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN")
    try:
        check = stranger.new_page()
        check.goto(verify_url)
        expect(check.locator(".verify-result")).to_contain_text("核验通过")
        expect(check.locator("dl.facts")).to_contain_text("个体工商户营业执照")  # held by the business, by name
        expect(check.locator("dl.facts")).not_to_contain_text("李四")  # the operator's own name stays private
        assert check.evaluate("document.documentElement.scrollWidth") <= 375, "the check page is read on a phone"
        check.screenshot(path=str(shots_dir / "verify-phone.png"), full_page=True)
    finally:
        stranger.close()
