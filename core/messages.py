"""The neutral message model every adapter speaks.

Adapters translate a platform event into an :class:`InboundEvent` and an
:class:`OutgoingMessage` into a platform call; nothing else crosses the
boundary. All types are frozen so a message cannot change between the
transaction that stored it and the adapter that sends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Alert(StrEnum):
    """Safety level of a message (PROTOCOL.md "Stable identifiers")."""

    EMERGENCY = "emergency"
    SEE_DOCTOR = "see_doctor"
    SURGICAL_REVIEW = "surgical_review"


class Exercise(StrEnum):
    """Exercise a message teaches (PROTOCOL.md "Stable identifiers")."""

    HIP_RELEASE = "hip_release"
    PRESSUP_EXTENSION = "pressup_extension"
    KNEE_HUGS = "knee_hugs"
    FLOSS_SLIDER = "floss_slider"
    FLOSS_TENSIONER = "floss_tensioner"


@dataclass(frozen=True, slots=True)
class ConversationKey:
    """Who a conversation belongs to: one platform identity."""

    platform: str
    user: str


@dataclass(frozen=True, slots=True)
class Choice:
    """One button: a stable id the engine routes on and the label people read."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Image:
    """A picture attached to a message, already rendered (PNG bytes)."""

    data: bytes
    alt: str
    mime_type: str = "image/png"

    def __repr__(self) -> str:
        return f"Image(alt={self.alt!r}, {len(self.data)} bytes)"


@dataclass(frozen=True, slots=True)
class Document:
    """A file attached to a message, already rendered (a data export)."""

    data: bytes
    filename: str
    title: str
    mime_type: str

    def __repr__(self) -> str:
        return f"Document({self.filename!r}, {len(self.data)} bytes)"


class Attachment(StrEnum):
    """A file the delivery side makes for the recipient at send time.

    Flows ask for one by name; the outbox stores only the name, so it never
    holds a picture or a copy of someone's health data for longer than the
    send takes. :mod:`bot.attachments` turns it into an image or documents.
    """

    PROGRESS_CHART = "progress_chart"  # the recipient's pain chart (an image)
    DATA_EXPORT = "data_export"  # everything stored about the recipient (JSON and CSV)


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """One message from the bot.

    ``reply_token`` identifies the question this message asks. Adapters
    embed it in their buttons and hand it back on a press, so the engine
    can tell a fresh answer from a stale button pressed days later.
    ``attachment`` is a request resolved into ``image`` or ``documents``
    just before sending; adapters only ever see the resolved form.
    """

    text: str
    choices: tuple[Choice, ...] = ()
    image: Image | None = None
    documents: tuple[Document, ...] = ()
    attachment: Attachment | None = None
    alert: Alert | None = None
    exercise: Exercise | None = None
    reply_token: str | None = None


@dataclass(frozen=True, slots=True)
class InboundEvent:
    """One thing a person did: typed text or pressed a button.

    Exactly one of ``text`` and ``choice`` is set. ``event_id`` is the
    platform's own id (Telegram ``update_id``, Slack ``event_id`` ...) and,
    with ``platform``, the key that makes a redelivery a no-op.
    """

    platform: str
    user: str
    chat: str
    event_id: str
    at: datetime
    text: str | None = None
    choice: str | None = None
    reply_token: str | None = None
    edited: bool = False  # the text is an earlier message, changed
    #: An IANA time zone the person's device says it is in (the terminal chat's computer),
    #: offered as a button when the bot asks for a zone; never stored unless chosen.
    zone_hint: str | None = None

    def __post_init__(self) -> None:
        if (self.text is None) == (self.choice is None):
            raise ValueError("an inbound event carries either text or a choice, not both")
        if self.at.tzinfo is None:
            raise ValueError("inbound event time must be timezone-aware")
        if self.edited and self.text is None:
            raise ValueError("only text can be edited")

    @property
    def key(self) -> ConversationKey:
        """The conversation this event belongs to."""
        return ConversationKey(self.platform, self.user)
