"""The one clock, against the real official calendar (chinesecalendar) with pinned dates.

Every expected date below was checked against `chinese_calendar.is_workday` / `get_holiday_detail`:
- Spring Festival 2026: off Sun 15 – Mon 23 Feb; make-up working days Sat 14 and Sat 28 Feb.
- National Day + Mid-Autumn 2025: off Wed 1 – Wed 8 Oct; make-up working days Sun 28 Sep and
  Sat 11 Oct.
- November 2025 has no holiday: only Saturdays and Sundays are off.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timezone

import pytest

from app.clock import CHINA_TZ, Clock, Pause
from plugins.builtin.calendar import OfficialCalendar


@pytest.fixture(scope="module")
def clock() -> Clock:
    return Clock(OfficialCalendar())


def at(y: int, m: int, d: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(y, m, d, hour, minute, tzinfo=CHINA_TZ)


# -- the calendar itself --------------------------------------------------------------------


def test_make_up_days_and_holidays_are_what_the_tests_assume(clock):
    assert clock.is_working_day(date(2026, 2, 14))  # Saturday, make-up
    assert clock.is_working_day(date(2026, 2, 28))  # Saturday, make-up
    assert not any(clock.is_working_day(date(2026, 2, d)) for d in range(15, 24))
    assert clock.is_working_day(date(2025, 9, 28))  # Sunday, make-up
    assert clock.is_working_day(date(2025, 10, 11))  # Saturday, make-up
    assert not any(clock.is_working_day(date(2025, 10, d)) for d in range(1, 9))


# -- adding working days --------------------------------------------------------------------


def test_zero_days_is_the_start(clock):
    assert clock.add_working_days(date(2026, 2, 15), 0) == date(2026, 2, 15)


def test_negative_days_are_refused(clock):
    with pytest.raises(ValueError):
        clock.add_working_days(date(2025, 11, 3), -1)


def test_plain_weekend_is_skipped(clock):
    assert clock.add_working_days(date(2025, 11, 14), 1) == date(2025, 11, 17)  # Fri → Mon
    assert clock.add_working_days(date(2025, 11, 15), 1) == date(2025, 11, 17)  # Sat → Mon
    assert clock.add_working_days(date(2025, 11, 3), 5) == date(2025, 11, 10)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # Fri → the make-up Saturday
        (date(2026, 2, 13), 2, date(2026, 2, 24)),  # then straight over the holiday
        (date(2026, 2, 12), 5, date(2026, 2, 26)),  # 13, 14, 24, 25, 26
        (date(2026, 2, 12), 7, date(2026, 2, 28)),  # …, 27, and the make-up Saturday 28
        (date(2026, 2, 14), 1, date(2026, 2, 24)),  # accepted on the make-up day itself
        (date(2026, 2, 18), 1, date(2026, 2, 24)),  # accepted online during the holiday
    ],
)
def test_spring_festival_2026(clock, start, days, due):
    assert clock.add_working_days(start, days) == due


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (date(2025, 9, 26), 1, date(2025, 9, 28)),  # Fri → the make-up Sunday
        (date(2025, 9, 30), 1, date(2025, 10, 9)),  # Tue → after the eight days off
        (date(2025, 9, 30), 3, date(2025, 10, 11)),  # 9, 10, and the make-up Saturday 11
        (date(2025, 9, 30), 5, date(2025, 10, 14)),  # 9, 10, 11, 13, 14
    ],
)
def test_national_day_2025(clock, start, days, due):
    assert clock.add_working_days(start, days) == due


def test_working_days_between(clock):
    assert clock.working_days_between(date(2026, 2, 13), date(2026, 2, 28)) == 6
    assert clock.working_days_between(date(2025, 9, 30), date(2025, 10, 14)) == 5
    assert clock.working_days_between(date(2025, 9, 26), date(2025, 9, 30)) == 3  # 28, 29, 30
    assert clock.working_days_between(date(2025, 11, 10), date(2025, 11, 10)) == 0
    assert clock.working_days_between(date(2025, 11, 10), date(2025, 11, 3)) == 0


def test_add_and_between_agree(clock):
    start = date(2025, 9, 20)
    for days in range(0, 40):
        assert clock.working_days_between(start, clock.add_working_days(start, days)) == days


# -- cases: due date, pauses, days left -----------------------------------------------------


def test_due_date_without_pauses(clock):
    assert clock.due_date(at(2025, 9, 30, 16, 45), 5) == date(2025, 10, 14)
    assert clock.due_date(at(2026, 2, 13), 2) == date(2026, 2, 24)


def test_acceptance_is_taken_in_china_time(clock):
    # 17:30 UTC on Sunday 2 Nov is 01:30 on Monday 3 Nov in Chongqing.
    accepted = datetime(2025, 11, 2, 17, 30, tzinfo=timezone.utc)
    assert clock.due_date(accepted, 5) == date(2025, 11, 10)
    with pytest.raises(ValueError):
        clock.due_date(datetime(2025, 11, 3, 9), 5)


def test_a_correction_of_three_working_days_extends_by_three(clock):
    accepted = at(2025, 11, 3)
    correction = Pause(start=at(2025, 11, 4, 10), end=at(2025, 11, 7, 15))  # costs 5, 6, 7 Nov
    assert clock.due_date(accepted, 5) == date(2025, 11, 10)
    assert clock.due_date(accepted, 5, [correction], now=at(2025, 11, 7, 16)) == date(2025, 11, 13)
    assert clock.is_paused([correction]) is False


def test_a_pause_over_a_weekend_costs_only_working_days(clock):
    accepted = at(2025, 11, 3)
    correction = Pause(start=at(2025, 11, 7, 10), end=at(2025, 11, 10, 11))  # 8, 9 off; costs 10
    assert clock.due_date(accepted, 5, [correction], now=at(2025, 11, 10, 12)) == date(2025, 11, 11)


def test_an_open_pause_counts_up_to_now(clock):
    accepted = at(2025, 11, 3)
    pauses = [Pause(start=at(2025, 11, 4, 10))]
    now = at(2025, 11, 6, 12)  # paused on 5 and 6 Nov so far
    assert clock.is_paused(pauses)
    assert clock.due_date(accepted, 5, pauses, now=now) == date(2025, 11, 12)
    assert clock.working_days_used(accepted, pauses, now) == 1  # only 4 Nov ran
    assert clock.working_days_left(accepted, 5, pauses, now) == 4
    # A working day later the due date has moved one working day on.
    assert clock.due_date(accepted, 5, pauses, now=at(2025, 11, 7, 12)) == date(2025, 11, 13)


def test_days_left_reaches_zero_on_the_due_date_and_goes_negative(clock):
    accepted = at(2025, 11, 3)
    assert clock.working_days_left(accepted, 2, now=at(2025, 11, 3, 17)) == 2
    assert clock.working_days_left(accepted, 2, now=at(2025, 11, 5, 17)) == 0
    assert clock.due_date(accepted, 2) == date(2025, 11, 5)
    assert clock.working_days_left(accepted, 2, now=at(2025, 11, 10, 9)) == -3  # 6, 7, 10 overdue
    assert clock.working_days_used(accepted, now=at(2025, 11, 10, 9)) == 5


def test_days_left_over_the_spring_festival(clock):
    accepted = at(2026, 2, 13)
    assert clock.working_days_left(accepted, 2, now=at(2026, 2, 20)) == 1  # only the 14th ran
    assert clock.working_days_left(accepted, 2, now=at(2026, 2, 24)) == 0


# -- years the calendar does not know -------------------------------------------------------


class CalendarUpTo2026:
    """The real calendar, failing like chinesecalendar does for a year it has no data for."""

    def __init__(self) -> None:
        self.real = OfficialCalendar()

    def is_working_day(self, day: date) -> bool:
        if day.year > 2026:
            raise NotImplementedError(f"no available data for year {day.year}")
        return self.real.is_working_day(day)


def test_unknown_year_falls_back_to_monday_to_friday_and_warns_once(caplog):
    clock = Clock(CalendarUpTo2026())
    with caplog.at_level(logging.WARNING, logger="kuaiban.clock"):
        assert clock.add_working_days(date(2027, 3, 5), 1) == date(2027, 3, 8)  # Fri → Mon
        assert clock.add_working_days(date(2027, 3, 5), 10) == date(2027, 3, 19)
        assert clock.working_days_between(date(2027, 6, 1), date(2027, 6, 30)) == 21
    warnings = [r for r in caplog.records if r.name == "kuaiban.clock"]
    assert len(warnings) == 1
    assert "2027" in warnings[0].getMessage()
    # Known years still use the official calendar.
    assert clock.add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)
