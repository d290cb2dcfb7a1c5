"""Read-only answers: progress, today's exercises."""

from __future__ import annotations

from core.messages import Attachment, Exercise, OutgoingMessage
from flows import programme, texts
from flows.conversation import Conversation


def progress(conversation: Conversation) -> list[OutgoingMessage]:
    """Streak, phase and pain before and after, a line each, with the chart made at send time.

    One line per measure, so a later measure is one more line here.
    """
    prog = conversation.ctx.programme
    if prog.checkins == 0:
        return [OutgoingMessage(texts.menu.PROGRESS_NONE)]
    T = texts.menu
    today = conversation.today
    streak = programme.current_streak(prog, today)
    if streak or prog.last_checkin is None:
        counts = T.PROGRESS_CHECKINS.format(checkins=prog.checkins, streak=streak,
                                            s="" if streak == 1 else "s")
    else:
        ago = T.DAYS_AGO.format(days=(today - prog.last_checkin).days)
        counts = T.PROGRESS_CHECKINS_LAPSED.format(checkins=prog.checkins, ago=ago)
    recent = "; ".join(
        T.PROGRESS_PAIR.format(before=before, after=after) if after is not None
        else T.PROGRESS_BEFORE_ONLY.format(before=before)
        for before, after in programme.recent_checkins(prog)
    )
    lines = [
        T.PROGRESS_HEADING,
        counts,
        T.PROGRESS_DAY.format(day=programme.programme_day(prog, today),
                              phase=T.PHASES[prog.phase]),
        T.PROGRESS_START.format(start=prog.baseline_pain),
        T.PROGRESS_RECENT.format(recent=recent),
    ]
    return [OutgoingMessage("\n".join(lines), attachment=Attachment.PROGRESS_CHART)]


def exercises(conversation: Conversation) -> list[OutgoingMessage]:
    """Today's exercises, each in its own tagged message, without starting a session."""
    prog = conversation.ctx.programme
    plan = programme.plan_floss(prog, conversation.today)
    queue = programme.session_queue(prog.primary or Exercise.PRESSUP_EXTENSION, plan.floss)
    messages = [
        OutgoingMessage(
            f"{texts.exercises.NAMES[e]}\n{texts.exercises.HOW[e]}", exercise=e
        )
        for e in queue
    ]
    return [*messages, OutgoingMessage(texts.menu.EXERCISES_READY)]
