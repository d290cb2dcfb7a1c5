"""Read-only answers: progress, today's exercises."""

from __future__ import annotations

from core.messages import Attachment, Exercise, OutgoingMessage
from flows import measures, programme, texts
from flows.context import Outcomes
from flows.conversation import Conversation

OUT = texts.outcomes


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
        *outcome_lines(conversation.ctx.outcomes),
    ]
    return [OutgoingMessage("\n".join(lines), attachment=Attachment.PROGRESS_CHART)]


def _g(value: float) -> str:
    return f"{value:g}"


def outcome_lines(outcomes: Outcomes) -> list[str]:
    """Where the pain reaches, the activities, PEG, back pain and the global change, if given.

    A line each (the activities a line each under their heading); a measure
    never answered is left out.
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
