"""Reading what people type."""

from __future__ import annotations

import pytest

from flows.parsing import (
    parse_age,
    parse_clock,
    parse_days,
    parse_pain,
    read_yes_no,
    read_yes_no_unsure,
)
from flows.spec import ANSWER, Answer, Unreadable
from flows.zones import parse_zone, zone


@pytest.mark.parametrize(
    ("text", "pain"),
    [
        ("7", 7), ("7/10", 7), ("seven", 7), ("about 7", 7), ("about seven", 7),
        ("7 out of 10", 7), ("it's a seven out of ten", 7), ("pain is 3 today", 3),
        ("0", 0), ("no pain", 0), ("none", 0), ("ten", 10), ("10/10", 10), ("7.5", 8),
        ("  4  ", 4), ("4!", 4), ("Six", 6),
    ],
)
def test_pain_scores_in_everyday_forms(text: str, pain: int) -> None:
    assert parse_pain(text) == Answer(ANSWER, pain)


@pytest.mark.parametrize("text", ["11", "12", "-1", "twelve", "100"])
def test_pain_out_of_range_gets_a_hint(text: str) -> None:
    assert isinstance(parse_pain(text), Unreadable)


@pytest.mark.parametrize("text", ["3 or 7", "between 2 and 6", "3 to 8"])
def test_two_numbers_far_apart_are_ambiguous(text: str) -> None:
    result = parse_pain(text)
    assert isinstance(result, Unreadable)
    assert "more than one number" in result.hint


@pytest.mark.parametrize(("text", "pain"), [("6 or 7", 7), ("between 4 and 5", 5),
                                            ("6-7", 7), ("like 4 maybe 5", 5)])
def test_two_neighbouring_numbers_are_read_as_the_higher(text: str, pain: int) -> None:
    assert parse_pain(text) == Answer(ANSWER, pain)


@pytest.mark.parametrize("text", ["banana", "it hurts", "", "???"])
def test_nonsense_is_not_a_pain_score(text: str) -> None:
    assert parse_pain(text) is None


@pytest.mark.parametrize(
    ("text", "age"),
    [("45", 45), ("I'm 45", 45), ("60 years old", 60), ("im 58", 58), ("fifty-two", 52),
     ("Sixty three", 63), ("71 yrs", 71), ("aged 49", 49), ("age: 34", 34), ("39 y/o", 39),
     ("I am 67 years of age.", 67), ("just turned 40", 40), ("44!", 44), ("its 52", 52),
     ("i'm 81 love", 81), ("me? 29", 29), ("66 yo", 66), ("52 years young", 52)],
)
def test_age(text: str, age: int) -> None:
    assert parse_age(text) == Answer(ANSWER, age)


@pytest.mark.parametrize(
    "text",
    ["took 2 paracetamol and its still really bad", "did all 10 reps", "pain is about 7",
     "7/10 today", "walked 3 miles yesterday", "woke at 4 with it", "2 kids and a dog",
     "had it for 6 weeks"],
)
def test_a_number_that_counts_something_else_is_not_an_age(text: str) -> None:
    """A stray number at the age question must not be read as a (child's) age."""
    assert parse_age(text) is None


def test_age_under_18_is_declined_with_advice() -> None:
    result = parse_age("15")
    assert isinstance(result, Unreadable)
    assert "adults" in result.hint


@pytest.mark.parametrize(
    ("text", "clock"),
    [("8:30", "08:30"), ("08.30", "08:30"), ("7pm", "19:00"), ("7 pm", "19:00"),
     ("12am", "00:00"), ("12pm", "12:00"), ("19h", "19:00"), ("noon", "12:00"),
     ("9", "09:00"), ("21:15", "21:15")],
)
def test_clock_times(text: str, clock: str) -> None:
    assert parse_clock(text) == clock


@pytest.mark.parametrize("text", ["25:00", "8:75", "13pm", "tomorrow", ""])
def test_bad_clock_times(text: str) -> None:
    assert parse_clock(text) is None


@pytest.mark.parametrize(("text", "days"), [("3", 3), ("3 days", 3), ("a week", 7),
                                            ("two weeks", 14), ("five", 5)])
def test_pause_days(text: str, days: int) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["0", "91", "forever", ""])
def test_bad_pause_days(text: str) -> None:
    assert parse_days(text) is None


def test_yes_no_unsure_on_a_safety_question_advises_yes() -> None:
    assert read_yes_no("yep") == Answer("yes")
    assert read_yes_no("nope") == Answer("no")
    result = read_yes_no("not sure")
    assert isinstance(result, Unreadable)
    assert "safest to answer Yes" in result.hint


def test_unsure_is_an_answer_where_it_is_allowed() -> None:
    assert read_yes_no_unsure("don't know") == Answer("unsure")


@pytest.mark.parametrize(
    ("text", "stored"),
    [("Europe/Berlin", "Europe/Berlin"), ("berlin", "Europe/Berlin"),
     ("New York", "America/New_York"), ("UTC+2", "UTC+02:00"), ("gmt-5", "UTC-05:00"),
     ("+05:30", "UTC+05:30"), ("utc", "UTC"), ("India", "Asia/Kolkata")],
)
def test_time_zones_as_people_type_them(text: str, stored: str) -> None:
    assert parse_zone(text) == stored


def test_unknown_time_zone() -> None:
    assert parse_zone("Atlantis") is None


def test_fixed_offset_zones_round_trip() -> None:
    from datetime import UTC, datetime

    noon = datetime(2026, 6, 1, 12, tzinfo=UTC)
    assert noon.astimezone(zone("UTC+05:30")).strftime("%H:%M") == "17:30"
    assert noon.astimezone(zone("UTC-05:00")).strftime("%H:%M") == "07:00"


@pytest.mark.parametrize(("text", "days"), [("mon-fri", "12345"), ("weekdays", "12345"),
                                            ("mon, wed, fri", "135"), ("fri-mon", "1567"),
                                            ("every day", "1234567"), ("Sunday", "7")])
def test_reminder_days(text: str, days: str) -> None:
    from flows.parsing import parse_weekdays

    assert parse_weekdays(text) == days


def test_quiet_hours() -> None:
    from flows.parsing import QuietHours, parse_quiet

    assert parse_quiet("22:00-07:00") == QuietHours("22:00", "07:00")
    assert parse_quiet("10pm to 7am") == QuietHours("22:00", "07:00")
    assert parse_quiet("off") == QuietHours(None, None)
    assert parse_quiet("soon") is None
