"""The hooks Kuaiban calls. Names come in families: `register_*` returns a list of things and
every plugin's list is used; `*_from_request`, `handle_*`, `working_calendar` and `licence_number` are firstresult.

README's plugin guide documents every hook here with its exact signature; a test keeps them in step.
"""

from __future__ import annotations

from typing import Any, Protocol
import datetime

import pluggy

from plugins.declarations import Matter, Output

PROJECT = "kuaiban"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class SmsSender(Protocol):
    """Sends a text message; `name` identifies it in settings and logs."""

    name: str

    async def send(self, phone: str, text: str) -> str:
        """Send and return the provider's message id."""
        ...


class CourierProvider(Protocol):
    """Books a courier for a result; booking twice with the same key must not book twice."""

    name: str

    async def book(self, idempotency_key: str, address: dict[str, str], parcel: str) -> str:
        """Book and return the tracking number."""
        ...


class WorkingCalendar(Protocol):
    """Tells whether a date is a working day in the official calendar (holidays and make-up days)."""

    def is_working_day(self, day: datetime.date) -> bool: ...


@hookspec
def register_matters() -> list[Matter]:
    """Return the matters (and bundles) this plugin adds to the catalog."""


@hookspec
def validate_application(matter: Matter, answers: dict[str, str]) -> list[tuple[str, str]]:
    """Extra checks beyond the declared field rules.

    Return `(field_name, message)` pairs, the message in Chinese; an empty list means no objection.
    Every plugin's objections are shown.
    """


@hookspec
def prefill_application(matter: Matter, applicant: dict[str, str]) -> dict[str, str]:
    """Return values to prefill in an application form, keyed by field name.

    `applicant` holds what the platform knows of the signed-in applicant (name, id_number, phone,
    company_name, credit_code). Values from later plugins do not overwrite earlier ones.
    """


@hookspec
def register_courier_providers() -> list[CourierProvider]:
    """Return courier providers that can deliver results."""


@hookspec
def register_sms_senders() -> list[SmsSender]:
    """Return SMS senders; the first registered one is used unless settings name another."""


@hookspec(firstresult=True)
def working_calendar() -> WorkingCalendar:
    """Return the calendar all deadlines are computed with (the first plugin to answer wins)."""


@hookspec(firstresult=True)
def licence_number(matter: Matter, output: Output, region_code: str, issued_on: datetime.date, sequence: int) -> str:
    """Return the number printed on an issued result (e-licence, seal code or decision letter).

    `sequence` counts results of this kind in the region and year, from 1. The first plugin to
    answer wins; the built-in one gives licences `5001032026` + 7 digits, seals the 13-digit
    seal code (region + 7 digits) and letters `渝中区决字〔2026〕第12号`.
    """


@hookspec
def application_event(event: dict[str, Any]) -> None:
    """Be told of every case event (status change, actor, role, channel, time, note)."""


@hookspec
def register_routes() -> list[Any]:
    """Return extra Litestar route handlers to mount (the host imports Litestar, not the contract)."""


@hookspec
def extra_template_vars(template: str) -> dict[str, Any]:
    """Return extra variables for rendering `template` (a path under templates/)."""
