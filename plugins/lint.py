"""Catalogue consistency rules (DOMAIN.md), checked when a plugin's matters are loaded."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from plugins.declarations import OPTION_FIELD_TYPES, Matter
from plugins.geography import DEPARTMENTS, REGIONS

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{1,63}$")


@dataclass(frozen=True, slots=True)
class LintError:
    matter: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.matter}.{self.field}: {self.message}"


def longest_path_days(matter: Matter) -> float:
    """Working days along the longest path: a parallel group counts once, at its slowest member."""
    total = 0.0
    seen_groups: dict[str, float] = {}
    for step in matter.steps:
        if step.parallel_group is None:
            total += step.days
        else:
            seen_groups[step.parallel_group] = max(seen_groups.get(step.parallel_group, 0.0), step.days)
    return total + sum(seen_groups.values())


def lint_matter(matter: Matter) -> list[LintError]:
    errors: list[LintError] = []

    def error(field: str, message: str) -> None:
        errors.append(LintError(matter.key, field, message))

    if not KEY_PATTERN.fullmatch(matter.key):
        error("key", "key must be lowercase letters, digits, '-' or '_' (2-64 chars)")
    if not matter.name.strip():
        error("name", "name is empty")
    if matter.department not in DEPARTMENTS:
        error("department", f"unknown department {matter.department!r}")
    if not matter.regions:
        error("regions", "a matter must be implemented in at least one region")
    for code in matter.regions:
        if code not in REGIONS:
            error("regions", f"unknown region code {code!r}")
    if not matter.applicant_kinds:
        error("applicant_kinds", "at least one applicant kind is required")
    if matter.promised_limit > matter.legal_limit:
        error(
            "promised_limit",
            f"promised limit {matter.promised_limit} exceeds legal limit {matter.legal_limit}",
        )
    budget = longest_path_days(matter)
    if budget > matter.promised_limit:
        error(
            "steps",
            f"steps need {budget:g} working days along the longest path, "
            f"more than the promised limit {matter.promised_limit}",
        )
    if matter.online_depth not in (1, 2, 3, 4):
        error("online_depth", f"online depth must be 1-4, got {matter.online_depth}")
    if matter.online_depth == 4 and matter.trips != 0:
        error("trips", f"online depth IV (fully online) requires 0 trips, got {matter.trips}")
    if matter.trips < 0:
        error("trips", "trips cannot be negative")
    if matter.trips > 0 and not matter.trip_reason.strip():
        error("trip_reason", f"{matter.trips} trip(s) declared without a reason for the visit")
    if not matter.free and not matter.fees:
        error("fees", "a charged matter must list its fee items")
    for index, fee in enumerate(matter.fees):
        if not fee.item.strip() or not fee.basis.strip():
            error(f"fees[{index}]", "each fee needs an item name and a legal basis")
    if matter.free and matter.fees:
        error("free", "a free matter cannot list fees")
    for index, output in enumerate(matter.outputs):
        if not (output.sample or output.template):
            error(f"outputs[{index}]", f"output {output.name!r} has neither a sample nor a template")
    _unique(error, "fields", [f.name for f in matter.fields])
    _unique(error, "materials", [m.name for m in matter.materials])
    _unique(error, "steps", [s.key for s in matter.steps])
    names = {f.name for f in matter.fields}
    for f in matter.fields:
        if f.type in OPTION_FIELD_TYPES and not f.options:
            error(f"fields.{f.name}", f"{f.type.value} field needs options")
        if f.show_if is not None and f.show_if.field not in names:
            error(f"fields.{f.name}", f"show_if refers to unknown field {f.show_if.field!r}")
    for m in matter.materials:
        if m.max_size_mb <= 0 or m.max_files <= 0:
            error(f"materials.{m.name}", "max_size_mb and max_files must be positive")
        if not m.required and not m.condition:
            error(f"materials.{m.name}", "a conditional material must say when it is needed")
    for s in matter.steps:
        if s.department not in DEPARTMENTS:
            error(f"steps.{s.key}", f"unknown department {s.department!r}")
    return errors


def _unique(error, what: str, names: list[str]) -> None:
    counts: dict[str, int] = defaultdict(int)
    for name in names:
        counts[name] += 1
    for name, count in counts.items():
        if count > 1:
            error(f"{what}.{name}", f"name {name!r} is used {count} times; names must be unique")
