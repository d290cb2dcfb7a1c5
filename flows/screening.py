"""Screening before the first exercise (PROTOCOL.md sections 1 and 3).

Cauda equina, red flags, severe weakness, and the questions that choose
press-ups or knee hugs.

Cauda equina comes first and stops the screening at once. The see-a-doctor
questions are all asked, so the advice can name every reason; their advice
comes at the end, together with the exercise choice kept for later.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.messages import Alert, Choice, OutgoingMessage
from flows import answer_words, safety_words, texts
from flows.alerts import raise_alert, raise_emergency
from flows.conversation import Conversation
from flows.outcomes import activities_wanted
from flows.parsing import parse_age
from flows.programme import choose_primary
from flows.records import ScreeningAnswered
from flows.spec import ANSWER, NEXT, Effect, Flow, Go, Step, yes_no
from flows.texts.exercises import NAMES
from flows.yes_no import Vocabulary, safety_reader, yes_no_unsure_reader

T = texts.screening

SEE_DOCTOR_QUESTIONS = {
    "weight_loss": T.WEIGHT_LOSS,
    "fever": T.FEVER,
    "night_sweats": T.NIGHT_SWEATS,
    "cancer": T.CANCER,
    "worsening": T.WORSENING,
    "both_legs": T.BOTH_LEGS,
}
SAME_DAY_FLAGS = {"both_legs", "legs_giving_way"}
#: How an answer to each see-a-doctor question sounds in a person's own words.
VOCABULARIES = {
    "weight_loss": safety_words.WEIGHT_LOSS,
    "fever": safety_words.FEVER,
    "night_sweats": safety_words.NIGHT_SWEATS,
    "cancer": safety_words.CANCER,
    "worsening": safety_words.WORSENING,
    "both_legs": safety_words.BOTH_LEGS,
}
_HURTS = (r"(?:worst|worse|kills?|killing|agony|bad|hurts?|painful|murder|aggravat\w*|"
          r"unbearable|awful|terrible|sore|flares?)")
#: "Does bending forward or sitting make it worse?": "sitting kills me" is a yes.
BENDING_WORDS = Vocabulary(yes=(
    rf"\b(?:sit\w*|bend\w*|car|driving|desk|chair|lean\w* forward|stooping)\b.{{0,40}}\b{_HURTS}\b",
    rf"\b{_HURTS}\b.{{0,20}}\b(?:when|while|if|after) (?:i )?(?:sit|bend|driv|lean)\w*",
))
#: "Does standing or walking make it worse, with relief when sitting?"
STANDING_WORDS = Vocabulary(yes=(
    rf"\b(?:stand\w*|walk\w*|on my feet|queu\w*|shopping)\b.{{0,40}}\b{_HURTS}\b",
    rf"\b{_HURTS}\b.{{0,20}}\b(?:when|while|if|after) (?:i )?(?:stand|walk)\w*",
    r"\b(?:sit\w*|sitting down|lean\w*|bend\w* forward)\b.{0,30}\b(?:helps?|relie\w*|"
    r"better|eases?|easier)\b",
))


def reset(conversation: Conversation, _: Any) -> None:
    """A new screening starts from a clean slate, but for signs the person already told us."""
    noted = conversation.ctx.safety.noted
    conversation.ctx.screening = type(conversation.ctx.screening)(
        flags=[f for f in noted if f in texts.screening.FLAG_NAMES],
        surgical="surgical" in noted,
    )


def answered(question: str) -> Effect:
    """Effect that stores one answer (the trigger's value) in the audit trail."""

    def effect(conversation: Conversation, value: Any) -> None:
        conversation.record(ScreeningAnswered(conversation.now, question, str(value)))

    effect.__name__ = f"record_{question}"
    return effect


def flagged(question: str) -> Effect:
    """Effect that remembers a see-a-doctor answer."""

    def effect(conversation: Conversation, _: Any) -> None:
        if question not in conversation.ctx.screening.flags:
            conversation.ctx.screening.flags.append(question)

    effect.__name__ = f"flag_{question}"
    return effect


def emergency(conversation: Conversation, _: Any) -> None:
    """A cauda equina answer: the emergency reply, now."""
    raise_emergency(conversation, source="screening")


def set_surgical(conversation: Conversation, _: Any) -> None:
    """Severe uncontrolled pain with marked weakness."""
    conversation.ctx.screening.surgical = True


def set_age(conversation: Conversation, age: int) -> None:
    """Remember the age (it decides between press-ups and knee hugs when unsure)."""
    conversation.record(ScreeningAnswered(conversation.now, "age", str(age)))
    conversation.ctx.screening.age = age


def set_bending(conversation: Conversation, value: str) -> None:
    """Whether bending or sitting aggravates the pain."""
    conversation.record(ScreeningAnswered(conversation.now, "bending_worse", value))
    conversation.ctx.screening.bending_worse = value


def set_standing(conversation: Conversation, value: str) -> None:
    """Whether standing or walking aggravates the pain."""
    conversation.record(ScreeningAnswered(conversation.now, "standing_worse", value))
    conversation.ctx.screening.standing_worse = value


def complete(conversation: Conversation, _: Any) -> None:
    """Close the screening and choose the second exercise."""
    screening = conversation.ctx.screening
    screening.completed_at = conversation.now
    conversation.ctx.safety.noted = []
    conversation.ctx.safety.checked_on = conversation.today
    primary, _reason = choose_primary(
        screening.age or 0,
        screening.bending_worse or "unsure",
        screening.standing_worse or "unsure",
    )
    conversation.ctx.programme.primary = primary


def has_flags(conversation: Conversation, _: Any) -> bool:
    """Any see-a-doctor answer."""
    return bool(conversation.ctx.screening.flags)


def is_surgical(conversation: Conversation, _: Any) -> bool:
    """Severe pain with marked weakness."""
    return conversation.ctx.screening.surgical


def advise_doctor(conversation: Conversation, _: Any) -> None:
    """The see-a-doctor advice, naming every reason given."""
    flags = conversation.ctx.screening.flags
    reasons = [T.FLAG_NAMES[f] for f in flags]
    listed = reasons[0] if len(reasons) == 1 else ", ".join(reasons[:-1]) + " and " + reasons[-1]
    when = texts.safety.SEE_DOCTOR_TODAY if SAME_DAY_FLAGS & set(flags) else ""
    raise_alert(
        conversation,
        Alert.SEE_DOCTOR,
        "screening",
        texts.safety.SEE_DOCTOR.format(reasons=listed, when=when),
    )
    if conversation.ctx.screening.surgical:
        advise_surgical(conversation, None)


def advise_surgical(conversation: Conversation, _: Any) -> None:
    """The surgical-review advice."""
    raise_alert(conversation, Alert.SURGICAL_REVIEW, "screening", texts.safety.SURGICAL_REVIEW)


def still_held(conversation: Conversation, _: Any) -> bool:
    """A safety pause from before the screening (a /restart) is still on."""
    return conversation.ctx.safety.hold is not None


def say_still_paused(conversation: Conversation, _: Any) -> None:
    """A clear screening does not lift an earlier pause: only its own question does."""
    conversation.say(T.STILL_PAUSED)


def clear_message(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """The programme summary for someone with nothing to check first."""
    screening = conversation.ctx.screening
    primary, reason = choose_primary(
        screening.age or 0,
        screening.bending_worse or "unsure",
        screening.standing_worse or "unsure",
    )
    why = {
        "disc": T.WHY_PRESSUP,
        "stenosis": T.WHY_KNEE_HUGS,
        "age_under_60": T.WHY_PRESSUP_AGE,
        "age_60_plus": T.WHY_KNEE_HUGS_AGE,
    }[reason]
    return [T.CLEAR.format(primary=NAMES[primary], why=why)]


def _yes_no_step(name: str, question: str, next_step: str) -> Step:
    return Step(
        name,
        say=question,
        choices=yes_no(),
        read=safety_reader(VOCABULARIES[name]),
        hint=T.SAFETY_HINT,
        on={
            "yes": Go(next_step, do=(answered(name), flagged(name))),
            "no": Go(next_step, do=(answered(name),)),
        },
    )


_flag_names = list(SEE_DOCTOR_QUESTIONS)
_UNSURE_CHOICES = (Choice("yes", "Yes"), Choice("no", "No"), Choice("unsure", T.NOT_SURE))

SCREENING = Flow(
    name="screening",
    title="Screening",
    steps=(
        Step("begin", say=T.INTRO, auto=True, on={NEXT: Go("saddle", do=(reset,))}),
        Step(
            "saddle",
            say=T.SADDLE,
            choices=yes_no(),
            read=safety_reader(safety_words.SADDLE),
            hint=T.SAFETY_HINT,
            on={
                "yes": Go.to_flow("safety", "alerted", do=(answered("saddle"), emergency)),
                "no": Go("bladder_bowel", do=(answered("saddle"),)),
            },
        ),
        Step(
            "bladder_bowel",
            say=T.BLADDER_BOWEL,
            choices=yes_no(),
            read=safety_reader(safety_words.BLADDER_BOWEL),
            hint=T.SAFETY_HINT,
            on={
                "yes": Go.to_flow(
                    "safety", "alerted", do=(answered("bladder_bowel"), emergency)
                ),
                "no": Go(_flag_names[0], do=(answered("bladder_bowel"),)),
            },
        ),
        *(
            _yes_no_step(name, SEE_DOCTOR_QUESTIONS[name], nxt)
            for name, nxt in zip(_flag_names, [*_flag_names[1:], "severe_weakness"], strict=True)
        ),
        Step(
            "severe_weakness",
            say=T.SEVERE_WEAKNESS,
            choices=yes_no(),
            read=safety_reader(safety_words.SEVERE_WEAKNESS),
            hint=T.SAFETY_HINT,
            on={
                "yes": Go("age", do=(answered("severe_weakness"), set_surgical)),
                "no": Go("age", do=(answered("severe_weakness"),)),
            },
        ),
        Step(
            "age",
            say=T.AGE,
            read=parse_age,
            hint=T.AGE_HINT,
            on={ANSWER: Go("bending", do=(set_age,))},
        ),
        Step(
            "bending",
            say=T.BENDING,
            choices=_UNSURE_CHOICES,
            read=yes_no_unsure_reader(BENDING_WORDS),
            hint=T.YES_NO_UNSURE_HINT,
            on={c.id: Go("standing", do=(set_bending,)) for c in _UNSURE_CHOICES},
        ),
        Step(
            "standing",
            say=T.STANDING,
            choices=_UNSURE_CHOICES,
            read=yes_no_unsure_reader(STANDING_WORDS),
            hint=T.YES_NO_UNSURE_HINT,
            on={c.id: Go("decide", do=(set_standing, complete)) for c in _UNSURE_CHOICES},
        ),
        Step(
            "decide",
            auto=True,
            on={
                NEXT: (
                    Go.to_flow("safety", "alerted", when=has_flags, do=(advise_doctor,)),
                    Go.to_flow("safety", "alerted", when=is_surgical, do=(advise_surgical,)),
                    Go.to_flow("safety", "held", when=still_held, do=(say_still_paused,)),
                    # Clear: what the person wants to get back to, then the programme.
                    Go.to_flow("outcomes", "activity", when=activities_wanted),
                    Go("clear"),
                )
            },
        ),
        Step(
            "clear",
            say=clear_message,
            choices=(Choice("start", T.START_NOW), Choice("later", T.LATER)),
            phrases=answer_words.SCREENING_CLEAR,
            on={"start": Go.to_flow("checkin"), "later": Go.to_flow("menu")},
        ),
    ),
)
