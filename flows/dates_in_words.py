"""Dates as the bot writes them to a person: "yesterday", "Sunday 19 April".

English words from :mod:`flows.texts.common`, never the machine's locale,
so every server writes the same.
"""

from __future__ import annotations

from datetime import date, timedelta

from flows import texts


def day_in_words(day: date, today: date) -> str:
    """``day`` relative to ``today`` where that is shorter, else weekday, day and month."""
    words = texts.common
    if day == today:
        return words.EARLIER_TODAY
    if day == today - timedelta(days=1):
        return words.YESTERDAY
    if day == today + timedelta(days=1):
        return words.TOMORROW
    return words.A_DATE.format(weekday=words.WEEKDAYS[day.weekday()], day=day.day,
                               month=words.MONTHS[day.month - 1])
