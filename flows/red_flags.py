"""What the bot does with a red flag typed in free text, in any state.

The safety reader (:mod:`flows.symptoms`) says what a message reports; this
module decides the reply, through :mod:`flows.alerts` like every other path:

* a clear cauda equina symptom: the emergency reply, at once, in any state;
* a clear see-a-doctor or surgical-review sign after screening: that level's
  advice and pause (PROTOCOL.md section 1); before screening has finished,
  the sign is noted and screening's own advice names it at the end, so the
  cauda equina questions are never skipped (docs/clinical-decisions.md);
* both legs giving way: the see-a-doctor advice (same day) and then the
  cauda equina question, since bilateral leg weakness can be its first sign;
* a possible red flag: one yes/no question that names it (the safety flow's
  ``confirm`` step); yes raises its alert, a clear no returns the person to
  the question they were on.

:mod:`flows.turn` moves the conversation; the functions here only raise,
note, record and say.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.messages import Alert, OutgoingMessage
from flows import texts
from flows.alerts import raise_alert, raise_emergency
from flows.context import Asking
from flows.conversation import Conversation
from flows.records import ScreeningAnswered
from flows.spec import Answer, Unreadable
from flows.symptoms import Concern
from flows.yes_no import read_yes_no

T = texts.safety

#: Pseudo-flow a safety question returns to: wherever the person was.
RESUME = "previous_question"
#: See-a-doctor signs that should be checked the same day.
SAME_DAY = frozenset({Concern.BOTH_LEGS, Concern.LEGS_GIVING_WAY})


def screened(conversation: Conversation) -> bool:
    """Screening has finished: volunteered signs get their advice at once."""
    return conversation.ctx.screening.completed_at is not None


def raise_signs(conversation: Conversation, concerns: Sequence[Concern], source: str) -> None:
    """The advice for each level among ``concerns`` (emergency first), and its pause."""
    levels = {c.level for c in concerns}
    if Alert.EMERGENCY in levels:
        raise_emergency(conversation, source=source)
    doctor = [c for c in concerns if c.level is Alert.SEE_DOCTOR]
    if doctor:
        when = T.SEE_DOCTOR_TODAY if SAME_DAY & set(doctor) else ""
        raise_alert(conversation, Alert.SEE_DOCTOR, source, T.SEE_DOCTOR.format(
            reasons=_listed([T.REASONS[c.value] for c in doctor]), when=when))
    if Alert.SURGICAL_REVIEW in levels:
        raise_alert(conversation, Alert.SURGICAL_REVIEW, source, T.SURGICAL_REVIEW)


def _listed(reasons: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return reasons[0] if len(reasons) == 1 else ", ".join(reasons[:-1]) + " and " + reasons[-1]


def note_signs(conversation: Conversation, concerns: Sequence[Concern]) -> list[str]:
    """Remember see-a-doctor and surgical signs told before screening finished.

    Returns the screening flag names noted (screening's advice will name them).
    """
    flags = ["surgical" if c is Concern.SURGICAL else c.value for c in concerns
             if c.level is not Alert.EMERGENCY]
    safety = conversation.ctx.safety
    screening = conversation.ctx.screening
    for flag in flags:
        if flag not in safety.noted:
            safety.noted.append(flag)
        if flag == "surgical":
            screening.surgical = True
        elif flag not in screening.flags:
            screening.flags.append(flag)
    reasons = [T.REASONS[c.value] for c in concerns if c.level is not Alert.EMERGENCY]
    if reasons:
        conversation.say(T.NOTED.format(reason=_listed(reasons)))
    return flags


def start_question(conversation: Conversation, concern: Concern,
                   back_to: tuple[str, str] | None = None) -> None:
    """Remember what is asked and where to return; the caller moves to ``safety.confirm``.

    A question asked while another is waiting keeps the first one's place.
    """
    safety = conversation.ctx.safety
    flow, state = back_to or (conversation.flow, conversation.state)
    if (conversation.flow, conversation.state) == ("safety", "confirm"):
        flow, state = (safety.asking.flow, safety.asking.state) if safety.asking else ("menu", "")
    safety.asking = Asking(concern=concern.value, flow=flow, state=state)


def asked(conversation: Conversation) -> Concern:
    """The red flag the safety question is about."""
    asking = conversation.ctx.safety.asking
    return Concern(asking.concern) if asking is not None else Concern.CAUDA_EQUINA


def question_message(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """The safety question, naming the symptom in plain words."""
    return [T.QUESTIONS[asked(conversation).value]]


def read_answer(text: str) -> Answer | Unreadable | None:
    """Yes or no to the safety question, read by :func:`flows.yes_no.read_yes_no`.

    A hedged yes is yes, only a clear no is no; unsure or unclear is asked again
    with the buttons (never "Sorry, I didn't catch that").
    """
    return read_yes_no(text)


def _record(conversation: Conversation, answer: str) -> None:
    if conversation.ctx.consent:
        conversation.record(ScreeningAnswered(
            conversation.now, f"free_text_{asked(conversation).value}", answer))


def only_noted(conversation: Conversation, _: Any) -> bool:
    """A yes that screening will act on: a see-a-doctor sign before screening finished."""
    return asked(conversation).level is not Alert.EMERGENCY and not screened(conversation)


def confirmed(conversation: Conversation, _: Any) -> None:
    """Yes to the safety question: that red flag's alert and pause."""
    _record(conversation, "yes")
    concern = asked(conversation)
    conversation.ctx.safety.asking = None
    raise_signs(conversation, [concern], source="free_text_confirmed")


def noted_and_back(conversation: Conversation, _: Any) -> None:
    """Yes to a see-a-doctor question before screening finished: note it, carry on."""
    _record(conversation, "yes")
    note_signs(conversation, [asked(conversation)])


def declined(conversation: Conversation, _: Any) -> None:
    """A clear no: back to where the person was (:func:`resume_position`)."""
    _record(conversation, "no")
    conversation.say(T.CONFIRM_DECLINED)


def resume_position(conversation: Conversation) -> tuple[str, str]:
    """Where a safety question hands back to, forgetting the question."""
    safety = conversation.ctx.safety
    asking, safety.asking = safety.asking, None
    if asking is None:
        return "menu", ""
    return asking.flow, asking.state
