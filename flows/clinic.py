"""Clinic team check-ins: consent to share, the daily call and the team summary.

A clinic follows its patients in a team channel. Each day a call is posted
there; a member's press opens their own check-in in a private chat (the
ordinary check-in flow). The first press asks for consent to share a short
daily note with that clinic; the summary posted when the window closes names
only members who said yes, and shows only what the question promised:
checked in or missed, a pain trend arrow, flare-ups and alerts.

Everything here is pure: storage hands in plain facts, adapters post text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from core.messages import Alert, Choice, OutgoingMessage
from flows import answer_words, texts
from flows.context import ClinicLink
from flows.conversation import Conversation, local_time_of_day
from flows.parsing import parse_clock
from flows.records import ClinicJoined, ClinicSharingChanged
from flows.spec import Answer, Flow, Go, Step
from flows.zones import parse_zone, zone

T = texts.clinic

DEFAULT_CALL_TIME = "09:00"
DEFAULT_WINDOW_HOURS = 12
MAX_WINDOW_HOURS = 23

#: Choice id of a clinic's call button: ``clinic:<id>``. Only an adapter
#: creates it, from a press in that clinic's channel; it is never stale.
JOIN_PREFIX = "clinic:"


# --- joining and consent ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Invitation:
    """A press of a clinic's call button or a redeemed invite code, with the clinic's name."""

    clinic_id: int
    name: str
    by_code: bool = False
    label: str = ""  # how the clinic named the person on the invite


@dataclass(frozen=True, slots=True)
class InviteRefused:
    """An invite code that could not be used: ``unknown``, ``used`` or ``expired``."""

    reason: str


_INVITE = re.compile(r"^/(?:start|join)(?:@\w+)?\s+(?P<code>[A-Za-z0-9_-]{1,64})\s*$")


def invite_code(text: str | None) -> str | None:
    """The code in ``/start <code>`` (a Telegram deep link) or ``/join <code>``."""
    match = _INVITE.match(text.strip()) if text else None
    return match.group("code") if match else None


def join_choice(clinic_id: int) -> str:
    """The choice id of ``clinic_id``'s call button."""
    return f"{JOIN_PREFIX}{clinic_id}"


def joined_clinic(choice: str | None) -> int | None:
    """The clinic a call-button choice is for, or ``None`` for any other choice."""
    if choice is None or not choice.startswith(JOIN_PREFIX):
        return None
    rest = choice[len(JOIN_PREFIX):]
    return int(rest) if rest.isdigit() else None


def join(conversation: Conversation, invitation: Invitation) -> bool:
    """Note the press; ``True`` when the person already answered the sharing question."""
    key = str(invitation.clinic_id)
    ctx = conversation.ctx
    link = ctx.clinics.get(key)
    if link is None:
        link = ClinicLink(name=invitation.name)
        ctx.clinics[key] = link
        conversation.record(ClinicJoined(conversation.now, invitation.clinic_id))
    link.name = invitation.name
    if link.sharing is None:
        ctx.clinic_asking = key
        return False
    conversation.say(T.CHECKING_IN_FOR.format(clinic=link.name))
    return True


def accept_invite(conversation: Conversation, invitation: Invitation) -> bool:
    """Link the person to the clinic; ``True`` when the sharing question is to be asked.

    Someone already sharing with that clinic is only told so.
    """
    key = str(invitation.clinic_id)
    ctx = conversation.ctx
    if key not in ctx.clinics or invitation.label:
        conversation.record(ClinicJoined(conversation.now, invitation.clinic_id,
                                         invitation.label))
    link = ctx.clinics.setdefault(key, ClinicLink(name=invitation.name))
    link.name = invitation.name
    link.label = invitation.label or link.label
    if link.sharing:
        conversation.say(T.INVITE_ALREADY_SHARING.format(clinic=link.name))
        return False
    link.invited = True
    link.sharing = None
    ctx.clinic_asking = key
    return True


