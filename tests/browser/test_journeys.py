"""Search, filter and guide at 375×812 in real headless Chromium, with JavaScript on and off."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

LICENCE_CHANGE = "营业执照变更登记"
COMPANY_BUNDLE = "企业开办（一件事一次办）"
YUZHONG = ("500103", "渝中区")


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _path(url: str) -> str:
    return urlsplit(url).path


def _no_horizontal_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} scrolls horizontally at 375 px (scrollWidth={width})"


def _search_from_home(page: Page, query: str) -> None:
    page.goto("/")
    box = page.get_by_label("搜索办事事项")
    expect(box).to_be_visible()
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(lambda url: _path(url) == "/matters" and _query(url).get("q") == [query])
    expect(page.locator("#results")).to_be_visible()
    # With JavaScript on the home form is boosted: wait until htmx has settled.
    page.wait_for_function(
        "() => document.readyState === 'complete' && !document.querySelector('.htmx-request')"
    )


def _result_link(page: Page, name: str):
    return page.locator("#results").get_by_role("link", name=name, exact=True)


def _check_guide(page: Page, name: str) -> None:
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(name)
    materials = page.locator("section", has=page.get_by_role("heading", name="申请材料", exact=True))
    expect(materials.locator("table")).to_be_visible()
    assert materials.locator("tbody tr").count() > 0, "the materials table has no rows"
    expect(page.get_by_role("heading", name="办理流程", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="常见问题", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="在线办理", exact=True)).to_be_visible()


def _implementing_body(page: Page):
    return page.locator("dl.facts > div", has=page.locator("dt", has_text="实施主体")).locator("dd")


def _choose_region(page: Page) -> None:
    code, name = YUZHONG
    page.locator("#region").select_option(code)
    page.get_by_role("button", name="查看", exact=True).click()
    page.wait_for_url(lambda url: _query(url).get("region") == [code])
    expect(page.locator("#region")).to_have_value(code)
    expect(_implementing_body(page)).to_contain_text(name)


def test_search_filter_guide_with_javascript(page: Page, shots_dir):
    _search_from_home(page, "执照")
    expect(_result_link(page, LICENCE_CHANGE)).to_be_visible()
    _no_horizontal_scroll(page)

    # Mark the page and the filter form: a full navigation (even a boosted one, which swaps <body>)
    # would lose the form's marker; htmx swapping only #results keeps both.
    page.evaluate("window.__kbMarker = 'kept'; document.querySelector('form.filters').__kbMarker = 'kept'")
    loads: list[str] = []  # pushState also fires "framenavigated"; only real loads fire "load"
    page.on("load", lambda p: loads.append(p.url))

    filters = page.locator("details.more-filters")
    filters.locator("summary", has_text="筛选条件").click()
    expect(filters).to_have_attribute("open", "")
    expect(page.get_by_label("服务对象")).to_be_visible()
    with page.expect_response(lambda r: _path(r.url) == "/matters" and "kind=company" in r.url) as resp:
        page.locator("#f-kind").select_option("company")
    assert resp.value.request.headers.get("hx-request") == "true", "the filter change was not an htmx request"
    page.wait_for_url(lambda url: _query(url).get("kind") == ["company"] and _query(url).get("q") == ["执照"])
    expect(_result_link(page, LICENCE_CHANGE)).to_be_visible()
    # Every listed result is for companies now.
    metas = page.locator("#results li.result p.meta").all_inner_texts()
    assert metas and all("法人" in m for m in metas), metas
    assert page.evaluate("window.__kbMarker") == "kept", "the page was reloaded"
    assert page.evaluate("document.querySelector('form.filters').__kbMarker") == "kept", (
        "the filter form was replaced: the whole page was swapped, not #results"
    )
    assert loads == [], f"a full page load happened: {loads}"
    expect(page.locator("#f-kind")).to_have_value("company")
    # The swapped-in fragment is just the results, not a nested page.
    expect(page.locator("#results h1")).to_have_count(0)
    expect(page.locator("h1")).to_have_count(1)
    page.screenshot(path=str(shots_dir / "results-js.png"), full_page=False)

    _result_link(page, LICENCE_CHANGE).click()
    page.wait_for_url(lambda url: _path(url).startswith("/matters/") and _path(url) != "/matters/")
    _check_guide(page, LICENCE_CHANGE)
    _no_horizontal_scroll(page)
    page.screenshot(path=str(shots_dir / "guide-js.png"), full_page=False)

    _choose_region(page)
    _check_guide(page, LICENCE_CHANGE)
    _no_horizontal_scroll(page)


def test_search_filter_guide_without_javascript(page_nojs: Page):
    page = page_nojs
    _search_from_home(page, "执照")
    expect(_result_link(page, LICENCE_CHANGE)).to_be_visible()

    filters = page.locator("details.more-filters")
    filters.locator("summary", has_text="筛选条件").click()
    page.locator("#f-kind").select_option("company")
    # No JavaScript: changing the select does nothing until the form is submitted.
    assert _query(page.url).get("kind") is None
    with page.expect_navigation():
        page.get_by_role("button", name="筛选", exact=True).click()
    query = _query(page.url)
    assert _path(page.url) == "/matters"
    assert query.get("kind") == ["company"] and query.get("q") == ["执照"], page.url
    expect(page.locator("#f-kind")).to_have_value("company")
    expect(page.locator("#f-q")).to_have_value("执照")
    expect(_result_link(page, LICENCE_CHANGE)).to_be_visible()
    _no_horizontal_scroll(page)

    _result_link(page, LICENCE_CHANGE).click()
    page.wait_for_url(lambda url: _path(url).startswith("/matters/") and _path(url) != "/matters/")
    _check_guide(page, LICENCE_CHANGE)
    _choose_region(page)
    _no_horizontal_scroll(page)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("kbqy", COMPANY_BUNDLE), ("yingyezhizhao", LICENCE_CHANGE)],
)
def test_pinyin_search(page: Page, query: str, expected: str):
    _search_from_home(page, query)
    expect(_result_link(page, expected)).to_be_visible()
    expect(page.locator("#results .empty")).to_have_count(0)


def _unlabelled_controls(page: Page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden')
            .filter(el => !(el.labels && el.labels.length)
                          && !(el.getAttribute('aria-label') || '').trim()
                          && !(el.getAttribute('aria-labelledby') || '').trim())
            .map(el => el.outerHTML.slice(0, 120))"""
    )


