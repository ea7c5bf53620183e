"""Every catalog page and API route over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_home_shows_search_sections_and_live_figures(client):
    r = await client.get("/")
    assert r.status_code == 200
    html = r.text
    assert 'name="q"' in html and "个人办事" in html and "法人办事" in html
    assert "开办企业" in html and "热门事项" in html and "市场监督管理局" in html
    matters = int(re.search(r'data-figure="matters">(\d+)<', html).group(1))
    health = (await client.get("/healthz")).json()
    assert matters == health["matters"] >= 15
    assert re.search(r'data-figure="zero-trips">[\d.]+%<', html)
    assert r.headers["vary"] == "HX-Request"


async def test_htmx_and_local_assets(client):
    html = (await client.get("/")).text
    src = re.search(r'<script src="([^"]+)" integrity="(sha384-[^"]+)"', html)
    assert src and src.group(1).startswith("/static/htmx-2.0.8.min.js")
    js = await client.get(src.group(1))
    assert js.status_code == 200 and "htmx" in js.text[:2000]
    css = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
    assert (await client.get(css)).status_code == 200
    assert "https://" not in re.sub(r'href="https://[^"]*"', "", html.split("<body")[0])


async def test_search_pages_with_one_two_char_and_pinyin(client):
    for q, expected in [("证", "证"), ("执照", "营业执照变更登记"), ("社保", "社会保障卡补换"),
                        ("yingyezhizhao", "营业执照变更登记"), ("kbqy", "企业开办")]:
        r = await client.get("/matters", params={"q": q})
        assert r.status_code == 200, q
        assert expected in r.text, q


async def test_guide_text_matches_are_listed_after_name_matches_under_a_heading(client):
    html = (await client.get("/matters", params={"q": "社保"})).text
    divider = html.index("以下事项在办事指南内容中匹配")
    assert html.index("社会保障卡补换") > divider


async def test_htmx_request_gets_only_the_results_partial(client):
    r = await client.get("/matters", params={"q": "执照"}, headers={"HX-Request": "true"})
    assert r.status_code == 200
    assert "<html" not in r.text and "营业执照变更登记" in r.text
    full = await client.get("/matters", params={"q": "执照"}, headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in full.text


async def test_filters_and_pagination(client):
    r = await client.get("/matters", params={"kind": "person"})
    assert "户口迁移" in r.text and "企业简易注销" not in r.text
    r = await client.get("/matters", params={"department": "transport"})
    assert "跨区县超限运输许可" in r.text and "户口迁移" not in r.text
    r = await client.get("/matters", params={"online": "1", "trips": "0"})
    assert "全程网办" in r.text
    r = await client.get("/matters", params={"region": "500103", "q": "居住证"})
    assert "渝中区" in r.text
    r = await client.get("/matters", params={"theme": "开办企业"})
    assert "企业开办" in r.text and "户口迁移" not in r.text


async def test_bad_filter_values_get_chinese_messages_not_500(client):
    for odd in ({"page": "²"}, {"trips": "¹"}, {"depth": "①"}, {"theme": "%"}):
        assert (await client.get("/matters", params=odd)).status_code == 200, odd
        assert (await client.get("/api/v1/matters", params=odd)).status_code == 400, odd
    r = await client.get("/matters", params={"trips": "many", "region": "999999", "page": "-1"})
    assert r.status_code == 200
    assert "跑动次数应为0到9之间的整数" in r.text and "没有这个区县" in r.text
    assert 'class="error-summary"' in r.text
    api = await client.get("/api/v1/matters", params={"depth": "9"})
    assert api.status_code == 400 and "网办深度" in api.json()["errors"]["depth"]


async def test_guide_page_lays_out_the_whole_guide(client):
    r = await client.get("/matters/construction-permit")
    assert r.status_code == 200
    html = r.text
    for heading in ("受理条件", "申请材料", "办理流程", "办理时限", "收费标准", "办理结果", "办理地点和时间",
                    "咨询电话", "投诉电话", "设定依据", "常见问题", "并联办理"):
        if heading == "办理时限":
            assert "法定办结时限" in html and "承诺办结时限" in html
        else:
            assert heading in html, heading
    assert 'href="/matters/construction-permit/apply' in html


async def test_guide_region_selector_and_bundle_members(client):
    r = await client.get("/matters/residence-permit", params={"region": "500108"})
    assert r.status_code == 200
    assert 'value="500108" selected' in r.text and "南岸区" in r.text
    bundle = await client.get("/matters/company-establishment")
    assert "一件事一次办" in bundle.text
    for member in ("company-registration", "seal-carving", "invoice-tax-device", "employee-insurance",
                   "bank-account-appointment"):
        assert f'/matters/{member}"' in bundle.text


async def test_apply_asks_visitors_to_sign_in_and_comes_back(client):
    r = await client.get("/matters/business-licence-change/apply", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/signin?next=%2Fmatters%2Fbusiness-licence-change%2Fapply"


async def test_unknown_matter_is_a_chinese_404(client):
    r = await client.get("/matters/no-such-matter")
    assert r.status_code == 404 and "页面不存在" in r.text
    api = await client.get("/api/v1/matters/no-such-matter")
    assert api.status_code == 404


async def test_api_lists_and_searches(client):
    r = await client.get("/api/v1/matters", params={"q": "执照"})
    assert r.status_code == 200
    body = r.json()
    names = [item["name"] for item in body["items"]]
    assert "营业执照变更登记" in names
    assert body["items"][0]["url"].startswith("/api/v1/matters/")
    r = await client.get("/api/v1/matters", params={"q": "kaiban"})
    assert any("开办" in item["name"] for item in r.json()["items"])


async def test_api_matter_and_openapi(client):
    r = await client.get("/api/v1/matters/construction-permit")
    data = r.json()
    assert data["key"] == "construction-permit"
    groups = {s["parallel_group"] for s in data["steps"] if s["parallel_group"]}
    assert groups
    assert len(data["implementations"]) >= 1
    schema = (await client.get("/schema/openapi.json")).json()
    assert "/api/v1/matters" in schema["paths"] and "/api/v1/matters/{key}" in schema["paths"]


async def test_power_plugin_matters_are_in_the_catalog(client):
    r = await client.get("/matters", params={"q": "用电"})
    assert "低压小微企业用电新装" in r.text and "低压小微企业用电增容" in r.text


async def test_admin_plugins_page_and_health(client):
    r = await client.get("/admin/plugins")
    assert r.status_code == 200 and "matters" in r.text and "power" in r.text and "正常" in r.text
    health = await client.get("/healthz")
    assert health.status_code == 200
    body = health.json()
    assert body["database"] == "ok" and body["status"] == "ok"


async def test_output_is_escaped(client):
    r = await client.get("/matters", params={"q": "<script>alert(1)</script>"})
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text and "&lt;script&gt;" in r.text


async def test_bare_bench_route_renders_twenty_items(client):
    r = await client.get("/bench/bare")
    assert r.status_code == 200 and r.text.count('class="result"') == 20


async def test_pagination_links_lead_to_the_next_page(client):
    import html as html_module

    first = await client.get("/matters")
    match = re.search(r"第 1 页，共 (\d+) 页", first.text)
    assert match and int(match.group(1)) >= 2
    link = re.search(r'<a href="([^"]+)"[^>]*rel="next"', first.text)
    assert link
    second = await client.get(html_module.unescape(link.group(1)))
    assert "第 2 页" in second.text
    first_names = set(re.findall(r'class="result-title"><a href="[^"]+">([^<]+)<', first.text))
    second_names = set(re.findall(r'class="result-title"><a href="[^"]+">([^<]+)<', second.text))
    assert second_names and not first_names & second_names
    assert 'rel="prev"' in second.text


async def test_admin_plugins_page_is_hidden_outside_development(tmp_path):
    from litestar.testing import AsyncTestClient

    from app.factory import create_app
    from tests.conftest import make_settings

    app = create_app(make_settings(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path))
    async with AsyncTestClient(app) as plain:
        assert (await plain.get("/admin/plugins")).status_code == 404
        assert (await plain.get("/bench/bare")).status_code == 404


async def test_a_plugin_failing_at_render_time_does_not_break_pages(tmp_path):
    from importlib.metadata import EntryPoint

    from litestar.testing import AsyncTestClient

    from app.factory import create_app
    from app.runtime import Runtime
    from plugins import manager
    from tests.conftest import make_settings

    settings = make_settings(f"sqlite:///{tmp_path / 'p.sqlite'}", tmp_path)
    host = manager.load(extra_entry_points=[
        EntryPoint(name="badvars", value="tests.fixtures.plugin_bad_template_vars", group="kuaiban")
    ])
    app = create_app(settings, runtime=Runtime(settings, host=host))
    async with AsyncTestClient(app) as c:
        r = await c.get("/")
        assert r.status_code == 200 and "热门事项" in r.text
        assert r.headers["content-type"] == "text/html; charset=utf-8"
