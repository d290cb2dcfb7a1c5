"""Onboarding: the not-a-doctor notice, consent, time zone and reminder time."""

from __future__ import annotations

from typing import Any

from core.messages import Choice
from flows import answer_words, texts
from flows.conversation import Conversation
from flows.parsing import read_clock, read_plain_yes_no, read_zone
from flows.records import ConsentChanged
from flows.spec import ANSWER, Flow, Go, Step
from flows.zones import COMMON, parse_zone, zone

T = texts.onboarding


def give_consent(conversation: Conversation, _: Any) -> None:
    """Remember consent, with its time, in the audit trail."""
    conversation.ctx.consent = True
    conversation.ctx.consent_at = conversation.now
    conversation.record(ConsentChanged(conversation.now, given=True))


def set_zone(conversation: Conversation, name: str) -> None:
    """Store the time zone the person gave."""
    conversation.ctx.schedule.timezone = name
    conversation.say(T.TIMEZONE_SET.format(zone=zone(name)))


def set_reminder(conversation: Conversation, at: str) -> None:
    """Store the daily reminder time."""
    conversation.ctx.schedule.remind_at = at
    conversation.say(T.REMINDER_SET.format(time=at, zone=conversation.ctx.schedule.timezone))


def no_reminder(conversation: Conversation, _: Any) -> None:
    """The person wants no reminders."""
    conversation.ctx.schedule.remind_at = None
    conversation.say(T.REMINDER_OFF)


def finish_setup(conversation: Conversation, _: Any) -> None:
    """Setup is complete; screening comes next."""
    conversation.ctx.setup_done = True


def zone_choices(conversation: Conversation) -> tuple[Choice, ...]:
    """Likely zones as buttons: the device's own first, then common ones.

    A pressed one is read like the same words typed (the step's reader).
    """
    common = tuple(Choice(key, label) for key, label in COMMON)
    hint = parse_zone(conversation.zone_hint) if conversation.zone_hint else None
    if hint is None or hint in {key for key, _ in COMMON}:
        return common
    return (Choice(hint, T.ZONE_FROM_DEVICE.format(zone=hint)), *common)


CONSENT_CHOICES = (Choice("yes", T.CONSENT_YES), Choice("no", T.CONSENT_NO))

ONBOARDING = Flow(
    name="onboarding",
    title="Onboarding",
    steps=(
        Step(
            "welcome",
            say=T.WELCOME,
            choices=(Choice("continue", T.CONTINUE),),
            phrases=answer_words.WELCOME,
            on={"continue": Go("consent")},
        ),
        Step(
            "consent",
            say=T.CONSENT,
            choices=CONSENT_CHOICES,
            read=read_plain_yes_no,
            phrases=answer_words.CONSENT,
            on={"yes": Go("timezone", do=(give_consent,)), "no": Go("declined")},
        ),
        Step(
            "declined",
            say=T.DECLINED,
            choices=(Choice("consent", T.CHANGED_MIND),),
            phrases=answer_words.DECLINED,
            on={"consent": Go("consent")},
        ),
        Step(
            "timezone",
            say=T.TIMEZONE,
            choices=zone_choices,
            read=read_zone,
            hint=texts.common.ZONE_UNKNOWN,
            on={ANSWER: Go("reminder", do=(set_zone,))},
        ),
        Step(
            "reminder",
            say=T.REMINDER,
            choices=(
                Choice("08:00", "08:00"),
                Choice("12:30", "12:30"),
                Choice("19:00", "19:00"),
                Choice("none", T.REMINDER_NONE),
            ),
            read=read_clock,
            phrases=answer_words.REMINDER,
            hint=texts.common.TIME_HINT,
            on={
                ANSWER: Go.to_flow("screening", do=(set_reminder, finish_setup)),
                "none": Go.to_flow("screening", do=(no_reminder, finish_setup)),
            },
        ),
    ),
)
