"""The safety pause: after an alert, nothing but the way out of it.

The pause lasts until the person confirms a clinician examined them
(PROTOCOL.md section 1). Other flows are kept out by their gates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.messages import Alert, Choice, OutgoingMessage
from flows import texts
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
    ),
)
