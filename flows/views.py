"""Read-only answers: progress, today's exercises."""

from __future__ import annotations

from core.messages import Attachment, Exercise, OutgoingMessage
from flows import programme, texts
from flows.conversation import Conversation


def progress(conversation: Conversation) -> list[OutgoingMessage]:
    """Streak, phase and pain scores in a few lines, with the chart made at send time."""
    prog = conversation.ctx.programme
    if prog.checkins == 0:
        return [OutgoingMessage(texts.menu.PROGRESS_NONE)]
    text = texts.menu.PROGRESS_SUMMARY.format(
        sessions=prog.checkins,
        streak=prog.streak,
        s="" if prog.streak == 1 else "s",
        day=programme.programme_day(prog, conversation.today),
        phase=texts.menu.PHASES[prog.phase],
        start=prog.baseline_pain,
        recent=", ".join(str(p) for p in prog.recent_pains),
    )
    return [OutgoingMessage(text, attachment=Attachment.PROGRESS_CHART)]


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
