"""The outcome rules as pure functions (flows/measures.py; docs/clinical-decisions.md)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from flows import measures
from flows.context import Outcomes

DAY1 = date(2026, 3, 2)


def days(n: int) -> date:
    return DAY1 + timedelta(days=n)


def test_spreading_takes_three_days_each_further_down_than_the_first() -> None:
    outcomes = Outcomes()
    assert not measures.note_reach(outcomes, days(0), 2)  # thigh at the start
    assert not measures.note_reach(outcomes, days(1), 3)
    assert not measures.note_reach(outcomes, days(2), 4)
    assert measures.note_reach(outcomes, days(3), 3)  # the third day running: say it once
    assert not measures.note_reach(outcomes, days(4), 4)  # still spreading, said already
    assert measures.is_spreading(outcomes)
    assert not measures.note_reach(outcomes, days(5), 2)  # back where it started: over
    assert not measures.is_spreading(outcomes)


def test_a_second_checkin_the_same_day_replaces_that_days_reach() -> None:
    outcomes = Outcomes()
    measures.note_reach(outcomes, days(0), 1)
    measures.note_reach(outcomes, days(1), 3)
    measures.note_reach(outcomes, days(1), 3)
    assert not measures.is_spreading(outcomes)  # two days, not three
    assert [d.reach for d in outcomes.reach_days] == [1, 3]


def test_spreading_down_twice_running_with_the_pressups() -> None:
    outcomes = Outcomes()
    assert not measures.note_movement(outcomes, days(0), measures.DOWN)
    assert measures.primary_stopped(outcomes, days(0))
    assert not measures.primary_stopped(outcomes, days(1))
    assert measures.note_movement(outcomes, days(1), measures.DOWN)
    assert not measures.note_movement(outcomes, days(2), measures.UP)
    assert not measures.note_movement(outcomes, days(3), measures.DOWN)  # the run was broken


@pytest.mark.parametrize(
    ("answers", "peg"),
    [({"peg_pain": 6, "peg_enjoyment": 5, "peg_activity": 4}, 5.0),
     ({"peg_pain": 6, "peg_activity": 5}, 5.5),
     ({"peg_pain": 6}, None), ({}, None),
     ({"peg_pain": 7, "peg_enjoyment": 7, "peg_activity": 6}, 6.7)],
)
def test_peg_is_the_mean_of_its_items_two_at_least(answers: dict[str, int],
                                                   peg: float | None) -> None:
    assert measures.peg_score(answers) == peg


def test_the_first_weekly_questions_leave_out_activities_rated_this_week() -> None:
    outcomes = Outcomes(activities=["gardening", "sleep"], psfs_rated_on=days(0))
    assert measures.weekly_items(outcomes, days(1)) == [*measures.PEG_ITEMS, "back_pain"]
    assert measures.weekly_items(outcomes, days(7)) == [*measures.PEG_ITEMS, "back_pain",
                                                        "psfs_1", "psfs_2"]


def test_the_review_asks_the_activities_and_the_change_and_this_weeks_if_due() -> None:
    outcomes = Outcomes(activities=["gardening"], last_round=days(36))
    assert measures.review_items(outcomes, days(41)) == ["psfs_1", "pgic"]
    assert measures.review_items(outcomes, days(43)) == [*measures.PEG_ITEMS, "back_pain",
                                                         "psfs_1", "pgic"]


def test_a_round_keeps_first_and_latest_and_peg_once_its_items_are_behind() -> None:
    outcomes = Outcomes(activities=["gardening"])
    for week, (pain, enjoyment, activity, garden) in enumerate([(6, 6, 6, 2), (3, 2, 1, 7)]):
        today = days(7 * week)
        measures.begin_round(outcomes, today, "weekly")
        for item, score in zip(["peg_pain", "peg_enjoyment", "peg_activity", "back_pain",
                                "psfs_1"], [pain, enjoyment, activity, 4, garden], strict=True):
            assert measures.current_item(outcomes) == item
            measures.note_score(outcomes, today, item, score)
            measures.next_item(outcomes)
        assert measures.current_item(outcomes) is None
        measures.end_round(outcomes)
    assert outcomes.first == {"peg": 6.0, "back_pain": 4.0, "psfs_1": 2.0}
    assert outcomes.latest == {"peg": 2.0, "back_pain": 4.0, "psfs_1": 7.0}


def test_the_global_change_scores_one_for_very_much_better_to_seven() -> None:
    assert [measures.change_score(a) for a in measures.GLOBAL_CHANGES] == list(range(1, 8))
    assert measures.feels_worse("little_worse")
    assert not measures.feels_worse("no_change")
    assert not measures.feels_worse(None)
