"""Tokenising names and queries for Chinese and pinyin search."""

from app.catalog import text


def test_names_index_singles_and_pairs_without_crossing_punctuation():
    tokens = text.gram_tokens("营业执照（变更）")
    assert tokens[:4] == ["营", "业", "执", "照"]
    assert {"营业", "业执", "执照", "变更"} <= set(tokens)
    assert "照变" not in tokens


def test_query_phrases():
    assert text.gram_phrase("证") == ["证"]
    assert text.gram_phrase("执照") == ["执照"]
    assert text.gram_phrase("营业执照") == ["营业", "业执", "执照"]


def test_pinyin_is_phrase_aware():
    assert text.initials("长寿区") == "csq"
    assert text.pinyin_syllables("重庆市") == ["chong", "qing", "shi"]
    assert text.initials("企业开办") == "qykb"


def test_split_pinyin_queries():
    assert text.split_pinyin("kaiban") == ["kai", "ban"]
    assert text.split_pinyin("yingyezhizhao") == ["ying", "ye", "zhi", "zhao"]
    assert text.split_pinyin("yingyezhizh") == ["ying", "ye", "zhi", "zh*"]
    assert text.split_pinyin("kbqy") is None
    assert text.is_letters("kbqy") and not text.is_letters("社保")
