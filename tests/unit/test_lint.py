"""Each catalogue rule rejects one example, with a message naming matter and field."""

from __future__ import annotations

import pytest

from plugins import Fee, Field, FieldType, Material, Output, OutputKind, ShowIf
from plugins.lint import lint_matter, longest_path_days
from tests.fixtures.sample_matters import valid_matter


def test_valid_sample_passes():
    assert lint_matter(valid_matter()) == []


def test_parallel_group_counts_once_at_its_slowest_member():
    assert longest_path_days(valid_matter()) == 1 + 3 + 1


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"promised_limit": 12, "legal_limit": 10}, "promised_limit", "exceeds legal limit"),
        ({"promised_limit": 4}, "steps", "longest path"),
        ({"online_depth": 4, "trips": 1, "trip_reason": "核验原件"}, "trips", "requires 0 trips"),
        ({"online_depth": 3, "trips": 1, "trip_reason": ""}, "trip_reason", "without a reason"),
        ({"free": False, "fees": ()}, "fees", "must list its fee items"),
        ({"free": False, "fees": (Fee(item="工本费", amount="10元", basis=""),)}, "fees[0]", "legal basis"),
        ({"outputs": (Output(kind=OutputKind.LICENCE, name="许可证"),)}, "outputs[0]", "neither a sample"),
        ({"fields": (Field(name="a", label="甲"), Field(name="a", label="乙"))}, "fields.a", "must be unique"),
        ({"materials": (Material(name="m", title="甲"), Material(name="m", title="乙"))}, "materials.m", "must be unique"),
        ({"department": "nowhere"}, "department", "unknown department"),
        ({"regions": ("123456",)}, "regions", "unknown region"),
        ({"online_depth": 5}, "online_depth", "1-4"),
        ({"key": "Bad Key"}, "key", "lowercase"),
        ({"fields": (Field(name="k", label="类", type=FieldType.RADIO),)}, "fields.k", "needs options"),
        ({"fields": (Field(name="x", label="甲", show_if=ShowIf(field="nope", values=("1",))),)}, "fields.x", "unknown field"),
        ({"materials": (Material(name="m", title="甲", required=False),)}, "materials.m", "must say when"),
    ],
)
def test_each_rule_rejects_an_example(changes, field, words):
    errors = lint_matter(valid_matter(**changes))
    assert errors, "the rule did not fire"
    assert any(e.field == field and words in e.message for e in errors), [str(e) for e in errors]
    assert all(e.matter == changes.get("key", "sample-matter") for e in errors)