def ready_for_invite(conversation: Conversation) -> bool:
    """Whether the person is set up and screened, so the sharing question may be asked."""
    ctx = conversation.ctx
    return ctx.setup_done and ctx.screening.completed_at is not None


def invite_waiting(conversation: Conversation) -> bool:
    """An invite's sharing question is still to be asked, and now it may be."""
    key = conversation.ctx.clinic_asking
    link = conversation.ctx.clinics.get(key) if key is not None else None
    return (link is not None and link.invited and link.sharing is None
            and ready_for_invite(conversation))


def refused_text(refused: InviteRefused) -> str:
    """A kind word for a code that did not work."""
    return T.INVITE_REFUSED.get(refused.reason, T.INVITE_REFUSED["unknown"])


def leave(conversation: Conversation, which: str) -> None:
    """Stop sharing with every clinic, or the one named in ``which``; at once."""
    clinics = conversation.ctx.clinics
    wanted = which.strip().lstrip("#").lower()
    sharing = {k: link for k, link in clinics.items() if link.sharing}
    chosen = {k: link for k, link in sharing.items()
              if not wanted or link.name.lstrip("#").lower() == wanted}
    if not chosen:
        conversation.say(T.LEAVE_NOT_FOUND if wanted and sharing else T.LEAVE_NONE)
        return
    for key in chosen:
        _set_sharing(conversation, key, False)
    if conversation.ctx.clinic_asking in chosen:
        conversation.ctx.clinic_asking = None
    conversation.say(T.LEFT.format(clinics=", ".join(link.name for link in chosen.values())))


def _set_sharing(conversation: Conversation, key: str, given: bool) -> ClinicLink:
    link = conversation.ctx.clinics[key]
    link.sharing = given
    link.decided_at = conversation.now
    conversation.record(ClinicSharingChanged(conversation.now, int(key), given))
    return link


def _asked(conversation: Conversation) -> str:
    key = conversation.ctx.clinic_asking
    if key is None or key not in conversation.ctx.clinics:
        raise LookupError("no clinic is waiting for a sharing answer")
    return key


