"""Every step accepts the ordinary ways of saying its answers (tests/plain_answers.py).

What an answer means is asked of :func:`flows.turn.interpret`, the function
the turn itself uses, so a global intent that would shadow a step's answer
shows up here as a failure. A few tests run the whole turn to check the
re-prompt: it says what it expects and keeps the buttons.
"""

from __future__ import annotations

import pytest

from flows.intents import Intent
from flows.spec import ANSWER, Answer, Unreadable
from flows.turn import current_step, interpret, run_turn
from tests.plain_answers import (
    ASK,
    CLEAR_NO,
    HEDGED_YES,
    NEVER_NO,
    PAIN_SCORES,
    PLAIN_ANSWERS,
    UNCLEAR_AT_SAFETY,
    Confirm,
)
from tests.states import conversation_at

SAFETY_QUESTIONS = [
    "screening.saddle", "screening.bladder_bowel", "screening.weight_loss", "screening.fever",
    "screening.night_sweats", "screening.cancer", "screening.worsening", "screening.both_legs",
    "screening.severe_weakness", "checkin.cauda_equina", "exercises.safety_check",
]


def meaning(position: str, text: str) -> object:
    """What ``text`` means at ``position``: a choice id, a value, ASK or a Confirm."""
    flow, state = position.split(".")
    conversation = conversation_at(flow, state)
    result = interpret(conversation, current_step(conversation), text)
    if result is None or isinstance(result, Unreadable):
        return ASK
    if isinstance(result, Intent):  # the menu's buttons are global intents
        return result.name
    assert isinstance(result, Answer)
    if result.trigger == "confirm":
        return Confirm(result.value)
    if result.trigger == ANSWER or result.value is not None:
        return result.value
    return result.trigger


_CASES = [(position, text, expected) for position, answers in PLAIN_ANSWERS.items()
          for text, expected in answers]


@pytest.mark.parametrize(("position", "text", "expected"), _CASES,
                         ids=[f"{p}:{t}" for p, t, _ in _CASES])
def test_plain_answer_at_each_step(position: str, text: str, expected: object) -> None:
    assert meaning(position, text) == expected


@pytest.mark.parametrize("position", SAFETY_QUESTIONS)
@pytest.mark.parametrize("text", HEDGED_YES)
def test_a_hedged_yes_is_a_yes_at_every_safety_question(position: str, text: str) -> None:
    assert meaning(position, text) == "yes"


@pytest.mark.parametrize("position", SAFETY_QUESTIONS)
@pytest.mark.parametrize("text", CLEAR_NO)
def test_a_clear_no_is_a_no_at_every_safety_question(position: str, text: str) -> None:
    assert meaning(position, text) == "no"


@pytest.mark.parametrize("position", SAFETY_QUESTIONS)
@pytest.mark.parametrize("text", UNCLEAR_AT_SAFETY)
def test_an_unclear_answer_at_a_safety_question_is_asked_again(position: str, text: str) -> None:
    assert meaning(position, text) == ASK


_NEVER_NO = [(position, text) for position, texts in NEVER_NO.items() for text in texts]


@pytest.mark.parametrize(("position", "text"), _NEVER_NO, ids=[f"{p}:{t}" for p, t in _NEVER_NO])
def test_a_no_that_tells_of_the_symptom_is_never_a_no(position: str, text: str) -> None:
    assert meaning(position, text) in ("yes", ASK)


@pytest.mark.parametrize("position", SAFETY_QUESTIONS)
@pytest.mark.parametrize("text", ["what do you mean", "not really", "hmm"])
def test_the_safety_reprompt_says_what_it_expects_and_keeps_the_buttons(
        position: str, text: str) -> None:
    flow, state = position.split(".")
    conversation = conversation_at(flow, state)
    run_turn(conversation, text=text)
    assert (conversation.flow, conversation.state) == (flow, state)
    last = conversation.out[-1]
    assert [c.id for c in last.choices] == ["yes", "no"]
    assert "didn't catch" not in last.text
    assert "Yes" in last.text
    assert "No" in last.text


@pytest.mark.parametrize("position", ["checkin.pain_now", "checkin.pain_after"])
@pytest.mark.parametrize(("text", "expected"), PAIN_SCORES, ids=[t for t, _ in PAIN_SCORES])
def test_pain_scores_only_when_the_number_is_the_answer(position: str, text: str,
                                                        expected: object) -> None:
    assert meaning(position, text) == expected