def _check_skip_link(page: Page) -> None:
    page.locator("body").focus()
    page.evaluate("window.scrollTo(0, 0)")
    skip = page.get_by_role("link", name="跳到主要内容")
    box_before = skip.bounding_box()
    assert box_before is None or box_before["x"] + box_before["width"] <= 0, (
        "the skip link is visible before it has focus"
    )
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "跳到主要内容", f"the first Tab stop is {focused!r}"
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, (
        f"the focused skip link is off screen: {box}"
    )
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


@pytest.mark.parametrize("where", ["home", "guide"])
def test_accessibility_basics(page: Page, where: str):
    if where == "home":
        page.goto("/")
    else:
        _search_from_home(page, "执照")
        _result_link(page, LICENCE_CHANGE).click()
        page.wait_for_url(lambda url: _path(url).startswith("/matters/") and _path(url) != "/matters/")
        page.reload()  # start from a freshly loaded page, not a boosted swap
    assert _unlabelled_controls(page) == []
    expect(page.locator("h1")).to_have_count(1)
    _check_skip_link(page)


def test_guide_content_stays_inside_cards(page: Page):
    _search_from_home(page, "执照")
    _result_link(page, LICENCE_CHANGE).click()
    page.wait_for_url(lambda url: _path(url).startswith("/matters/") and _path(url) != "/matters/")
    expect(page.locator("h1")).to_have_text(LICENCE_CHANGE)
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('main *')].filter(e => {
               const card = e.parentElement && e.parentElement.closest('section, .guide-head, .result');
               if (!card) return false;
               const r = e.getBoundingClientRect(), c = card.getBoundingClientRect();
               return r.width > 0 && r.right > c.right + 0.5;
           }).map(e => `${e.tagName.toLowerCase()}: ${e.textContent.trim().slice(0, 30)}`)"""
    )
    assert overflowing == [], f"elements stick out of their card at 375 px: {overflowing[:5]}"


def test_screenshots(page: Page, shots_dir):
    page.goto("/")
    expect(page.locator("h1")).to_be_visible()
    home = shots_dir / "home.png"
    page.screenshot(path=str(home))

    _search_from_home(page, "执照")
    expect(_result_link(page, LICENCE_CHANGE)).to_be_visible()
    results = shots_dir / "results.png"
    page.screenshot(path=str(results))

    _result_link(page, LICENCE_CHANGE).click()
    page.wait_for_url(lambda url: _path(url).startswith("/matters/") and _path(url) != "/matters/")
    expect(page.locator("h1")).to_have_text(LICENCE_CHANGE)
    guide = shots_dir / "guide.png"
    page.screenshot(path=str(guide))
    guide_full = shots_dir / "guide-full.png"
    page.screenshot(path=str(guide_full), full_page=True)

    for shot in (home, results, guide, guide_full):
        assert shot.stat().st_size > 1000, f"{shot} looks empty"
