"""The first-party catalog (`matters/`) loads cleanly and every guide is complete."""

from __future__ import annotations

import importlib

import pytest

from plugins import manager
from plugins.declarations import (
    OPTION_FIELD_TYPES,
    Bundle,
    FieldType,
    Matter,
    StepRole,
    matter_from_dict,
)
from plugins.lint import longest_path_days, lint_matter

REQUIRED_KEYS = {
    "company-establishment",
    "company-registration",
    "seal-carving",
    "invoice-tax-device",
    "employee-insurance",
    "bank-account-appointment",
    "construction-permit",
    "business-licence-change",
    "registered-staff-change",
    "simplified-deregistration",
    "cross-district-oversize-transport",
    "individual-business-registration",
    "household-transfer",
    "residence-permit",
    "social-security-card-replacement",
    "housing-fund-withdrawal",
    "birth-registration",
}

BUNDLE_MEMBERS = (
    "company-registration",
    "seal-carving",
    "invoice-tax-device",
    "employee-insurance",
    "bank-account-appointment",
)

THEMES = {
    "开办企业", "工程建设", "企业变更", "企业注销", "交通运输", "户籍办理",
    "社会保障", "住房保障", "生育收养", "个体经营", "用水用电",
}


@pytest.fixture(scope="module")
def host() -> manager.PluginHost:
    return manager.load(entry_points=False, extra={"matters": importlib.import_module("matters")})


@pytest.fixture(scope="module")
def matters(host) -> dict[str, Matter]:
    return host.matters


def test_no_plugin_is_quarantined(host):
    problems = [q.describe() for p in host.quarantined for q in p.problems]
    assert problems == []
    assert host.plugins["matters"].matters


def test_required_matters_present(matters):
    assert REQUIRED_KEYS <= set(matters)


def test_every_matter_lints_clean(matters):
    for matter in matters.values():
        assert lint_matter(matter) == [], matter.key


def test_company_establishment_bundle(matters):
    bundle = matters["company-establishment"]
    assert isinstance(bundle, Bundle)
    assert bundle.is_bundle
    assert set(bundle.members) == set(BUNDLE_MEMBERS)
    for key in bundle.members:
        assert key in matters
        assert not matters[key].is_bundle
    assert bundle.department == "market"
    assert bundle.promised_limit == 1
    assert bundle.free and not bundle.fees
    assert bundle.online_depth == 4 and bundle.trips == 0
    kinds = {(o.kind.value, o.courier) for o in bundle.outputs}
    assert ("licence", True) in kinds and ("seal", True) in kinds
    assert any(f.show_if and f.show_if.field == "apply_invoices" for f in bundle.fields)
    assert "开办企业" in bundle.themes


def test_bundle_members_fit_one_working_day(matters):
    for key in BUNDLE_MEMBERS:
        assert longest_path_days(matters[key]) <= 1, key
    assert matters["seal-carving"].department == "public_security"
    assert any(o.kind.value == "seal" and o.courier for o in matters["seal-carving"].outputs)


def test_construction_permit_reviews_in_parallel(matters):
    permit = matters["construction-permit"]
    groups: dict[str, set[str]] = {}
    for step in permit.steps:
        if step.parallel_group:
            groups.setdefault(step.parallel_group, set()).add(step.department)
    assert any({"fire", "civil_air_defence"} <= departments for departments in groups.values())
    assert any(s.department == "housing" and s.role is StepRole.REVIEW for s in permit.steps)
    assert permit.promised_limit <= permit.legal_limit
    assert any(m.max_files > 1 for m in permit.materials)


def test_simplified_deregistration_has_signature(matters):
    matter = matters["simplified-deregistration"]
    assert any(f.type is FieldType.SIGNATURE for f in matter.fields)
    photo = [m for m in matter.materials if "签字页" in m.title]
    assert photo and set(photo[0].kinds) <= {"jpg", "png"}
    assert any("20" in c and "公示" in c for c in matter.conditions)


def test_oversize_transport_is_city_level_with_route(matters):
    matter = matters["cross-district-oversize-transport"]
    assert matter.regions == ("500000",)
    names = {f.name for f in matter.fields}
    assert {"origin_district", "destination_district", "route", "axle_count", "gross_weight"} <= names


def test_housing_fund_reason_drives_conditional_fields(matters):
    matter = matters["housing-fund-withdrawal"]
    assert any(f.show_if and f.show_if.field == "reason" for f in matter.fields)


def test_every_guide_is_complete(matters):
    for m in matters.values():
        assert m.summary and m.conditions, m.key
        assert m.fields and m.materials and m.steps, m.key
        assert m.legal_basis, m.key
        assert 2 <= len(m.faq) <= 4, m.key
        assert m.outputs and m.places, m.key
        assert m.consult_phone and m.complaint_phone, m.key
        assert m.themes and set(m.themes) <= THEMES, m.key
        assert m.keywords and m.popularity > 0, m.key
        assert m.version == "1"
        assert m.steps[0].role is StepRole.ACCEPT, m.key
        assert m.steps[-1].role is StepRole.COMPLETE, m.key


def test_show_if_values_are_real_options(matters):
    for m in matters.values():
        by_name = {f.name: f for f in m.fields}
        for f in m.fields:
            if f.show_if is None:
                continue
            target = by_name[f.show_if.field]
            assert target.type in OPTION_FIELD_TYPES, (m.key, f.name)
            values = {o.value for o in target.options}
            assert set(f.show_if.values) <= values, (m.key, f.name)


def test_codes_are_unique(matters):
    codes = [m.code for m in matters.values()]
    assert len(codes) == len(set(codes))


def test_round_trips_through_catalog_dict(matters):
    for m in matters.values():
        assert matter_from_dict(m.to_dict()) == m, m.key
