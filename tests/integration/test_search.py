"""Search correctness on a generated catalog, on SQLite and PostgreSQL: exact substring matches,
rank order, pinyin, filters and name-before-guide-text ranking."""

from __future__ import annotations

import pytest

from app.catalog.generate import generate
from app.catalog.search import Filters, search
from app.catalog.sync import sync_catalog
from app.catalog import text
from app.runtime import Runtime
from tests.conftest import make_settings

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.fixture(scope="session")
async def big_catalog(database_url, tmp_path_factory):
    runtime = Runtime(make_settings(database_url, tmp_path_factory.mktemp("search")))
    await runtime.start(sync=False)
    generated = generate(6000)
    await sync_catalog(runtime.engine, runtime.host.matters, runtime.host.matter_plugin,
                       generated=generated, force=True)
    everything = list(runtime.host.matters.values()) + generated
    yield runtime, everything
    await runtime.stop()


def _expected(matters, word: str) -> list[str]:
    ranked = sorted(matters, key=lambda m: (-m.popularity, m.key))
    return [m.key for m in ranked if word in m.name]


@pytest.mark.parametrize("word", ["证", "执照", "许可", "营业执照", "食品经营许可"])
async def test_chinese_queries_find_exactly_the_names_holding_them_in_rank_order(big_catalog, word):
    runtime, matters = big_catalog
    expected = _expected(matters, word)
    result = await search(runtime.engine, Filters(q=word))
    assert result.name_matches == min(len(expected), 1000)
    got = [item["matter_key"] for item in result.items[: min(20, result.name_matches)]]
    assert got == expected[:20]


async def test_pagination_walks_the_same_order(big_catalog):
    runtime, matters = big_catalog
    expected = _expected(matters, "许可")
    page2 = await search(runtime.engine, Filters(q="许可", page=2))
    names_on_page = expected[20:40]
    assert [i["matter_key"] for i in page2.items][: len(names_on_page)] == names_on_page
    assert all("许可" not in i["name"] for i in page2.items[len(names_on_page):])


@pytest.mark.parametrize(("query", "name"), [
    ("kbqy", "企业开办（一件事一次办）"), ("yyzzbg", "营业执照变更登记"), ("yingyezhizhao", "营业执照变更登记"),
    ("shipinjingying", "食品经营许可新办"), ("shipinjingy", "食品经营许可新办"),
])
async def test_pinyin_full_partial_and_initials(big_catalog, query, name):
    runtime, _ = big_catalog
    result = await search(runtime.engine, Filters(q=query))
    assert name in [i["name"] for i in result.items]


async def test_pinyin_conversion_is_phrase_aware_for_region_names(big_catalog):
    runtime, _ = big_catalog
    result = await search(runtime.engine, Filters(q="csq", region="500115"))
    assert result.items and all(i["region_name"] == "长寿区" for i in result.items if i["region_code"] == "500115")


async def test_region_filter_lists_that_district_and_its_towns(big_catalog):
    runtime, _ = big_catalog
    result = await search(runtime.engine, Filters(q="居住证", region="500103"))
    regions = {i["region_code"] for i in result.items}
    assert "500103" in regions and any(code.startswith("500103") and len(code) == 9 for code in regions)
    assert all(code.startswith("500103") or code == "500000" for code in regions)


async def test_filters_combine_with_search(big_catalog):
    runtime, _ = big_catalog
    result = await search(runtime.engine, Filters(q="许可", kind="person", department="transport"))
    assert result.items
    assert all(i["for_person"] and i["department"] == "transport" for i in result.items)
    online = await search(runtime.engine, Filters(q="登记", online=True))
    assert online.items and all(i["online_depth"] == 4 for i in online.items)


async def test_name_matches_come_before_guide_text_matches(big_catalog):
    runtime, _ = big_catalog
    result = await search(runtime.engine, Filters(q="社保"))
    names = [i["name"] for i in result.items]
    assert "社会保障卡补换" in names
    first_text = names.index("社会保障卡补换")
    assert all("社保" in n for n in names[:first_text])
    assert all(text.normalise("社保") not in n for n in names[first_text:])


@pytest.mark.parametrize(("query", "region"), [("yz", "500103"), ("shu", ""), ("社保", ""), ("证", "500108")])
async def test_no_entry_is_listed_twice_and_guide_text_matches_are_kept(big_catalog, query, region):
    runtime, _ = big_catalog
    seen = []
    result = await search(runtime.engine, Filters(q=query, region=region))
    for page in range(1, result.pages + 1):
        seen += [i["id"] for i in (await search(runtime.engine, Filters(q=query, region=region, page=page))).items]
    assert len(seen) == len(set(seen)) == result.total


async def test_guide_text_match_on_pinyin_keyword(big_catalog):
    runtime, _ = big_catalog
    names = [i["name"] for i in (await search(runtime.engine, Filters(q="shuiwu"))).items]
    assert names, "a pinyin keyword found nothing"