def invite_question(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """What linking with the clinic shares, item by item, and the yes/no question."""
    link = conversation.ctx.clinics[_asked(conversation)]
    who = T.INVITE_LABEL.format(label=link.label) if link.label else T.INVITE_NAME
    return [T.INVITE_QUESTION.format(clinic=link.name, who=who)]


def share_question(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """Exactly what the clinic will see, and the yes/no question."""
    link = conversation.ctx.clinics[_asked(conversation)]
    return [T.SHARE_QUESTION.format(clinic=link.name)]


def agree(conversation: Conversation, _: Any) -> None:
    """Yes: share the daily note with the clinic asked about."""
    key = _asked(conversation)
    link = _set_sharing(conversation, key, True)
    conversation.ctx.clinic_asking = None
    conversation.say(T.SHARED.format(clinic=link.name))


def decline(conversation: Conversation, _: Any) -> None:
    """No: nothing is shared; the check-in itself goes ahead privately."""
    key = _asked(conversation)
    link = _set_sharing(conversation, key, False)
    conversation.ctx.clinic_asking = None
    conversation.say(T.KEPT_PRIVATE.format(clinic=link.name))


def manage_message(conversation: Conversation) -> Sequence[OutgoingMessage | str]:
    """Every clinic the person joined and whether it gets their daily note."""
    clinics = conversation.ctx.clinics
    if not clinics:
        return [T.MANAGE_NONE]
    lines = [T.MANAGE_INTRO]
    for link in clinics.values():
        template = T.MANAGE_SHARING if link.sharing else T.MANAGE_PRIVATE
        lines.append(template.format(clinic=link.name))
    return ["\n".join(lines)]


def manage_choices(conversation: Conversation) -> tuple[Choice, ...]:
    """A switch per clinic, then back to the menu."""
    choices = [
        Choice(f"stop:{key}", T.STOP_SHARING.format(clinic=link.name)) if link.sharing
        else Choice(f"share:{key}", T.START_SHARING.format(clinic=link.name))
        for key, link in conversation.ctx.clinics.items()
    ]
    return (*choices, Choice("menu", T.BACK))


def read_switch(text: str) -> Answer | None:
    """Reader for the sharing switches (their ids arrive here as text)."""
    verb, _, key = text.strip().partition(":")
    if verb in ("stop", "share") and key.isdigit():
        return Answer("switch", (key, verb == "share"))
    return None


def switch(conversation: Conversation, value: tuple[str, bool]) -> None:
    """Turn sharing with one clinic on or off; off takes effect at once."""
    key, given = value
    if key not in conversation.ctx.clinics:
        return
    link = _set_sharing(conversation, key, given)
    conversation.say(T.STOPPED.format(clinic=link.name) if not given
                     else T.SHARED.format(clinic=link.name))


CLINIC = Flow(
    name="clinic",
    title="Clinic sharing",
    steps=(
        Step(
            "share",
            say=share_question,
            choices=(Choice("yes", T.SHARE_YES), Choice("no", T.SHARE_NO)),
            phrases=answer_words.SHARE,
            on={"yes": Go.to_flow("checkin", do=(agree,)),
                "no": Go.to_flow("checkin", do=(decline,))},
        ),
        Step(
            "invited",
            say=invite_question,
            choices=(Choice("yes", T.INVITE_YES), Choice("no", T.SHARE_NO)),
            phrases=answer_words.SHARE,
            on={"yes": Go.to_flow("menu", do=(agree,)),
                "no": Go.to_flow("menu", do=(decline,))},
        ),
        Step(
            "manage",
            say=manage_message,
            choices=manage_choices,
            read=read_switch,
            on={"switch": Go.to_flow("menu", do=(switch,))},
        ),
    ),
)


# --- the daily call ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Window:
    """One day's collection window of a clinic, as instants (UTC)."""

    local_date: date
    starts: datetime  # local midnight: a check-in earlier that day counts too
    call: datetime
    closes: datetime


def next_call(call_time: str, timezone: str, after: datetime) -> datetime:
    """The first call instant strictly after ``after`` (UTC), at ``call_time`` local."""
    tz = zone(timezone)
    at = local_time_of_day(call_time)
    day = after.astimezone(tz).date()
    for offset in range(3):
        instant = datetime.combine(day + timedelta(days=offset), at, tzinfo=tz).astimezone(UTC)
        if instant > after:
            return instant
    raise AssertionError("a call is always due within three days")  # pragma: no cover


def window(call: datetime, timezone: str, hours: int) -> Window:
    """The window a call at ``call`` opens."""
    tz = zone(timezone)
    local_date = call.astimezone(tz).date()
    starts = datetime.combine(local_date, time(0, 0), tzinfo=tz).astimezone(UTC)
    return Window(local_date, starts, call, call + timedelta(hours=hours))


def _day(value: date) -> str:
    return value.strftime("%A %d %B").replace(" 0", " ")


def call_message(clinic_id: int, win: Window, timezone: str) -> OutgoingMessage:
    """The post in the channel: one button that opens a private check-in."""
    closes = win.closes.astimezone(zone(timezone)).strftime("%H:%M")
    return OutgoingMessage(
        T.CALL.format(day=_day(win.local_date), closes=closes),
        choices=(Choice(join_choice(clinic_id), T.CALL_BUTTON),),
    )


# --- the summary -------------------------------------------------------------------

Trend = Literal["up", "down", "same", "new"]
ARROWS: dict[Trend, str] = {"up": "↑", "down": "↓", "same": "→", "new": T.NEW_MARK}


def trend(today: int, previous: int | None) -> Trend:
    """Pain now against the previous check-in."""
    if previous is None:
        return "new"
    if today > previous:
        return "up"
    if today < previous:
        return "down"
    return "same"


@dataclass(frozen=True, slots=True)
class MemberDay:
    """One sharing member's day, as facts (the name is how the team knows them)."""

    name: str
    pain_today: int | None  # pain at the day's last check-in; None: no check-in
    pain_before: int | None  # pain at the check-in before this window
    flare: bool = False
    alerts: tuple[Alert, ...] = ()

    @property
    def checked_in(self) -> bool:
        """Whether there was a check-in in the window."""
        return self.pain_today is not None


def summary(win: Window, timezone: str, members: Sequence[MemberDay]) -> OutgoingMessage:
    """The one thread reply for the team: only sharing members, no scores or answers."""
    closes = win.closes.astimezone(zone(timezone)).strftime("%H:%M")
    lines = [T.SUMMARY_TITLE.format(day=_day(win.local_date), closes=closes)]
    if not members:
        lines.append(T.SUMMARY_NOBODY)
        return OutgoingMessage("\n".join(lines))
    ordered = sorted(members, key=lambda m: m.name.lower())
    present = [m for m in ordered if m.pain_today is not None]
    missed = [m for m in ordered if m.pain_today is None]
    if present:
        names = ", ".join(
            f"{m.name} {ARROWS[trend(m.pain_today, m.pain_before)]}"
            for m in present if m.pain_today is not None
        )
        lines.append(T.SUMMARY_CHECKED_IN.format(count=len(present), total=len(ordered),
                                                 names=names))
    else:
        lines.append(T.SUMMARY_CHECKED_IN_NONE.format(total=len(ordered)))
    if missed:
        lines.append(T.SUMMARY_MISSED.format(count=len(missed),
                                             names=", ".join(m.name for m in missed)))
    flares = [m.name for m in ordered if m.flare]
    if flares:
        lines.append(T.SUMMARY_FLARES.format(names=", ".join(flares)))
    alerts = [
        f"{m.name} ({', '.join(T.ALERT_WORDS[a.value] for a in dict.fromkeys(m.alerts))})"
        for m in ordered if m.alerts
    ]
    if alerts:
        lines.append(T.SUMMARY_ALERTS.format(items="; ".join(alerts)))
    if present:
        lines.append(T.SUMMARY_LEGEND)
    return OutgoingMessage("\n".join(lines))


# --- setting a clinic up ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Setup:
    """A clinic's schedule: daily call time and zone, and the window length."""

    call_time: str
    timezone: str
    window_hours: int


def parse_setup(args: Sequence[str], default_zone: str) -> Setup | str:
    """``[HH:MM] [time zone] [window hours]``, any part left out takes its default.

    Returns the setup, or the text explaining what could not be read.
    """
    call_time, timezone, hours = DEFAULT_CALL_TIME, parse_zone(default_zone) or "UTC", None
    rest = list(args)
    if rest and parse_clock(rest[0]) is not None:
        call_time = parse_clock(rest.pop(0)) or DEFAULT_CALL_TIME
    elif rest and rest[0][:1].isdigit() and not rest[0].isdigit():
        return T.SETUP_BAD_TIME
    if rest and rest[-1].isdigit():
        hours = int(rest.pop())
        if not 1 <= hours <= MAX_WINDOW_HOURS:
            return T.SETUP_BAD_WINDOW
    if rest:
        parsed = parse_zone(" ".join(rest))
        if parsed is None:
            return T.SETUP_BAD_ZONE
        timezone = parsed
    return Setup(call_time, timezone, hours or DEFAULT_WINDOW_HOURS)


def alert_message(name: str, level: str, raised_at: datetime, timezone: str) -> OutgoingMessage:
    """The clinic's immediate alert: who, how serious, when; never their words or scores."""
    local = raised_at.astimezone(zone(timezone))
    text = T.ALERT_NOW[level].format(name=name, time=local.strftime("%H:%M"), day=_day(local))
    return OutgoingMessage(text=f"{text}\n{T.ALERT_FOOTER}", alert=Alert(level))
