"""Dates as people say them: "tomorrow", "Thursday 5 March", never 2026-03-05.

Plain Python rather than Babel: every text of the bot is English, and
``strftime`` names days and months in English unless the process changes
its locale, which nothing here does. When the texts are translated, this
is the one function to hand to ``babel.dates.format_date``.
"""

from __future__ import annotations

from datetime import date

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def long_date(day: date, *, year: bool = False) -> str:
    """A date in words: Thursday 5 March (with the year when asked: Thursday 5 March 2026)."""
    words = f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return f"{words} {day.year}" if year else words


def relative_date(day: date, today: date) -> str:
    """A day seen from ``today``: today, tomorrow (Tuesday 3 March) or on Thursday 5 March."""
    if day == today:
        return "today"
    if (day - today).days == 1:
        return f"tomorrow ({long_date(day)})"
    return f"on {long_date(day, year=day.year != today.year)}"
