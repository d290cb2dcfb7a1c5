"""The outcome questions (PROTOCOL.md section 5): set-up, weekly and at six weeks.

Every question can be skipped. At set-up: up to three activities the person
wants to get back to, in their own words, each rated 0-10 (the
Patient-Specific Functional Scale).
Once a week, at the end of a check-in: PEG, back pain and the activities
again. At the six-week review: the activities and the global change, before
the review decides. Each answer is an :class:`~flows.records.OutcomeScored`
record stored with the turn; :mod:`flows.measures` keeps the running summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.messages import Choice, OutgoingMessage
from flows import measures, texts
from flows.conversation import Conversation
from flows.outcomes_reading import read_activity, read_global_change, read_score
from flows.records import ActivityNamed, OutcomeScored
from flows.spec import ANSWER, NEXT, Flow, Gate, Go, Step

T = texts.outcomes


# --- naming the activities at set-up --------------------------------------------------


def activities_wanted(conversation: Conversation, _: Any = None) -> bool:
    """Set-up asks for the activities while none are named (a restart asks again)."""
    return not conversation.ctx.outcomes.activities


def activity_prompt(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """The first activity, or another one."""
    return [T.ACTIVITY_ANOTHER if conversation.ctx.outcomes.activities else T.ACTIVITY_FIRST]


def activity_choices(conversation: Conversation) -> tuple[Choice, ...]:
    """Skip before the first one is named, That's all after."""
    label = T.ACTIVITY_ENOUGH if conversation.ctx.outcomes.activities else T.ACTIVITY_SKIP
    return (Choice("no_more", label),)


def name_activity(conversation: Conversation, name: str) -> None:
    """Keep the activity in the person's words, as a record and in the running summary."""
    activities = conversation.ctx.outcomes.activities
    activities.append(name)
    conversation.record(ActivityNamed(conversation.now, len(activities), name))


def _last_activity(conversation: Conversation) -> str:
    activities = conversation.ctx.outcomes.activities
    if not activities:
        raise LookupError("no activity named yet")
    return activities[-1]


