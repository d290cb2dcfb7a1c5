"""Everything the bot says, apart from the logic, so a clinician can review it.

One module per flow. Facts come from ``shared/reference``; the wording is
the project's own. Placeholders use ``str.format`` names.
"""

from flows.texts import (
    checkin,
    clinic,
    clinic_reports,
    common,
    data,
    exercises,
    export,
    home,
    menu,
    onboarding,
    reminders,
    review,
    safety,
    screening,
    slash,
    tips,
)

__all__ = [
    "checkin",
    "clinic",
    "clinic_reports",
    "common",
    "data",
    "exercises",
    "export",
    "home",
    "menu",
    "onboarding",
    "reminders",
    "review",
    "safety",
    "screening",
    "slash",
    "tips",
]
