"""The safety pause: after an alert, nothing but the way out of it.

The pause lasts until the person confirms a clinician examined them
(PROTOCOL.md section 1). Other flows are kept out by their gates.

``confirm`` is the safety question for a red flag free text only pointed
at (:mod:`flows.red_flags`): yes raises its alert, a clear no returns the
person to the question they were on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.messages import Alert, Choice, OutgoingMessage
from flows import red_flags, texts
from flows.alerts import clear_hold
from flows.conversation import Conversation
from flows.spec import Flow, Go, Step

T = texts.safety

EXAMINED = Choice("examined", T.EXAMINED)


def lift(conversation: Conversation, _: Any) -> None:
    """Lift the pause."""
    clear_hold(conversation)


def waiting_message(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """An emergency is repeated as one; other levels get a calm reminder."""
    if conversation.ctx.safety.hold == Alert.EMERGENCY:
        return [T.WAITING_EMERGENCY]
    return [T.WAITING]


_LIFT = Go.to_flow("menu", do=(lift,))

SAFETY = Flow(
    name="safety",
    title="Safety pause",
    steps=(
        # Right after an alert: the button rides on the alert message itself.
        Step("alerted", choices=(EXAMINED,), on={"examined": _LIFT}),
        Step(
            "held",
            say=T.HELD,
            choices=(EXAMINED, Choice("not_yet", T.NOT_YET)),
            on={"examined": _LIFT, "not_yet": Go("waiting")},
        ),
        Step("waiting", say=waiting_message, choices=(EXAMINED,), on={"examined": _LIFT}),
        Step(
            "confirm",
            say=red_flags.question_message,
            choices=(Choice("yes", T.CONFIRM_YES), Choice("no", T.CONFIRM_NO)),
            read=red_flags.read_answer,
            on={
                "yes": (
                    Go.to_flow(red_flags.RESUME, when=red_flags.only_noted,
                               do=(red_flags.noted_and_back,)),
                    Go("alerted", do=(red_flags.confirmed,)),
                ),
                "no": Go.to_flow(red_flags.RESUME, do=(red_flags.declined,)),
            },
        ),
    ),
)
