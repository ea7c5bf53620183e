"""Loading plugins: built-ins, entry points, quarantine of the ones that misbehave."""

from __future__ import annotations

from importlib.metadata import EntryPoint

from click.testing import CliRunner

from app.cli import main
from plugins import manager


def _ep(name: str, module: str) -> EntryPoint:
    return EntryPoint(name=name, value=module, group="kuaiban")


def test_builtins_are_registered_trylast_and_check_pending_passes():
    host = manager.load(entry_points=False)
    assert {p.name for p in host.plugins.values() if p.builtin} == set(manager.BUILTIN_MODULES)
    assert host.pm.hook.working_calendar() is not None
    assert not host.quarantined


def test_entry_points_include_first_party_matters_and_the_power_distribution():
    host = manager.load()
    assert host.plugins["matters"].matters and not host.plugins["matters"].quarantined
    assert "power-low-voltage-new" in host.matters
    assert host.plugins["power"].dist == "kuaiban-power"


def test_a_plugin_that_raises_on_import_is_quarantined_and_others_serve():
    host = manager.load(entry_points=False, extra_entry_points=[
        _ep("broken", "tests.fixtures.plugin_raises_on_import"),
        _ep("good", "tests.fixtures.plugin_good"),
    ])
    broken = host.plugins["broken"]
    assert broken.quarantined and broken.problems[0].stage == "import"
    assert "unreachable at import time" in broken.problems[0].reason
    assert "good-matter" in host.matters and host.plugins["good"].version == "2.1"


def test_a_plugin_that_raises_in_register_matters_is_quarantined():
    host = manager.load(entry_points=False, extra_entry_points=[
        _ep("raiser", "tests.fixtures.plugin_raises_in_register"),
        _ep("good", "tests.fixtures.plugin_good"),
    ])
    problem = host.plugins["raiser"].problems[0]
    assert problem.stage == "register_matters" and "garbage" in problem.reason
    assert host.pm.get_plugin("raiser") is None
    assert "good-matter" in host.matters


def test_a_plugin_with_an_invalid_matter_is_quarantined_with_matter_and_field():
    host = manager.load(entry_points=False, extra_entry_points=[_ep("invalid", "tests.fixtures.plugin_invalid_matter")])
    problem = host.plugins["invalid"].problems[0]
    assert (problem.stage, problem.matter, problem.field) == ("lint", "bad-limits", "promised_limit")
    assert "bad-limits" not in host.matters


def test_a_misspelled_hook_fails_loudly_and_is_quarantined():
    host = manager.load(entry_points=False, extra_entry_points=[_ep("typo", "tests.fixtures.plugin_misspelled_hook")])
    problem = host.plugins["typo"].problems[0]
    assert problem.stage == "hooks" and "register_mattres" in problem.reason


def test_duplicate_keys_across_plugins_quarantine_the_later_one():
    host = manager.load(entry_points=False, extra_entry_points=[
        _ep("a-good", "tests.fixtures.plugin_good"), _ep("b-dup", "tests.fixtures.plugin_duplicate"),
    ])
    problem = host.plugins["b-dup"].problems[0]
    assert problem.matter == "good-matter" and "already registered by plugin 'a-good'" in problem.reason
    assert host.matters["good-matter"].name == "测试事项办理"


def test_cli_plugins_lists_and_check_reports_quarantine():
    runner = CliRunner()
    listing = runner.invoke(main, ["plugins"])
    assert listing.exit_code == 0
    assert "power" in listing.output and "power-low-voltage-new" in listing.output
    assert "register_matters" in listing.output
    bad = runner.invoke(main, ["plugins", "check", "tests/fixtures/plugin_raises_in_register.py"])
    assert bad.exit_code == 1 and "QUARANTINED" in bad.output and "garbage" in bad.output
    ok = runner.invoke(main, ["plugins", "check", "distributions/kuaiban-power"])
    assert ok.exit_code == 0, ok.output
    assert "OK: 2 matter(s) pass" in ok.output
    dist = runner.invoke(main, ["plugins", "check", "kuaiban-power"])
    assert dist.exit_code == 0, dist.output


def test_a_matter_the_rules_cannot_read_is_quarantined_not_fatal():
    host = manager.load(entry_points=False, extra_entry_points=[
        _ep("unlintable", "tests.fixtures.plugin_unlintable"), _ep("good", "tests.fixtures.plugin_good"),
    ])
    assert host.plugins["unlintable"].quarantined and "good-matter" in host.matters


def test_a_second_plugin_with_a_taken_name_does_not_evict_the_first():
    host = manager.load(entry_points=False, extra_entry_points=[
        _ep("same", "tests.fixtures.plugin_good"), _ep("same", "tests.fixtures.plugin_duplicate"),
    ])
    assert not host.plugins["same"].quarantined and "good-matter" in host.matters
    newcomer = [p for name, p in host.plugins.items() if name.startswith("same (")]
    assert newcomer and newcomer[0].quarantined and "already taken" in newcomer[0].problems[0].reason


def test_the_same_module_under_two_names_keeps_the_first_registration():
    host = manager.load(entry_points=False, extra_entry_points=[
        _ep("first", "tests.fixtures.plugin_good"), _ep("second", "tests.fixtures.plugin_good"),
    ])
    assert not host.plugins["first"].quarantined and "good-matter" in host.matters
    assert host.plugins["second"].quarantined
