"""The menu, where a conversation rests between flows, and the restart question.

Menu buttons carry the names of global intents, so a button and a typed
command take exactly the same path (see :mod:`flows.intents`).
"""

from __future__ import annotations

from typing import Any

from core.messages import Choice
from flows import answer_words, texts
from flows.conversation import Conversation
from flows.spec import Flow, Gate, Go, Step

T = texts.menu

MENU_CHOICES = (
    Choice("checkin", T.CHECKIN),
    Choice("tips", T.TIPS),
    Choice("progress", T.PROGRESS),
    Choice("exercises", T.EXERCISES),
    Choice("reminders", T.REMINDERS),
    Choice("help", T.HELP),
)

MENU = Flow(
    name="menu",
    title="Menu",
    gate=Gate(setup_done=True, screened=True),
    steps=(Step("idle", say=T.MENU, choices=MENU_CHOICES),),
)


def start_over(conversation: Conversation, _: Any) -> None:
    """Forget setup and screening (not the history) so both run again."""
    ctx = conversation.ctx
    ctx.setup_done = False
    ctx.screening = type(ctx.screening)()


RESTART = Flow(
    name="restart",
    title="Restart",
    steps=(
        Step(
            "confirm",
            say=T.RESTART_CONFIRM,
            choices=(Choice("yes", T.RESTART_YES), Choice("no", T.RESTART_NO)),
            phrases=answer_words.RESTART,
            on={
                "yes": Go.to_flow("onboarding", do=(start_over,)),
                "no": Go.to_flow("menu"),
            },
        ),
    ),
)
