"""The clinic rules as pure functions: setup, schedule, trend and the team summary."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.messages import Alert
from flows.clinic import (
    MemberDay,
    Setup,
    invite_code,
    joined_clinic,
    next_call,
    parse_setup,
    summary,
    trend,
    window,
)
from flows.context import ClinicLink
from flows.conversation import Conversation
from flows.records import ClinicSharingChanged
from flows.turn import run_turn
from tests.states import conversation_at

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
    assert "Nobody shares" in summary("#physio", WINDOW, "Europe/Berlin", []).text


def test_summary_lists_checked_in_missed_flares_and_alerts_without_scores() -> None:
    text = summary("#physio", WINDOW, "Europe/Berlin", [
        MemberDay("zoe", pain_today=4, pain_before=4),
        MemberDay("Ann", pain_today=None, pain_before=3, alerts=(Alert.SEE_DOCTOR,)),
        MemberDay("Max", pain_today=7, pain_before=2, flare=True),
    ]).text

    assert text.splitlines() == [
        "#physio: check-ins for Tuesday 3 March (closed 21:30)",
        "Checked in (2 of 3): Max ↑, zoe →",
        "Missed (1): Ann",
        "Flare-ups: Max",
        "Alerts: Ann (advised to see a doctor)",
        "Pain against each person's previous check-in: ↑ higher, ↓ lower, → same.",
    ]


def sharing_with(*names: str) -> Conversation:
    """A person at the menu who shares with each of ``names`` (clinic ids 1, 2 ...)."""
    conversation = conversation_at("menu", "idle")
    for number, name in enumerate(names, start=1):
        conversation.ctx.clinics[str(number)] = ClinicLink(name=name, sharing=True)
    return conversation


def test_leaving_one_clinic_by_name_keeps_the_other() -> None:
    conversation = sharing_with("#physio-north", "#back-school")
    run_turn(conversation, text="/clinic leave #Physio-North")

    assert [link.sharing for link in conversation.ctx.clinics.values()] == [False, True]
    assert [r for r in conversation.records if isinstance(r, ClinicSharingChanged)] == [
        ClinicSharingChanged(conversation.now, 1, False)]


def test_leaving_without_a_name_stops_every_clinic() -> None:
    conversation = sharing_with("#physio-north", "#back-school")
    run_turn(conversation, text="leave clinic")

    assert [link.sharing for link in conversation.ctx.clinics.values()] == [False, False]
    assert "#physio-north, #back-school no longer see anything" in conversation.out[0].text


def test_leaving_a_clinic_one_does_not_share_with_says_so() -> None:
    conversation = sharing_with("#physio-north")
    run_turn(conversation, text="/clinic leave #elsewhere")

    assert conversation.ctx.clinics["1"].sharing is True
    assert "don't share with a clinic by that name" in conversation.out[0].text


@pytest.mark.parametrize(("text", "code"), [
    ("/start Ab3_-x", "Ab3_-x"), ("/join Ab3_-x", "Ab3_-x"), ("/start@SciaticaBot Ab3", "Ab3"),
    ("/start", None), ("/start two words", None), ("/start bad!code", None),
    ("/start " + "a" * 65, None), ("start Ab3", None),
])
def test_invite_codes_are_read_from_start_and_join_only(text: str, code: str | None) -> None:
    assert invite_code(text) == code
