"""Working days of a Thai government office: which days count, and deadlines moved off the days that don't.

A day is a working day unless it is a Saturday or Sunday, a Thai public holiday (the `holidays`
package's Thailand calendar, in Thai, with its substitution days; `public_holidays: false` in
calendar.yaml turns it off) or one of the office's own `days_off`; a date listed in `working_days` is a
working day whatever the rest says (a holiday the office works through). Pure: the holiday tables are
data of the package, nothing is read or fetched.

Where sheetsync computes or prints a date it goes through here:
- a due date that falls on a day off moves to the next working day (`Deadline.moved_from` says from
  when and why, and the documents say so);
- a reminder window of `remind_days` starts that many working days before the (moved) due date;
- a round closes on its own after `grace_days` working days past its due date;
- a new deadline for an overdue item is `followup_days` working days after today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from sheetsync.core import vocab
from sheetsync.core.models import Milestone, Office
from sheetsync.core.thai import fiscal_year_bounds

SATURDAY, SUNDAY = 5, 6
_LOOKAHEAD = 400  # a calendar never has this many days off in a row; stops a loop on a bad config


@dataclass(frozen=True)
class Deadline:
    """A due date as the office works: `day` is a working day; `moved_from` the date the calendar named
    and `reason` the day off it fell on, when it was moved."""

    day: date
    moved_from: date | None = None
    reason: str = ""


class WorkCalendar:
    def __init__(self, days_off: dict[date, str], working: frozenset[date] = frozenset()) -> None:
        self._off = days_off
        self._working = working

    @classmethod
    def of(cls, office: Office) -> WorkCalendar:
        """The office's calendar for its fiscal year and the years either side (a deadline near the
        year's end may move into the next one)."""
        off: dict[date, str] = {}
        if office.public_holidays:
            off.update(thai_holidays(holiday_years(office)))
        for day in office.days_off:
            off[day.date] = day.name
        return cls(off, frozenset(office.working_days))

    def day_off(self, day: date) -> str | None:
        """Why `day` is not a working day (the holiday's Thai name, or เสาร์/อาทิตย์), None if it is one."""
        if day in self._working:
            return None
        if day in self._off:
            return self._off[day]
        if day.weekday() in (SATURDAY, SUNDAY):
            return vocab.SATURDAY if day.weekday() == SATURDAY else vocab.SUNDAY
        return None

    def is_working(self, day: date) -> bool:
        return self.day_off(day) is None

    def on_or_after(self, day: date) -> date:
        """`day` itself when it is a working day, else the next one."""
        for _ in range(_LOOKAHEAD):
            if self.is_working(day):
                return day
            day += timedelta(days=1)
        return day

    def add(self, day: date, working_days: int) -> date:
        """The working day `working_days` working days after `day`, counted from `day` itself whether or
        not it is a working day (Saturday + 1 is Monday); 0: `day` or the next working day."""
        if working_days == 0:
            return self.on_or_after(day)
        for _ in range(working_days):
            day = self.on_or_after(day + timedelta(days=1))
        return day

    def back(self, day: date, working_days: int) -> date:
        """The working day `working_days` working days before `day`."""
        for _ in range(working_days):
            day -= timedelta(days=1)
            for _ in range(_LOOKAHEAD):
                if self.is_working(day):
                    break
                day -= timedelta(days=1)
        return day

    def deadline(self, day: date) -> Deadline:
        """`day` as a due date: moved to the next working day when it falls on a day off."""
        reason = self.day_off(day)
        if reason is None:
            return Deadline(day)
        return Deadline(self.on_or_after(day), moved_from=day, reason=reason)


class Dates:
    """The dates of an office's milestones as its calendar makes them: one place computes them all."""

    def __init__(self, office: Office) -> None:
        self.office = office

    @cached_property
    def calendar(self) -> WorkCalendar:
        return WorkCalendar.of(self.office)

    def due(self, milestone: Milestone) -> Deadline:
        return self.calendar.deadline(milestone.due)

    def remind_from(self, milestone: Milestone) -> date:
        """The first day of the reminder window: `remind_days` working days before the due date."""
        return self.calendar.back(self.due(milestone).day, milestone.remind_days)

    def closes_after(self, milestone: Milestone) -> date:
        """The last day of a round's grace: a sync after this day closes the round on its own."""
        return self.calendar.add(self.due(milestone).day, milestone.grace_days)

    def new_deadline(self, milestone: Milestone, today: date) -> date:
        """The date an overdue item is asked for: `followup_days` working days after today."""
        return self.calendar.add(today, milestone.followup_days)


def holiday_years(office: Office) -> range:
    """The years whose public holidays the office's calendar counts: its fiscal year's and either side."""
    first, last = fiscal_year_bounds(office.office.fiscal_year)
    return range(first.year - 1, last.year + 2)


# The holidays of each span of years, once a process: the `holidays` package takes 0.15 s to import, a
# tenth of a nightly sync, so the config cache keeps the table it gave and hands it back here
# (`remember_holidays`) on the next load, which then needs no import at all.
_holidays: dict[tuple[int, int], dict[date, str]] = {}


def thai_holidays(years: range) -> dict[date, str]:
    """Thailand's public holidays in `years` (Thai names), from the `holidays` package."""
    key = (years.start, years.stop)
    table = _holidays.get(key)
    if table is None:
        table = _holidays[key] = _thai_holidays(years)
    return table


def remember_holidays(years: range, table: dict[date, str]) -> None:
    """What `thai_holidays(years)` gave before (kept by the config cache, whose key names the package's
    installed files), taken as its answer for this process."""
    _holidays.setdefault((years.start, years.stop), table)


def _thai_holidays(years: range) -> dict[date, str]:
    import holidays  # imported where used: it builds its tables on first use

    table = holidays.country_holidays("TH", years=list(years), language="th")
    return {day: str(name) for day, name in table.items()}
