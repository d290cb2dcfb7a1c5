"""Safety and robustness in every state of every flow."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.messages import Alert
from flows.intents import NAMES
from flows.turn import MACHINES, NEW, choices_of, current_step, run_turn
from tests.states import RESTING_STATES, conversation_at

EMERGENCY_TEXTS = ["I can't control my bladder", "numb down there when I wipe", "I wet myself"]
#: Emergencies in the words of the families the old detector missed (issue 12): each gets
#: the emergency reply or the safety question, in every state.
EMERGENCY_SAMPLE = [
    "had a bit of an accident in my knickers, didnt feel it coming",
    "woke up and the bed was wet, havent done that since i was little",
    "sat on the loo for ages and the wee just wont come",
    "cant feel the paper when i wipe, like its someone elses bum",
    "numb from the waist down since this morning",
    "my left bum cheek went numb and now the right one has too",
    "cant controll my bladdder",
]
SEE_DOCTOR_SAMPLE = ["the sciatica is in both legs now", "been getting night sweats",
                     "lost a stone without trying"]


@pytest.mark.parametrize(("flow", "state"), RESTING_STATES, ids="{0[0]}.{0[1]}".format)
@pytest.mark.parametrize("text", EMERGENCY_TEXTS)
def test_emergency_reply_from_every_state(flow: str, state: str, text: str) -> None:
    conversation = conversation_at(flow, state)
    run_turn(conversation, text=text)
    assert conversation.out[0].alert == Alert.EMERGENCY
    assert not any(m.exercise for m in conversation.out)
    assert (conversation.flow, conversation.state) == ("safety", "alerted")
    assert conversation.ctx.safety.hold == Alert.EMERGENCY


@pytest.mark.parametrize(("flow", "state"), RESTING_STATES, ids="{0[0]}.{0[1]}".format)
@pytest.mark.parametrize("text", EMERGENCY_SAMPLE)
def test_emergency_families_get_the_alert_or_the_question_from_every_state(
    flow: str, state: str, text: str
) -> None:
    conversation = conversation_at(flow, state)
    run_turn(conversation, text=text)
    alerted = conversation.out[0].alert == Alert.EMERGENCY
    asked = (conversation.flow, conversation.state) == ("safety", "confirm")
    assert alerted or asked
    assert not any(m.exercise for m in conversation.out)
    assert "didn't catch" not in " ".join(m.text for m in conversation.out)


@pytest.mark.parametrize(("flow", "state"), RESTING_STATES, ids="{0[0]}.{0[1]}".format)
@pytest.mark.parametrize("text", SEE_DOCTOR_SAMPLE)
def test_see_doctor_signs_get_their_advice_from_every_state_after_screening(
    flow: str, state: str, text: str
) -> None:
    conversation = conversation_at(flow, state)
    run_turn(conversation, text=text)
    assert any(m.alert == Alert.SEE_DOCTOR for m in conversation.out)
    assert conversation.ctx.safety.hold in (Alert.SEE_DOCTOR, Alert.EMERGENCY)
    assert not any(m.exercise for m in conversation.out)


@pytest.mark.parametrize(("flow", "state"), RESTING_STATES, ids="{0[0]}.{0[1]}".format)
def test_a_no_to_the_safety_question_returns_to_the_same_question(flow: str, state: str) -> None:
    conversation = conversation_at(flow, state)
    session = conversation.ctx.session
    run_turn(conversation, text="it feels a bit weird down there")
    assert (conversation.flow, conversation.state) == ("safety", "confirm")
    conversation.out.clear()
    run_turn(conversation, text="no")
    if (flow, state) == ("safety", "confirm"):
        return  # asked with nothing to return to: the menu
    assert (conversation.flow, conversation.state) == (flow, state)
    assert conversation.ctx.session == session
    assert conversation.ctx.safety.hold is None


@pytest.mark.parametrize(("flow", "state"), RESTING_STATES, ids="{0[0]}.{0[1]}".format)
def test_negation_does_not_trigger_from_any_state(flow: str, state: str) -> None:
    conversation = conversation_at(flow, state)
    run_turn(conversation, text="no bladder or bowel problems")
    assert not any(m.alert == Alert.EMERGENCY for m in conversation.out)


def test_every_state_is_covered() -> None:
    assert len(RESTING_STATES) >= 25
    assert {f for f, _ in RESTING_STATES} == set(MACHINES)


@pytest.mark.parametrize(("flow", "state"), RESTING_STATES, ids="{0[0]}.{0[1]}".format)
def test_every_question_can_be_asked_again(flow: str, state: str) -> None:
    conversation = conversation_at(flow, state)
    run_turn(conversation, text="\u2603 what")
    assert conversation.out
    step = current_step(conversation)
    if choices_of(conversation, step):
        assert conversation.out[-1].choices


_CHOICE_IDS = sorted(
    {c.id for flow, state in RESTING_STATES
     for c in choices_of(conversation_at(flow, state), MACHINES[flow].flow.step(state))}
    | set(NAMES)
)
_STATES = st.sampled_from([*RESTING_STATES, ("onboarding", NEW)])


@settings(max_examples=300, deadline=None)
@given(position=_STATES, text=st.text(max_size=300))
def test_any_text_in_any_state_gets_a_reply(position: tuple[str, str], text: str) -> None:
    conversation = conversation_at(*position)
    run_turn(conversation, text=text)
    assert conversation.out


@settings(max_examples=300, deadline=None)
@given(
    position=_STATES,
    choice=st.one_of(st.sampled_from(_CHOICE_IDS), st.text(max_size=80)),
    token=st.one_of(st.none(), st.just("7"), st.text(max_size=10)),
)
def test_any_button_in_any_state_gets_a_reply(position: tuple[str, str], choice: str,
                                              token: str | None) -> None:
    conversation = conversation_at(*position)
    run_turn(conversation, choice=choice, reply_token=token)
    assert conversation.out


@settings(max_examples=200, deadline=None)
@given(position=_STATES, held=st.sampled_from([None, Alert.SEE_DOCTOR, Alert.EMERGENCY]),
       inputs=st.lists(
    st.one_of(st.text(max_size=40), st.sampled_from(["yes", "no", "1", "2", "3", "done", "7",
                                                     "menu", "checkin", "help", "/checkin"])),
    max_size=25,
))
def test_exercises_never_shown_while_a_safety_pause_is_active(
    position: tuple[str, str], held: Alert | None, inputs: list[str]
) -> None:
    conversation = conversation_at(*position)
    conversation.ctx.safety.hold = held
    for text in inputs:
        held = conversation.ctx.safety.hold is not None
        conversation.out.clear()
        run_turn(conversation, text=text)
        if held and conversation.ctx.safety.hold is not None:
            assert not any(m.exercise for m in conversation.out)
        session = conversation.ctx.session
        if session is not None:
            assert 0 <= session.pain_before <= 10


@pytest.mark.parametrize(("flow", "state"), RESTING_STATES, ids="{0[0]}.{0[1]}".format)
def test_an_edit_is_read_for_safety_only(flow: str, state: str) -> None:
    conversation = conversation_at(flow, state)
    run_turn(conversation, text="yes", edited=True)
    assert (conversation.flow, conversation.state) == (flow, state)
    assert "edited an earlier message" in conversation.out[0].text
    emergency = conversation_at(flow, state)
    run_turn(emergency, text="my groin is numb", edited=True)
    assert emergency.out[0].alert == Alert.EMERGENCY
