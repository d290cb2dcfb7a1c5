"""The model a flow machine drives: where a person is, and what one turn produced.

``flow``/``state``/``ctx`` are persisted; ``out`` and ``records`` live for
one turn only and are handed to the engine to store and send.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo

from core.messages import Alert, Choice, Exercise, Image, OutgoingMessage
from flows.context import Context
from flows.records import Record
from flows.zones import zone


@dataclass(frozen=True, slots=True)
class Heard:
    """What the person sent in this turn: typed text, or a button and its reply token."""

    text: str | None = None
    choice: str | None = None
    token: str | None = None


@dataclass(slots=True, eq=False)
class Conversation:
    """One person's conversation during one turn."""

    flow: str
    state: str
    ctx: Context
    now: datetime
    out: list[OutgoingMessage] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    #: A pressed button was taken as the answer (not stale, not garbled), so an
    #: adapter may show it on the pressed message.
    press_taken: bool = False
    #: The message named a red flag (even to deny it): a re-prompt must not say "Sorry,
    #: I didn't catch that" to it.
    red_flag_touched: bool = False
    #: The message this turn answers (set by ``run_turn``): the safety pause
    #: compares it with the one that raised the pause.
    heard: Heard | None = None
    #: The zone the person's device says it is in, for this turn only (never saved).
    zone_hint: str | None = None

    @property
    def tz(self) -> tzinfo:
        """The person's time zone (UTC until they tell us)."""
        return zone(self.ctx.schedule.timezone)

    @property
    def local_now(self) -> datetime:
        """The current instant in the person's time zone."""
        return self.now.astimezone(self.tz)

    @property
    def today(self) -> date:
        """The person's local calendar date."""
        return self.local_now.date()

    def say(
        self,
        text: str,
        *,
        choices: tuple[Choice, ...] = (),
        alert: Alert | None = None,
        exercise: Exercise | None = None,
        image: Image | None = None,
    ) -> None:
        """Queue one message to the person."""
        self.out.append(
            OutgoingMessage(text=text, choices=choices, alert=alert, exercise=exercise, image=image)
        )

    def record(self, record: Record) -> None:
        """Queue a fact for the audit trail."""
        self.records.append(record)


def local_time_of_day(value: str) -> time:
    """Parse the stored "HH:MM" form of a reminder time."""
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))
