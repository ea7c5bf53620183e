"""README's plugin guide documents every hook with its exact signature."""

from __future__ import annotations

import inspect

import pluggy

from app.settings import PROJECT_ROOT
from plugins import hookspecs

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def _specs():
    marker = "kuaiban_spec"
    for name, fn in vars(hookspecs).items():
        if inspect.isfunction(fn) and hasattr(fn, marker):
            yield name, fn


def signature_line(name: str, fn) -> str:
    """`def name(arg: type, ...) -> type` as written in hookspecs.py (annotations are strings)."""
    sig = inspect.signature(fn)
    params = ", ".join(f"{p.name}: {p.annotation}" for p in sig.parameters.values())
    return f"def {name}({params}) -> {sig.return_annotation}"


def test_every_hookspec_is_documented_with_its_signature():
    specs = dict(_specs())
    assert {"register_matters", "validate_application", "prefill_application", "register_courier_providers",
            "register_sms_senders", "working_calendar", "application_event", "register_routes",
            "extra_template_vars"} <= set(specs)
    for name, fn in specs.items():
        line = signature_line(name, fn)
        assert line in README, f"README plugin guide lacks `{line}`"
        assert fn.__doc__, f"hookspec {name} has no docstring"


def test_readme_documents_no_hook_that_does_not_exist():
    documented = {line.split("def ", 1)[1].split("(")[0] for line in README.splitlines()
                  if line.startswith("def ") and "(" in line}
    assert documented <= set(dict(_specs())), documented - set(dict(_specs()))


def test_firstresult_hooks_are_marked():
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    assert pm.hook.working_calendar.spec.opts["firstresult"] is True
    assert pm.hook.register_matters.spec.opts["firstresult"] is False
