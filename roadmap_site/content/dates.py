"""Calendar values of the content format: days, months, quarters, years and periods.

A roadmap names time at the precision its owner knows it: ``2031``, ``2027-Q3``,
``2027-06`` or ``2027-06-15``. Each value covers a span of days; "due 2027-Q3" means
"by the last day of that quarter". A period is ``start .. end`` or a single value.
Anything that does not start with a four-digit year is a *label* (``Month 3-4``,
``Week 1-2``), kept as text for plans that have no calendar dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "quarter", "month", "day"]

_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PERIOD_SEPARATOR = re.compile(r"\s*\.\.\s*")

DATE_FORMS = "YYYY, YYYY-QN, YYYY-MM or YYYY-MM-DD"
"""The accepted calendar forms, as quoted in error messages and docs."""

PERIOD_FORMS = (
    f"'start .. end' (e.g. '2026-05 .. 2027-08'), one date ({DATE_FORMS}), "
    "or a label that does not start with a year (e.g. 'Month 3-4')"
)
"""The accepted period forms, as quoted in error messages."""

_MONTH_NAMES = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def day_label(day: dt.date) -> str:
    """A day as a reader sees it: ``15 Jun 2027`` (English month names, whatever the locale)."""
    return f"{day.day} {_MONTH_NAMES[day.month]} {day.year}"


@dataclass(frozen=True, order=True)
class Moment:
    """A calendar value at some precision, covering the days ``first`` to ``last``."""

    first: dt.date
    last: dt.date
    precision: Precision
    text: str

    def __str__(self) -> str:
        return self.text

    @property
    def label(self) -> str:
        """A short reader-facing form: ``Q3 2027``, ``Jun 2027``, ``15 Jun 2027``."""
        if self.precision == "year":
            return self.text
        if self.precision == "quarter":
            return f"Q{(self.first.month - 1) // 3 + 1} {self.first.year}"
        if self.precision == "month":
            return f"{_MONTH_NAMES[self.first.month]} {self.first.year}"
        return day_label(self.first)


def parse_moment(value: object) -> Moment:
    """Parse ``2031``, ``2027-Q3``, ``2027-06`` or ``2027-06-15`` (or a YAML date).

    Raises ``ValueError`` with a message naming the accepted forms.
    """
    kind = type(value)
    if kind is str or kind is dt.date:
        return _parse_moment_once(value)
    return _parse_moment(value)


def _parse_moment(value: object) -> Moment:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Moment(value, value, "day", value.isoformat())
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date ({DATE_FORMS}), got {type(value).__name__}")
    text = value.strip()
    try:
        if m := _DAY.fullmatch(text):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return Moment(day, day, "day", text)
        if m := _MONTH.fullmatch(text):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1]
            return Moment(dt.date(year, month, 1), dt.date(year, month, last), "month", text)
        if m := _QUARTER.fullmatch(text):
            year, quarter = int(m[1]), int(m[2])
            first_month = 3 * quarter - 2
            last_day = calendar.monthrange(year, first_month + 2)[1]
            return Moment(
                dt.date(year, first_month, 1),
                dt.date(year, first_month + 2, last_day),
                "quarter",
                text,
            )
        if m := _YEAR.fullmatch(text):
            year = int(m[1])
            return Moment(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text)
    except ValueError:
        pass  # e.g. month 13: fall through to the uniform message below
    raise ValueError(f"{text!r} is not a date: expected {DATE_FORMS}")


# A roadmap names the same months and quarters again and again, and a Moment, frozen,
# can be shared: each value is parsed once per load (see forget_parsed_dates)
_parse_moment_once = functools.lru_cache(maxsize=4096)(_parse_moment)


def forget_parsed_dates() -> None:
    """Empty the cache of parsed dates (a new load of the content starts with none)."""
    _parse_moment_once.cache_clear()


@dataclass(frozen=True)
class Period:
    """A time box: calendar bounds (``start``, ``end``) or, for undated plans, a label."""

    text: str
    start: Moment | None = None
    end: Moment | None = None

    @property
    def dated(self) -> bool:
        """Whether the period has calendar bounds."""
        return self.start is not None and self.end is not None

    @property
    def label(self) -> str:
        """The reader-facing form: ``Q2 2026 – Q3 2027`` or the label as written."""
        if self.start is None or self.end is None:
            return self.text
        if self.start == self.end:
            return self.start.label
        return f"{self.start.label} – {self.end.label}"

    def __str__(self) -> str:
        return self.text


def parse_period(value: object) -> Period:
    """Parse ``start .. end``, a single calendar value, or a free label.

    Text that starts with a four-digit year must be a valid calendar period (so that
    a typo is an error, not a silent label); other text such as ``Month 3-4`` is a label.
    """
    if isinstance(value, (dt.date, int)) and not isinstance(value, bool):
        moment = parse_moment(value)
        return Period(moment.text, moment, moment)
    if not isinstance(value, str):
        raise ValueError(f"expected a period such as '2026-05 .. 2027-08', got {type(value).__name__}")
    text = value.strip()
    if not text:
        raise ValueError("expected a period such as '2026-05 .. 2027-08', got an empty string")
    if not _YEAR.match(text):
        return Period(text)
    parts = _PERIOD_SEPARATOR.split(text)
    if len(parts) == 1:
        try:
            moment = parse_moment(parts[0])
        except ValueError:
            # text starting with a year is read as dates (a typo is an error, not a label):
            # say every form a period takes, not only a date's
            raise ValueError(f"{text!r} is not a period: expected {PERIOD_FORMS}") from None
        return Period(text, moment, moment)
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"{text!r} is not a period: expected {PERIOD_FORMS}")
    try:
        start, end = parse_moment(parts[0]), parse_moment(parts[1])
    except ValueError as problem:
        raise ValueError(f"{text!r} is not a period: {problem}") from None
    if end.last < start.first:
        raise ValueError(f"{text!r} ends before it starts")
    return Period(text, start, end)


def quarter_of(day: dt.date) -> str:
    """The quarter containing ``day``, as ``2027-Q1``."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


TODAY_ENVIRONMENT_VARIABLE = "ROADMAP_SITE_TODAY"
"""Set to ``YYYY-MM-DD`` to fix "today" (deterministic builds and tests)."""


def today(override: str | dt.date | None = None) -> dt.date:
    """Today's date: ``override`` if given, else ``$ROADMAP_SITE_TODAY``, else the clock."""
    if isinstance(override, dt.date):
        return override
    text = override or os.environ.get(TODAY_ENVIRONMENT_VARIABLE)
    if text:
        return dt.date.fromisoformat(text)
    return dt.date.today()
