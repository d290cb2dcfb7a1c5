"""The daily check-in (PROTOCOL.md sections 2-4).

Pain now, the cauda equina question, tips when pain is high, today's
exercises one by one, pain after and the pain rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.messages import Choice, Exercise, OutgoingMessage
from flows import answer_words, programme, safety_words, texts
from flows.alerts import raise_emergency
from flows.context import Outcome, Session
from flows.conversation import Conversation
from flows.dates_in_words import day_in_words
from flows.pain_scores import CONFIRM, SAME, parse_pain
from flows.parsing import read_plain_yes_no
from flows.records import ScreeningAnswered, SessionFinished
from flows.session_words import session_words
from flows.spec import ANSWER, NEXT, Answer, Effect, Flow, Gate, Go, Step, Unreadable, yes_no
from flows.yes_no import safety_reader

T = texts.checkin
X = texts.exercises


def _session(conversation: Conversation) -> Session:
    session = conversation.ctx.session
    if session is None:
        raise LookupError("no check-in in progress")
    return session


def already_today(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """Mention that this is a second check-in today."""
    last = conversation.ctx.programme.last_checkin
    return [T.ALREADY_TODAY] if last == conversation.today else []


def start_session(conversation: Conversation, pain: int) -> None:
    """Open today's session with the pain score and the floss plan."""
    ctx = conversation.ctx
    prog = ctx.programme
    today = conversation.today
    plan = programme.plan_floss(prog, today)
    primary = prog.primary or Exercise.PRESSUP_EXTENSION
    ctx.session = Session(
        started_at=conversation.now,
        local_date=today,
        day=programme.programme_day(prog, today),
        pain_before=pain,
        floss=plan.floss,
        floss_note=plan.note,
        queue=programme.session_queue(primary, plan.floss),
    )


def hold_pain(conversation: Conversation, pain: int) -> None:
    """A score to confirm before it is stored ("2" with "still really bad")."""
    conversation.ctx.pain_to_confirm = pain


def hold_last_pain(conversation: Conversation, _: Any) -> None:
    """"About the same" at the start: the same as the last check-in, to confirm."""
    conversation.ctx.pain_to_confirm = conversation.ctx.programme.recent_pains[-1]


def hold_pain_before(conversation: Conversation, _: Any) -> None:
    """"About the same" after the exercises: the same as before them, to confirm."""
    conversation.ctx.pain_to_confirm = _session(conversation).pain_before


def has_last_pain(conversation: Conversation, _: Any) -> bool:
    """There is a last check-in for "about the same" to refer to."""
    return bool(conversation.ctx.programme.recent_pains)


def forget_pain(conversation: Conversation, _: Any) -> None:
    """The score to confirm was not confirmed (or a new one was typed)."""
    conversation.ctx.pain_to_confirm = None


def _confirmed(conversation: Conversation) -> int:
    pain = conversation.ctx.pain_to_confirm
    if pain is None:
        raise LookupError("no pain score waiting for confirmation")
    conversation.ctx.pain_to_confirm = None
    return pain


def start_confirmed(conversation: Conversation, _: Any) -> None:
    """The person confirmed the score: open the session with it."""
    start_session(conversation, _confirmed(conversation))


def finish_confirmed(conversation: Conversation, _: Any) -> None:
    """The person confirmed the score after the exercises: finish with it."""
    finish(conversation, _confirmed(conversation))


