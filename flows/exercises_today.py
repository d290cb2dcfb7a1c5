"""/exercises: today's exercises, only once today's safety question is answered.

No exercise is shown before the cauda equina questions of the day
(PROTOCOL.md sections 1 and 4): asked for when they have not been answered
today (at set-up, in a check-in or here), /exercises asks the daily question
first, read the same careful way as in the check-in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.messages import OutgoingMessage
from flows import checkin, texts, views
from flows.alerts import raise_emergency
from flows.conversation import Conversation
from flows.records import ScreeningAnswered
from flows.spec import NEXT, Flow, Gate, Go, Step, yes_no


def checked_today(conversation: Conversation, _: Any = None) -> bool:
    """The daily safety question has been answered no today."""
    return conversation.ctx.safety.checked_on == conversation.today


def record_no(conversation: Conversation, _: Any) -> None:
    """Answered no: remember it for the rest of the day."""
    conversation.record(ScreeningAnswered(conversation.now, "exercises_cauda_equina", "no"))
    conversation.ctx.safety.checked_on = conversation.today


def emergency(conversation: Conversation, _: Any) -> None:
    """Answered yes: the emergency reply instead of the exercises."""
    conversation.record(ScreeningAnswered(conversation.now, "exercises_cauda_equina", "yes"))
    raise_emergency(conversation, source="exercises")


def show(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """Today's exercises, each with its dose."""
    return views.exercises(conversation)


EXERCISES = Flow(
    name="exercises",
    title="Today's exercises",
    gate=Gate(setup_done=True, screened=True, no_safety_hold=True),
    steps=(
        Step("begin", auto=True, on={NEXT: (Go("show", when=checked_today), Go("safety_check"))}),
        Step(
            "safety_check",
            say=checkin.cauda_equina_question,
            choices=yes_no(),
            read=checkin.read_cauda_equina,
            hint=texts.checkin.CAUDA_EQUINA_HINT,
            on={
                "yes": Go.to_flow("safety", "alerted", do=(emergency,)),
                "no": Go("show", do=(record_no,)),
            },
        ),
        Step("show", say=show, auto=True, on={NEXT: Go.to_flow("menu")}),
    ),
)
