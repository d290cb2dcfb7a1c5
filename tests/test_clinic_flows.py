"""The clinic rules as pure functions: setup, schedule, trend and the team summary."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.messages import Alert
from flows.clinic import (
    MemberDay,
    Setup,
    joined_clinic,
    next_call,
    parse_setup,
    summary,
    trend,
    window,
)

CALL = datetime(2026, 3, 3, 8, 30, tzinfo=UTC)  # 09:30 in Berlin
WINDOW = window(CALL, "Europe/Berlin", 12)


def test_setup_defaults_to_nine_oclock_the_callers_zone_and_twelve_hours() -> None:
    assert parse_setup([], "America/Chicago") == Setup("09:00", "America/Chicago", 12)


def test_setup_reads_time_zone_and_window() -> None:
    assert parse_setup(["8:15", "London", "10"], "UTC") == Setup("08:15", "Europe/London", 10)


@pytest.mark.parametrize(("args", "says"), [
    (["25:99"], "couldn't read that time"),
    (["09:00", "Atlantis"], "don't know that time zone"),
    (["09:00", "30"], "from 1 to 23"),
])
def test_setup_explains_what_it_could_not_read(args: list[str], says: str) -> None:
    result = parse_setup(args, "UTC")
    assert isinstance(result, str)
    assert says in result


def test_the_next_call_keeps_local_time_across_daylight_saving() -> None:
    before_switch = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)  # Saturday, CET
    assert next_call("09:30", "Europe/Berlin", before_switch) == datetime(
        2026, 3, 29, 7, 30, tzinfo=UTC)  # Sunday 09:30 CEST


def test_a_window_starts_at_local_midnight_so_earlier_checkins_count() -> None:
    assert WINDOW.local_date == date(2026, 3, 3)
    assert WINDOW.starts == datetime(2026, 3, 2, 23, 0, tzinfo=UTC)
    assert WINDOW.closes == datetime(2026, 3, 3, 20, 30, tzinfo=UTC)


@pytest.mark.parametrize(("today", "before", "expected"), [
    (3, 5, "down"), (6, 5, "up"), (5, 5, "same"), (5, None, "new"),
])
def test_trend_compares_with_the_previous_checkin(today: int, before: int | None,
                                                  expected: str) -> None:
    assert trend(today, before) == expected


def test_only_call_buttons_name_a_clinic() -> None:
    assert joined_clinic("clinic:12") == 12
    assert joined_clinic("yes") is None
    assert joined_clinic("clinic:twelve") is None


def test_summary_without_sharing_members_says_so() -> None:
    assert "Nobody shares" in summary(WINDOW, "Europe/Berlin", []).text


def test_summary_lists_checked_in_missed_flares_and_alerts_without_scores() -> None:
    text = summary(WINDOW, "Europe/Berlin", [
        MemberDay("zoe", pain_today=4, pain_before=4),
        MemberDay("Ann", pain_today=None, pain_before=3, alerts=(Alert.SEE_DOCTOR,)),
        MemberDay("Max", pain_today=7, pain_before=2, flare=True),
    ]).text

    assert text.splitlines() == [
        "Check-ins for Tuesday 3 March (closed 21:30)",
        "Checked in (2 of 3): Max ↑, zoe →",
        "Missed (1): Ann",
        "Flare-ups: Max",
        "Alerts: Ann (advised to see a doctor)",
        "Pain against each person's previous check-in: ↑ higher, ↓ lower, → same.",
    ]
