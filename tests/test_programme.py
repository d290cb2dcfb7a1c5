"""The exercise programme's rules (PROTOCOL.md section 3)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from core.messages import Exercise
from flows.context import Programme, Session
from flows.programme import (
    choose_primary,
    count_checkin,
    finish_session,
    is_flare,
    plan_floss,
    review,
    review_due,
    tips_first,
)

DAY1 = date(2026, 3, 3)


@pytest.mark.parametrize(
    ("age", "bending", "standing", "expected"),
    [
        (45, "yes", "no", Exercise.PRESSUP_EXTENSION),
        (70, "yes", "no", Exercise.PRESSUP_EXTENSION),
        (45, "no", "yes", Exercise.KNEE_HUGS),
        (70, "no", "yes", Exercise.KNEE_HUGS),
        (59, "yes", "yes", Exercise.PRESSUP_EXTENSION),
        (60, "yes", "yes", Exercise.KNEE_HUGS),
        (59, "no", "no", Exercise.PRESSUP_EXTENSION),
        (60, "no", "no", Exercise.KNEE_HUGS),
        (45, "unsure", "no", Exercise.PRESSUP_EXTENSION),
        (65, "yes", "unsure", Exercise.KNEE_HUGS),
    ],
)
def test_choice_between_pressups_and_knee_hugs(age: int, bending: str, standing: str,
                                               expected: Exercise) -> None:
    assert choose_primary(age, bending, standing)[0] == expected


@pytest.mark.parametrize(("before", "after", "flare"),
                         [(5, 6, True), (0, 9, True), (5, 5, False), (6, 8, False),
                          (3, 4, False), (4, 6, True)])
def test_flare_rule(before: int, after: int, flare: bool) -> None:
    assert is_flare(before, after) is flare


def test_tips_first_above_five() -> None:
    assert not tips_first(5)
    assert tips_first(6)


def _live(programme: Programme, day: int, before: int = 3, after: int = 3,
          accept_offer: bool = False) -> Exercise:
    today = DAY1 + timedelta(days=day - 1)
    plan = plan_floss(programme, today)
    floss = Exercise.FLOSS_TENSIONER if plan.note == "offer" and accept_offer else plan.floss
    session = Session(started_at=datetime(2026, 3, 3, tzinfo=UTC), local_date=today, day=day,
                      pain_before=before, floss=floss)
    count_checkin(programme, before, today)
    finish_session(programme, session, after)
    return floss


def test_slider_only_on_days_1_to_7() -> None:
    programme = Programme()
    flosses = [_live(programme, day) for day in range(1, 8)]
    assert set(flosses) == {Exercise.FLOSS_SLIDER}
    assert programme.first_day == DAY1


def test_offer_from_day_8_without_recent_flare() -> None:
    programme = Programme()
    for day in range(1, 8):
        _live(programme, day)
    assert plan_floss(programme, DAY1 + timedelta(days=7)).note == "offer"


def test_no_offer_after_a_flare_in_the_last_three_sessions() -> None:
    programme = Programme()
    for day in range(1, 7):
        _live(programme, day)
    _live(programme, 7, before=4, after=7)
    assert plan_floss(programme, DAY1 + timedelta(days=7)).note == ""


def test_switch_at_day_15() -> None:
    programme = Programme()
    for day in range(1, 15):
        _live(programme, day)
    plan = plan_floss(programme, DAY1 + timedelta(days=14))
    assert (plan.floss, plan.note) == (Exercise.FLOSS_TENSIONER, "switch")


def test_no_switch_at_day_15_after_a_recent_flare() -> None:
    programme = Programme()
    for day in range(1, 14):
        _live(programme, day)
    _live(programme, 14, before=3, after=6)
    assert plan_floss(programme, DAY1 + timedelta(days=14)).floss == Exercise.FLOSS_SLIDER


def test_tensioner_flare_means_three_slider_sessions_then_tensioner() -> None:
    programme = Programme()
    for day in range(1, 8):
        _live(programme, day)
    assert _live(programme, 8, accept_offer=True) == Exercise.FLOSS_TENSIONER
    assert _live(programme, 9, before=4, after=6) == Exercise.FLOSS_TENSIONER
    after_flare = [_live(programme, day) for day in (10, 11, 12)]
    assert after_flare == [Exercise.FLOSS_SLIDER] * 3
    assert _live(programme, 13) == Exercise.FLOSS_TENSIONER


def test_review_due_on_day_42_once() -> None:
    programme = Programme(first_day=DAY1)
    assert not review_due(programme, DAY1 + timedelta(days=40))
    assert review_due(programme, DAY1 + timedelta(days=41))
    programme.review_on = DAY1 + timedelta(days=41)
    assert not review_due(programme, DAY1 + timedelta(days=50))


@pytest.mark.parametrize(("baseline", "recent", "better"),
                         [(6, [4, 4, 4], True), (6, [5, 4, 4], False), (6, [6, 5, 5], False),
                          (8, [2], True), (3, [3, 3, 3], False)])
def test_review_compares_the_last_three_with_the_start(baseline: int, recent: list[int],
                                                       better: bool) -> None:
    outcome = review(Programme(baseline_pain=baseline, recent_pains=recent))
    assert outcome is not None
    assert outcome.better is better


def test_no_review_without_checkins() -> None:
    assert review(Programme()) is None


def test_streak_counts_consecutive_days() -> None:
    programme = Programme()
    count_checkin(programme, 3, DAY1)
    count_checkin(programme, 3, DAY1 + timedelta(days=1))
    assert programme.streak == 2
    count_checkin(programme, 3, DAY1 + timedelta(days=1))
    assert programme.streak == 2
    count_checkin(programme, 3, DAY1 + timedelta(days=3))
    assert programme.streak == 1
    assert programme.baseline_pain == 3
    assert programme.checkins == 4
