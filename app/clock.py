"""The one clock: every time-limit calculation in Kuaiban goes through this module.

Time limits (法定时限 / 承诺时限) are counted in working days of China's official calendar, which
has public holidays *and* make-up working weekends (调休), so the calendar is asked day by day
rather than assuming Monday to Friday. Conventions followed here:

- The acceptance day itself is not counted: a 1-working-day case accepted on a Friday is due on
  the next working day.
- A pause (补正 correction, special procedure) stops the clock; it costs the working days in
  (pause start date, pause end date], and an open pause costs the working days up to today.
  Pauses are assumed not to overlap (a case has one open correction at a time).
- Dates are local dates in Asia/Shanghai; aware datetimes are converted, naive ones are refused
  because nobody can tell which zone they were meant in.

No database and no plugin lookups here: the caller passes the `working_calendar` hook's result.
Build one `Clock` per process; it caches the calendar's answers.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from plugins.hookspecs import WorkingCalendar

CHINA_TZ = ZoneInfo("Asia/Shanghai")

log = logging.getLogger("kuaiban.clock")

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Pause:
    """A stretch during which the case's clock stands still; `end` is None while still paused."""

    start: datetime
    end: datetime | None = None


def stored_moment(value: datetime | str) -> datetime:
    """A moment as a database hands it back (aware, naive UTC, or ISO text) as an aware datetime."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class Clock:
    """Working-day arithmetic over one calendar, in one time zone."""

    def __init__(self, calendar: WorkingCalendar, tz: ZoneInfo = CHINA_TZ) -> None:
        self.calendar = calendar
        self.tz = tz
        self._known: dict[date, bool] = {}
        self._warned_years: set[int] = set()

    # -- days -------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Ask the calendar; for a year it has no data for, fall back to Monday–Friday.

        The fallback keeps deadlines flowing when the calendar package lags behind the State
        Council's yearly holiday notice; the warning (once per year) says it needs updating.
        """
        known = self._known.get(day)
        if known is not None:
            return known
        try:
            working = bool(self.calendar.is_working_day(day))
        except NotImplementedError:
            if day.year not in self._warned_years:
                self._warned_years.add(day.year)
                log.warning(
                    "working calendar has no data for %s; counting Monday-Friday as working days "
                    "(update the calendar package)",
                    day.year,
                )
            working = day.weekday() < 5
        self._known[day] = working
        return working

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start`; `start` itself does not count."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        while days:
            day += _ONE_DAY
            if self.is_working_day(day):
                days -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; 0 when `end` is not after `start`."""
        count = 0
        day = start + _ONE_DAY
        while day <= end:
            count += self.is_working_day(day)
            day += _ONE_DAY
        return count

    # -- cases ------------------------------------------------------------------------------

    def local_date(self, moment: datetime) -> date:
        """The calendar date of `moment` in the clock's zone (a UTC evening is the next day here)."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("naive datetime: pass an aware datetime (e.g. in UTC or Asia/Shanghai)")
        return moment.astimezone(self.tz).date()

    def now(self) -> datetime:
        return datetime.now(self.tz)

    def paused_working_days(self, pauses: Sequence[Pause], now: datetime | None = None) -> int:
        """Working days the clock stood still: (start date, end date] per pause, open ones up to now."""
        today = self.local_date(now or self.now())
        total = 0
        for pause in pauses:
            end = today if pause.end is None else min(self.local_date(pause.end), today)
            total += self.working_days_between(self.local_date(pause.start), end)
        return total

    def due_date(
        self,
        accepted_at: datetime,
        limit_days: int,
        pauses: Sequence[Pause] = (),
        now: datetime | None = None,
    ) -> date:
        """The last working day to finish: acceptance date + limit + paused working days.

        While a pause is open the due date moves one working day further each working day.
        """
        extra = self.paused_working_days(pauses, now)
        return self.add_working_days(self.local_date(accepted_at), limit_days + extra)

    def working_days_used(
        self, accepted_at: datetime, pauses: Sequence[Pause] = (), now: datetime | None = None
    ) -> int:
        """Working days counted against the limit so far: elapsed since acceptance minus paused."""
        now = now or self.now()
        elapsed = self.working_days_between(self.local_date(accepted_at), self.local_date(now))
        return max(0, elapsed - self.paused_working_days(pauses, now))

    def working_days_left(
        self,
        accepted_at: datetime,
        limit_days: int,
        pauses: Sequence[Pause] = (),
        now: datetime | None = None,
    ) -> int:
        """Working days left before the limit runs out: 0 on the due date, negative when overdue."""
        return limit_days - self.working_days_used(accepted_at, pauses, now)

    @staticmethod
    def is_paused(pauses: Sequence[Pause]) -> bool:
        """True while any pause is still open."""
        return any(pause.end is None for pause in pauses)