def confirm_message(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """"Is your pain 2 out of 10 right now?"."""
    return [texts.common.PAIN_CONFIRM.format(pain=conversation.ctx.pain_to_confirm)]


def read_pain_check(text: str) -> Answer | Unreadable | None:
    """A yes or no to the score read back, or a new score typed instead ("no, 6")."""
    reading = parse_pain(text)
    if isinstance(reading, Answer) and reading.trigger in (ANSWER, CONFIRM):
        return Answer(ANSWER, reading.value)
    if isinstance(reading, Answer) and reading.trigger == SAME:
        return Answer("yes")
    return read_plain_yes_no(text) or reading


def cauda_equina_question(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """The daily question, "since your last check-in (Sunday 19 April)" (PROTOCOL.md section 4)."""
    last = conversation.ctx.programme.last_checkin
    since = (T.SINCE_LAST_CHECKIN.format(date=day_in_words(last, conversation.today))
             if last is not None else T.SINCE_SCREENING)
    return [T.CAUDA_EQUINA.format(since=since)]


#: The daily cauda equina question's reader: hedged yeses are yes (PROTOCOL.md section 1).
read_cauda_equina = safety_reader(safety_words.CAUDA_EQUINA)


def record_ce_no(conversation: Conversation, _: Any) -> None:
    """The daily cauda equina question, answered no."""
    conversation.record(ScreeningAnswered(conversation.now, "checkin_cauda_equina", "no"))
    conversation.ctx.safety.checked_on = conversation.today


def emergency(conversation: Conversation, _: Any) -> None:
    """A cauda equina answer mid check-in: the emergency reply."""
    conversation.record(ScreeningAnswered(conversation.now, "checkin_cauda_equina", "yes"))
    raise_emergency(conversation, source="checkin")


def needs_tips(conversation: Conversation, _: Any) -> bool:
    """Pain above 5: relief tips before exercise."""
    return programme.tips_first(_session(conversation).pain_before)


def offer_due(conversation: Conversation, _: Any) -> bool:
    """Today the tensioner is offered rather than given."""
    return _session(conversation).floss_note == "offer"


def high_pain_message(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """Tips first; how strongly to suggest waiting depends on how high the pain is."""
    pain = _session(conversation).pain_before
    template = T.HIGH_PAIN if pain >= programme.HIGH_PAIN else T.ABOVE_FIVE
    return [template.format(pain=pain, tips=texts.tips.TIPS)]


def high_pain_choices(conversation: Conversation) -> tuple[Choice, ...]:
    """Going on is allowed, worded to match the advice."""
    pain = _session(conversation).pain_before
    go_on = T.GO_ON if pain >= programme.HIGH_PAIN else T.GO_ON_GENTLY
    return (Choice("go_on", go_on), Choice("not_today", T.NOT_TODAY))


def take_tensioner(conversation: Conversation, _: Any) -> None:
    """The person accepted the tensioner offer."""
    session = _session(conversation)
    session.floss = Exercise.FLOSS_TENSIONER
    session.queue = [Exercise.FLOSS_TENSIONER if e == Exercise.FLOSS_SLIDER else e
                     for e in session.queue]


def exercise_message(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """The current exercise: name, how to do it and the dose, tagged with its id."""
    session = _session(conversation)
    exercise = session.queue[session.index]
    header = X.HEADER.format(n=session.index + 1, total=len(session.queue), name=X.NAMES[exercise])
    text = f"{header}\n\n{X.HOW[exercise]}"
    if exercise in (Exercise.FLOSS_SLIDER, Exercise.FLOSS_TENSIONER):
        note = {"switch": T.SWITCH_NOTE, "back_to_slider": T.BACK_TO_SLIDER_NOTE}.get(
            session.floss_note, ""
        )
        if note:
            text = f"{note}\n\n{text}"
    return [OutgoingMessage(text=text, exercise=exercise)]


def outcome(kind: Outcome) -> Effect:
    """Effect that records how the current exercise went and moves to the next."""

    def effect(conversation: Conversation, _: Any) -> None:
        session = _session(conversation)
        session.outcomes[session.queue[session.index].value] = kind
        session.index += 1
        if kind == "too_painful":
            conversation.say(X.TOO_PAINFUL_REPLY)

    effect.__name__ = f"mark_{kind}"
    return effect


def more_exercises(conversation: Conversation, _: Any) -> bool:
    """Another exercise follows the current one."""
    session = _session(conversation)
    return session.index + 1 < len(session.queue)


def _finished(conversation: Conversation, session: Session, *, status: str,
              pain_after: int | None, flare: bool) -> SessionFinished:
    return SessionFinished(
        at=conversation.now,
        started_at=session.started_at,
        local_date=session.local_date,
        day=session.day,
        pain_before=session.pain_before,
        pain_after=pain_after,
        flare=flare,
        floss=session.floss.value,
        outcomes=tuple(session.outcomes.items()),
        status=status,
    )


def finish(conversation: Conversation, pain_after: int) -> None:
    """Apply the pain rule, move the programme on, store the session, summarise."""
    ctx = conversation.ctx
    session = _session(conversation)
    prog = ctx.programme
    programme.count_checkin(prog, session.pain_before, session.local_date, pain_after)
    flare = programme.finish_session(prog, session, pain_after)
    conversation.record(_finished(conversation, session, status="completed",
                                  pain_after=pain_after, flare=flare))
    ctx.session = None
    for line in session_words(session, pain_after, flare=flare):
        conversation.say(line)
    conversation.say(summary(conversation))


def rest_today(conversation: Conversation, _: Any) -> None:
    """Pain too high and the person chose to rest: the check-in still counts."""
    ctx = conversation.ctx
    session = _session(conversation)
    programme.count_checkin(ctx.programme, session.pain_before, session.local_date)
    conversation.record(_finished(conversation, session, status="rested",
                                  pain_after=None, flare=False))
    ctx.session = None
    conversation.say(T.RESTED)
    conversation.say(summary(conversation))


def abandon(conversation: Conversation) -> None:
    """The person left a check-in half way: keep what they told us."""
    conversation.ctx.pain_to_confirm = None
    session = conversation.ctx.session
    if session is None:
        return
    conversation.record(_finished(conversation, session, status="abandoned",
                                  pain_after=None, flare=False))
    conversation.ctx.session = None


def summary(conversation: Conversation) -> str:
    """Streak and the trend against the first check-in."""
    prog = conversation.ctx.programme
    lines = [T.STREAK.format(streak=prog.streak, s="" if prog.streak == 1 else "s")]
    if prog.baseline_pain is not None and prog.recent_pains and prog.checkins > 1:
        start, now = prog.baseline_pain, prog.recent_pains[-1]
        if now <= start - 1:
            lines.append(T.TREND_BETTER.format(start=start, now=now))
        elif now >= start + 1:
            lines.append(T.TREND_WORSE.format(start=start, now=now))
        else:
            lines.append(T.TREND_SAME.format(start=start, now=now))
    return "\n".join(lines)


def review_due(conversation: Conversation, _: Any) -> bool:
    """Day 42 has come and the six-week review has not run since (see programme.review_due)."""
    return programme.review_due(conversation.ctx.programme, conversation.today)


_EXERCISE_CHOICES = (
    Choice("done", X.DONE),
    Choice("skip", X.SKIP),
    Choice("too_painful", X.TOO_PAINFUL),
)
_AFTER_SAFETY = (
    Go("high_pain", when=needs_tips),
    Go("offer", when=offer_due),
    Go("exercise"),
)

CHECKIN = Flow(
    name="checkin",
    title="Daily check-in",
    gate=Gate(setup_done=True, screened=True, no_safety_hold=True),
    steps=(
        Step("begin", say=already_today, auto=True, on={NEXT: Go("pain_now")}),
        Step(
            "pain_now",
            say=T.PAIN_NOW,
            read=parse_pain,
            hint=texts.common.PAIN_HINT,
            on={
                ANSWER: Go("cauda_equina", do=(start_session,)),
                CONFIRM: Go("pain_now_check", do=(hold_pain,)),
                SAME: Go("pain_now_check", when=has_last_pain, do=(hold_last_pain,)),
            },
        ),
        Step(
            "pain_now_check",
            say=confirm_message,
            choices=yes_no(),
            read=read_pain_check,
            hint=texts.common.PAIN_HINT,
            on={
                "yes": Go("cauda_equina", do=(start_confirmed,)),
                "no": Go("pain_now", do=(forget_pain,)),
                ANSWER: Go("cauda_equina", do=(forget_pain, start_session)),
            },
        ),
        Step(
            "cauda_equina",
            say=cauda_equina_question,
            choices=yes_no(),
            read=read_cauda_equina,
            hint=T.CAUDA_EQUINA_HINT,
            on={
                "yes": Go.to_flow("safety", "alerted", do=(emergency,)),
                "no": tuple(Go(g.dest, when=g.when, do=(record_ce_no,)) for g in _AFTER_SAFETY),
            },
        ),
        Step(
            "high_pain",
            say=high_pain_message,
            choices=high_pain_choices,
            phrases=answer_words.HIGH_PAIN,
            on={
                "go_on": _AFTER_SAFETY[1:],
                # Resting counts as the day's check-in, so the day-42 review is due here too:
                # those who keep resting are the ones the review exists for.
                "not_today": (Go.to_flow("review", when=review_due, do=(rest_today,)),
                              Go.to_flow("menu", do=(rest_today,))),
            },
        ),
        Step(
            "offer",
            say=T.TENSIONER_OFFER,
            choices=(Choice("yes", T.TENSIONER_YES), Choice("no", T.TENSIONER_NO)),
            read=read_plain_yes_no,
            phrases=answer_words.OFFER,
            on={"yes": Go("exercise", do=(take_tensioner,)), "no": Go("exercise")},
        ),
        Step(
            "exercise",
            say=exercise_message,
            choices=_EXERCISE_CHOICES,
            phrases=answer_words.EXERCISE,
            on={
                c.id: (
                    Go("exercise", when=more_exercises, do=(outcome(c.id),)),  # type: ignore[arg-type]
                    Go("pain_after", do=(outcome(c.id),)),  # type: ignore[arg-type]
                )
                for c in _EXERCISE_CHOICES
            },
        ),
        Step(
            "pain_after",
            say=T.PAIN_AFTER,
            read=parse_pain,
            hint=texts.common.PAIN_HINT,
            on={
                ANSWER: Go("wrap_up", do=(finish,)),
                CONFIRM: Go("pain_after_check", do=(hold_pain,)),
                SAME: Go("pain_after_check", do=(hold_pain_before,)),
            },
        ),
        Step(
            "pain_after_check",
            say=confirm_message,
            choices=yes_no(),
            read=read_pain_check,
            hint=texts.common.PAIN_HINT,
            on={
                "yes": Go("wrap_up", do=(finish_confirmed,)),
                "no": Go("pain_after", do=(forget_pain,)),
                ANSWER: Go("wrap_up", do=(forget_pain, finish)),
            },
        ),
        Step(
            "wrap_up",
            auto=True,
            on={NEXT: (Go.to_flow("review", when=review_due), Go.to_flow("menu"))},
        ),
    ),
)