def activity_score_prompt(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """How well the activity just named goes now."""
    return [T.PSFS.format(activity=_last_activity(conversation))]


def rate_activity(conversation: Conversation, score: int) -> None:
    """The set-up rating of the activity just named."""
    outcomes = conversation.ctx.outcomes
    slot = len(outcomes.activities)
    _last_activity(conversation)
    measures.note_activity_rating(outcomes, conversation.today, slot, score)
    conversation.record(OutcomeScored(conversation.now, conversation.today, "psfs", str(slot),
                                      score, "setup"))


def room_for_more(conversation: Conversation, _: Any) -> bool:
    """Fewer than three activities named."""
    return len(conversation.ctx.outcomes.activities) < measures.MAX_ACTIVITIES


# --- the weekly questions and the review's ---------------------------------------------


def weekly_due(conversation: Conversation, _: Any = None) -> bool:
    """A week since the last round of questions (the first check-in sets the start)."""
    return measures.round_due(conversation.ctx.outcomes, conversation.today)


def begin_weekly(conversation: Conversation, _: Any) -> None:
    """Start this week's questions (they count as asked, whatever is skipped)."""
    measures.begin_round(conversation.ctx.outcomes, conversation.today, "weekly")


def begin_review(conversation: Conversation, _: Any) -> None:
    """The six-week review's questions begin (the global change is the latest review's)."""
    conversation.ctx.outcomes.global_change = None
    measures.begin_round(conversation.ctx.outcomes, conversation.today, "review")


def _item(conversation: Conversation) -> str:
    item = measures.current_item(conversation.ctx.outcomes)
    if item is None:
        raise LookupError("no outcome question in progress")
    return item


def _intro(conversation: Conversation) -> list[str]:
    current = conversation.ctx.outcomes.round
    if current is None or current.index != 0:
        return []
    count = len(current.items)
    if current.purpose == "review":
        return [T.REVIEW_INTRO.format(count=count, s="" if count == 1 else "s")]
    return [(T.FIRST_WEEK_INTRO if current.first else T.WEEKLY_INTRO).format(count=count)]


_QUESTIONS = {
    "peg_pain": T.PEG_PAIN,
    "peg_enjoyment": T.PEG_ENJOYMENT,
    "peg_activity": T.PEG_ACTIVITY,
    measures.BACK_PAIN: T.BACK_PAIN,
}


def score_prompt(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """The round's current 0-10 question (after the round's opening line)."""
    item = _item(conversation)
    slot = measures.psfs_slot(item)
    if slot is not None:
        activities = conversation.ctx.outcomes.activities
        activity = activities[slot - 1] if slot <= len(activities) else "that activity"
        question = T.PSFS.format(activity=activity)
    else:
        question = _QUESTIONS[item]
    return [*_intro(conversation), question]


def change_prompt(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """The global change (after the round's opening line, if it is the only question)."""
    return [*_intro(conversation), T.GLOBAL_CHANGE]


def _occasion(conversation: Conversation) -> str:
    current = conversation.ctx.outcomes.round
    return current.purpose if current is not None else "weekly"


def record_score(conversation: Conversation, score: int) -> None:
    """Store the answer to the current question and move on."""
    item = _item(conversation)
    outcomes = conversation.ctx.outcomes
    measure, stored_item = measures.stored_as(item)
    conversation.record(OutcomeScored(conversation.now, conversation.today, measure,
                                      stored_item, score, _occasion(conversation)))
    measures.note_score(outcomes, conversation.today, item, score)
    measures.next_item(outcomes)


def skip_item(conversation: Conversation, _: Any) -> None:
    """Skipped: nothing stored, on to the next question."""
    measures.next_item(conversation.ctx.outcomes)


def record_change(conversation: Conversation, answer: str) -> None:
    """The global change: stored as its 1-7 score, kept for /progress."""
    outcomes = conversation.ctx.outcomes
    conversation.record(OutcomeScored(conversation.now, conversation.today, measures.PGIC, "",
                                      measures.change_score(answer), _occasion(conversation)))
    outcomes.global_change = answer
    measures.next_item(outcomes)


def score_next(conversation: Conversation, _: Any) -> bool:
    """The next question is a 0-10 one."""
    item = measures.current_item(conversation.ctx.outcomes)
    return item is not None and item != measures.PGIC


def change_next(conversation: Conversation, _: Any) -> bool:
    """The next question is the global change."""
    return measures.current_item(conversation.ctx.outcomes) == measures.PGIC


def for_review(conversation: Conversation, _: Any) -> bool:
    """The questions were the review's: it decides next."""
    current = conversation.ctx.outcomes.round
    return current is not None and current.purpose == "review"


def finish_round(conversation: Conversation, _: Any) -> None:
    """All questions asked: thank the person (the review goes on to decide)."""
    ended = measures.end_round(conversation.ctx.outcomes)
    if ended is not None and ended.purpose == "weekly":
        conversation.say(T.WEEKLY_DONE)


def skip_rest(conversation: Conversation, _: Any) -> None:
    """The rest skipped: this week's questions come again in a week; a review still decides."""
    outcomes = conversation.ctx.outcomes
    current = outcomes.round
    if current is not None and current.purpose == "review":
        current.index = len(current.items)
        return
    measures.end_round(outcomes)
    conversation.say(T.WEEKLY_LATER)


_SCORE_CHOICES = (Choice("skip", T.SKIP), Choice("skip_rest", T.SKIP_REST))
_CHANGE_CHOICES = (
    *(Choice(answer, T.GLOBAL_CHANGE_LABELS[answer]) for answer in measures.GLOBAL_CHANGES),
    Choice("skip", T.SKIP),
)

OUTCOMES = Flow(
    name="outcomes",
    title="Outcome questions",
    gate=Gate(setup_done=True, screened=True, no_safety_hold=True),
    steps=(
        Step(
            "activity",
            say=activity_prompt,
            choices=activity_choices,
            read=read_activity,
            hint=T.ACTIVITY_HINT,
            on={
                ANSWER: Go("activity_score", do=(name_activity,)),
                "no_more": Go.to_flow("screening", "clear"),
            },
        ),
        Step(
            "activity_score",
            say=activity_score_prompt,
            choices=(Choice("skip", T.SKIP),),
            read=read_score,
            hint=T.SCORE_HINT,
            numeric=True,
            on={
                ANSWER: (Go("activity", when=room_for_more, do=(rate_activity,)),
                         Go.to_flow("screening", "clear", do=(rate_activity,))),
                "skip": (Go("activity", when=room_for_more),
                         Go.to_flow("screening", "clear")),
            },
        ),
        Step(
            "ask",
            auto=True,
            on={NEXT: (
                Go("score", when=score_next),
                Go("global_change", when=change_next),
                Go.to_flow("review", "verdict", when=for_review, do=(finish_round,)),
                Go.to_flow("menu", do=(finish_round,)),
            )},
        ),
        Step(
            "score",
            say=score_prompt,
            choices=_SCORE_CHOICES,
            read=read_score,
            hint=T.SCORE_HINT,
            numeric=True,
            on={
                ANSWER: Go("ask", do=(record_score,)),
                "skip": Go("ask", do=(skip_item,)),
                "skip_rest": Go("ask", do=(skip_rest,)),
            },
        ),
        Step(
            "global_change",
            say=change_prompt,
            choices=_CHANGE_CHOICES,
            read=read_global_change,
            hint=T.GLOBAL_CHANGE_HINT,
            on={
                **{answer: Go("ask", do=(record_change,)) for answer in measures.GLOBAL_CHANGES},
                "skip": Go("ask", do=(skip_item,)),
            },
        ),
    ),
)
