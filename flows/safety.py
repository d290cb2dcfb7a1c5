"""The safety pause: after an alert, nothing but the way out of it.

The pause lasts until the person confirms a clinician examined them
(PROTOCOL.md section 1). Other flows are kept out by their gates.

Lifting takes a deliberate answer to the pause's own question: a press of
its button (a stale button is turned away before it gets here) or words
such as "I've been examined", and never a second copy of the message that
raised the alert or an answer within a minute of it (a double submit, a
queue replayed after an outage). A press that carries no reply token (the
scripted chat's ``choice``) is held to the same two rules as typed text.

``confirm`` is the safety question for a red flag free text only pointed
at (:mod:`flows.red_flags`): yes raises its alert, a clear no returns the
person to the question they were on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from core.messages import Alert, Choice, OutgoingMessage
from flows import answer_words, red_flags, texts
from flows.alerts import clear_hold, fingerprint
from flows.conversation import Conversation
from flows.spec import Answer, Flow, Go, Step, Unreadable

T = texts.safety

EXAMINED = Choice("examined", T.EXAMINED)
#: No answer within this time of the alert lifts the pause: nobody is examined that fast.
LIFT_NOT_BEFORE = timedelta(minutes=1)


def lift(conversation: Conversation, _: Any) -> None:
    """Lift the pause."""
    clear_hold(conversation)


def why_kept(conversation: Conversation) -> str | None:
    """Why this answer does not lift the pause, in words for the person; ``None`` if it does."""
    safety = conversation.ctx.safety
    if safety.since is not None and conversation.now - safety.since < LIFT_NOT_BEFORE:
        return T.KEPT_TOO_SOON_EMERGENCY if safety.hold == Alert.EMERGENCY else T.KEPT_TOO_SOON
    if safety.raised_by is not None and fingerprint(conversation.heard) == safety.raised_by:
        return T.KEPT_REPEAT
    return None


def deliberate(conversation: Conversation, _: Any) -> bool:
    """The answer may lift the pause: not a repeat of its cause, not within a minute of it."""
    return why_kept(conversation) is None


def keep_hold(conversation: Conversation, _: Any) -> None:
    """Say kindly why the pause stays; the button comes with it."""
    conversation.say(why_kept(conversation) or T.HELD)


def waiting_message(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """An emergency is repeated as one; other levels get a calm reminder."""
    if conversation.ctx.safety.hold == Alert.EMERGENCY:
        return [T.WAITING_EMERGENCY]
    return [T.WAITING]


def read_hold_answer(_: str) -> Answer | Unreadable | None:
    """Anything that is not about the examination: say what would lift the pause."""
    return Unreadable(T.HOLD_HINT)


_LIFT = Go.to_flow("menu", when=deliberate, do=(lift,))

SAFETY = Flow(
    name="safety",
    title="Safety pause",
    steps=(
        # Right after an alert: the button rides on the alert message itself.
        Step(
            "alerted",
            choices=(EXAMINED,),
            read=read_hold_answer,
            phrases=answer_words.EXAMINED,
            on={"examined": (_LIFT, Go("alerted", do=(keep_hold,)))},
        ),
        Step(
            "held",
            say=T.HELD,
            choices=(EXAMINED, Choice("not_yet", T.NOT_YET)),
            read=read_hold_answer,
            phrases=answer_words.HELD,
            on={"examined": (_LIFT, Go("held", do=(keep_hold,))), "not_yet": Go("waiting")},
        ),
        Step(
            "waiting",
            say=waiting_message,
            choices=(EXAMINED,),
            read=read_hold_answer,
            phrases=answer_words.EXAMINED,
            on={"examined": (_LIFT, Go("alerted", do=(keep_hold,)))},
        ),
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
