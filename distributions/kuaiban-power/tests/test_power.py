"""Load kuaiban-power the way the host does and check its declarations and hooks."""

from __future__ import annotations

import pytest

import kuaiban_power
from plugins import (
    ALL_DISTRICTS,
    ApplicantKind,
    Delivery,
    Field,
    FieldType,
    Matter,
    MatterType,
    OutputKind,
    StepRole,
)
from plugins.lint import lint_matter, longest_path_days
from plugins.manager import load

KEYS = ("power-low-voltage-new", "power-capacity-increase")
MESSAGE = "低压小微企业用电容量不超过160千瓦，超过请申请高压用电"


@pytest.fixture(scope="module")
def host():
    return load(entry_points=False, extra={"power": kuaiban_power})


@pytest.fixture(scope="module")
def other_matter() -> Matter:
    return Matter(
        key="someone-else",
        code="X-1",
        name="别的事项",
        type=MatterType.LICENSING,
        department="market",
        applicant_kinds=(ApplicantKind.COMPANY,),
        regions=ALL_DISTRICTS,
        fields=(Field(name="capacity_kw", label="容量", type=FieldType.NUMBER),),
    )


def test_loads_without_quarantine(host):
    problems = [q.describe() for info in host.plugins.values() for q in info.problems]
    assert problems == []
    assert host.quarantined == []
    info = host.plugins["power"]
    assert info.version == "1.0.0"
    assert set(info.hooks) >= {"register_matters", "validate_application", "prefill_application"}


def test_both_keys_registered(host):
    for key in KEYS:
        assert key in host.matters
        assert host.matter_plugin[key] == "power"
    assert host.plugins["power"].matters == list(KEYS)


@pytest.mark.parametrize("key", KEYS)
def test_guide_is_complete(host, key):
    m = host.matters[key]
    assert lint_matter(m) == []
    assert m.type is MatterType.PUBLIC_SERVICE
    assert m.department == "power"
    assert m.applicant_kinds == (ApplicantKind.COMPANY, ApplicantKind.PERSON)
    assert m.regions == ALL_DISTRICTS
    assert m.themes == ("用水用电",)
    assert {"办电", "用电报装", "电力"} <= set(m.keywords)
    assert m.trips == 0 and m.online_depth == 4 and m.fully_online
    assert m.free and not m.fees
    assert m.promised_limit <= m.legal_limit
    assert longest_path_days(m) <= m.promised_limit
    assert [s.role for s in m.steps][0] is StepRole.ACCEPT
    assert m.consult_phone == "95598" and m.complaint_phone == "12345"
    assert m.delivery == (Delivery.ONLINE,)
    assert m.outputs and all(o.kind is OutputKind.DECISION and o.sample for o in m.outputs)
    assert len(m.faq) == 3 and m.places and m.conditions and m.legal_basis
    assert m.popularity > 0 and m.version == "1"
    types = {f.type for f in m.fields}
    assert {FieldType.CREDIT_CODE, FieldType.TEXT, FieldType.PHONE, FieldType.ADDRESS,
            FieldType.NUMBER, FieldType.SELECT, FieldType.DATE} <= types
    assert any(f.show_if is not None for f in m.fields)
    assert "capacity_kw" in {f.name for f in m.fields}
    assert "business_licence" in {mat.name for mat in m.materials}
    assert any("供电营业规则" in b for b in m.legal_basis)


def test_round_trips_through_catalog_dict(host):
    from plugins.declarations import matter_from_dict

    for key in KEYS:
        m = host.matters[key]
        assert matter_from_dict(m.to_dict()) == m


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize(
    ("capacity", "expected"),
    [
        ("60", []),
        ("160", []),
        ("160.0", []),
        ("160.5", [("capacity_kw", MESSAGE)]),
        ("200", [("capacity_kw", MESSAGE)]),
        ("", []),
        ("abc", []),
    ],
)
def test_validate_application(host, key, capacity, expected):
    matter = host.matters[key]
    results = host.pm.hook.validate_application(matter=matter, answers={"capacity_kw": capacity})
    flat = [pair for result in results for pair in result]
    assert flat == expected


def test_validate_ignores_other_matters(host, other_matter):
    results = host.pm.hook.validate_application(matter=other_matter, answers={"capacity_kw": "500"})
    assert [pair for result in results for pair in result] == []


def test_validate_without_capacity_answer(host):
    assert kuaiban_power.validate_application(host.matters[KEYS[0]], {}) == []


@pytest.mark.parametrize("key", KEYS)
def test_prefill_contact_phone(host, key):
    matter = host.matters[key]
    results = host.pm.hook.prefill_application(
        matter=matter, applicant={"name": "张晓渝", "phone": "13800000000"}
    )
    merged: dict[str, str] = {}
    for result in results:
        merged.update(result)
    assert merged == {"contact_phone": "13800000000"}


def test_prefill_other_matter_or_no_phone(host, other_matter):
    assert kuaiban_power.prefill_application(other_matter, {"phone": "13800000000"}) == {}
    assert kuaiban_power.prefill_application(host.matters[KEYS[0]], {"name": "张晓渝"}) == {}
