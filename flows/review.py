"""The six-week review: from day 42, at a check-in or on request (PROTOCOL.md section 3).

Asked for earlier, it shows progress so far and the review's date and
applies no rule: no advice to see a doctor, no pause, nothing recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.messages import Alert, Choice, OutgoingMessage
from flows import answer_words, programme, texts
from flows.alerts import raise_alert
from flows.conversation import Conversation
from flows.dates_in_words import day_in_words
from flows.records import ReviewDone
from flows.spec import NEXT, Flow, Gate, Go, Step

T = texts.review


def _outcome(conversation: Conversation) -> programme.ReviewOutcome:
    outcome = programme.review(conversation.ctx.programme)
    if outcome is None:
        raise LookupError("nothing to review yet")
    return outcome


def no_data(conversation: Conversation, _: Any) -> bool:
    """No check-in yet, so nothing to compare."""
    return programme.review(conversation.ctx.programme) is None


def before_review_day(conversation: Conversation, _: Any) -> bool:
    """Asked for before day 42: progress so far, and no rule applied (PROTOCOL.md section 3)."""
    return programme.before_review_day(conversation.ctx.programme, conversation.today)


def so_far_message(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """Progress so far and the date of the six-week review."""
    prog = conversation.ctx.programme
    outcome = _outcome(conversation)
    recent = prog.recent_pains[-3:]
    on = programme.review_date(prog)
    when = (T.REVIEW_AFTER_FIRST_SESSION if on is None else T.REVIEW_ON.format(
        date=day_in_words(on, conversation.today),
        day=programme.programme_day(prog, conversation.today)))
    if prog.checkins <= 1:
        so_far = T.SO_FAR_FIRST.format(start=outcome.baseline)
    else:
        so_far = T.SO_FAR.format(start=outcome.baseline, recent=_fmt(outcome.recent_average),
                                 count=len(recent), scores=", ".join(str(p) for p in recent))
    return [f"{when}\n\n{so_far}"]


def is_better(conversation: Conversation, _: Any) -> bool:
    """At least two points better than at the start."""
    return _outcome(conversation).better


def record_review(conversation: Conversation, _: Any) -> None:
    """Store the review; after a good one the tensioner phase turns to maintenance.

    A good review of someone not yet in the tensioner phase (still on the
    slider at day 42 after flare-ups) leaves the floss progression alone:
    maintenance means the tensioner floss, and jumping to it would skip the
    slider sessions a flare-up calls for (PROTOCOL.md section 3).
    """
    outcome = _outcome(conversation)
    prog = conversation.ctx.programme
    prog.review_on = conversation.today
    prog.review_result = "better" if outcome.better else "not_better"
    if outcome.better and prog.phase == "tensioner":
        prog.phase = "maintenance"
    conversation.record(ReviewDone(
        conversation.now, prog.review_result, outcome.baseline, outcome.recent_average
    ))


def advise_review(conversation: Conversation, _: Any) -> None:
    """Not clearly better: recommend a medical review."""
    outcome = _outcome(conversation)
    raise_alert(
        conversation,
        Alert.SEE_DOCTOR,
        "review",
        T.NOT_BETTER.format(start=outcome.baseline, recent=_fmt(outcome.recent_average)),
    )


def better_message(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """Congratulations and the advice on lasting relief."""
    outcome = _outcome(conversation)
    headline = T.STAYED_LOW if outcome.stayed_low else T.BETTER
    return [headline.format(start=outcome.baseline, recent=_fmt(outcome.recent_average))
            + "\n\n" + T.LASTING_RELIEF]


def _fmt(value: float) -> str:
    return f"{value:g}"


REVIEW = Flow(
    name="review",
    title="Six-week review",
    gate=Gate(setup_done=True, screened=True, no_safety_hold=True),
    steps=(
        Step(
            "begin",
            auto=True,
            on={
                NEXT: (
                    Go("too_early", when=no_data),
                    Go("so_far", when=before_review_day),
                    Go("better", when=is_better, do=(record_review,)),
                    Go.to_flow("safety", "alerted", do=(record_review, advise_review)),
                )
            },
        ),
        Step(
            "too_early",
            say=T.NOT_ENOUGH,
            choices=(Choice("checkin", texts.menu.CHECKIN), Choice("menu", "Menu")),
        ),
        Step(
            "so_far",
            say=so_far_message,
            choices=(Choice("checkin", texts.menu.CHECKIN), Choice("menu", "Menu")),
        ),
        Step(
            "better",
            say=better_message,
            choices=(Choice("keep_going", T.KEEP_GOING),),
            phrases=answer_words.REVIEW_BETTER,
            on={"keep_going": Go.to_flow("menu")},
        ),
    ),
)
