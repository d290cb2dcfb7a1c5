"""Read-only answers: progress, today's exercises."""

from __future__ import annotations

from core.messages import Attachment, Exercise, OutgoingMessage
from flows import measures, programme, texts
from flows.context import Outcomes
from flows.conversation import Conversation

OUT = texts.outcomes


def progress(conversation: Conversation) -> list[OutgoingMessage]:
    """Streak, phase and pain scores in a few lines, with the chart made at send time."""
    prog = conversation.ctx.programme
    if prog.checkins == 0:
        return [OutgoingMessage(texts.menu.PROGRESS_NONE)]
    text = texts.menu.PROGRESS.format(
        sessions=prog.checkins,
        streak=prog.streak,
        s="" if prog.streak == 1 else "s",
        day=programme.programme_day(prog, conversation.today),
        phase=texts.menu.PHASES[prog.phase],
        start=prog.baseline_pain,
        recent=", ".join(str(p) for p in prog.recent_pains),
    )
    lines = outcome_lines(conversation.ctx.outcomes)
    if lines:
        text = "\n\n".join([text, *lines])
    return [OutgoingMessage(text, attachment=Attachment.PROGRESS_CHART)]


def _g(value: float) -> str:
    return f"{value:g}"


def outcome_lines(outcomes: Outcomes) -> list[str]:
    """Where the pain reaches, the activities, PEG, back pain and the global change, if given.

    Each a paragraph of its own; a measure never answered is left out.
    """
    lines: list[str] = []
    latest = measures.latest_reach(outcomes)
    if outcomes.first_reach is not None and latest is not None and len(outcomes.reach_days) == 1:
        lines.append(OUT.PROGRESS_REACH_ONCE.format(now=OUT.REACH_WORDS[measures.REACHES[latest]]))
    elif outcomes.first_reach is not None and latest is not None:
        lines.append(OUT.PROGRESS_REACH.format(
            first=OUT.REACH_WORDS[measures.REACHES[outcomes.first_reach]],
            now=OUT.REACH_WORDS[measures.REACHES[latest]]))
    rated = []
    for slot, activity in enumerate(outcomes.activities, 1):
        key = measures.psfs_item(slot)
        if key not in outcomes.first:
            continue
        first = outcomes.first[key]
        now = outcomes.latest.get(key, first)
        rated.append(OUT.PROGRESS_ACTIVITY.format(activity=activity, first=_g(first), now=_g(now)))
    if rated:
        lines.append("\n".join([OUT.PROGRESS_ACTIVITIES, *rated]))
    for key, template in ((measures.PEG, OUT.PROGRESS_PEG),
                          (measures.BACK_PAIN, OUT.PROGRESS_BACK)):
        if key in outcomes.first:
            first = outcomes.first[key]
            lines.append(template.format(first=_g(first),
                                         now=_g(outcomes.latest.get(key, first))))
    if outcomes.global_change is not None:
        change = OUT.GLOBAL_CHANGE_LABELS[outcomes.global_change].lower()
        lines.append(OUT.PROGRESS_CHANGE.format(change=change))
    return lines


def exercises(conversation: Conversation) -> list[OutgoingMessage]:
    """Today's exercises, each in its own tagged message, without starting a session."""
    prog = conversation.ctx.programme
    plan = programme.plan_floss(prog, conversation.today)
    primary = prog.primary or Exercise.PRESSUP_EXTENSION
    queue = programme.session_queue(primary, plan.floss)
    notes: list[OutgoingMessage] = []
    if measures.primary_stopped(conversation.ctx.outcomes, conversation.today):
        queue = [e for e in queue if e != primary]
        name = OUT.PRIMARY_NAMES[primary.value]
        notes.append(OutgoingMessage(OUT.PRIMARY_STOPPED.format(exercise=name)))
    messages = [
        OutgoingMessage(
            f"{texts.exercises.NAMES[e]}\n{texts.exercises.HOW[e]}", exercise=e
        )
        for e in queue
    ]
    return [*notes, *messages, OutgoingMessage(texts.menu.EXERCISES_READY)]
