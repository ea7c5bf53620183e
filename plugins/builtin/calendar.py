"""China's official working calendar (holidays and make-up working days) from `chinesecalendar`."""

from __future__ import annotations

import datetime

import chinese_calendar

from plugins.hookspecs import hookimpl


class OfficialCalendar:
    def is_working_day(self, day: datetime.date) -> bool:
        return chinese_calendar.is_workday(day)


@hookimpl(trylast=True)
def working_calendar():
    return OfficialCalendar()
