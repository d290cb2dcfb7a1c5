"""The database tables (sqlmodel).

Every table that holds something about a person carries ``user_id`` so
that export and deletion can find it all. Rows of the history tables are
only ever inserted.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.crypto import EncryptedText
from storage.types import UTCDateTime


class User(SQLModel, table=True):
    """A person; identities on platforms point to it.

    Time zone and reminder time live on :class:`Reminder`; the full consent
    history is in the audit log, the current state here.
    """

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    active: bool = True  # False once a platform says the person blocked the bot
    consent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # health data


class Identity(SQLModel, table=True):
    """A person as a platform knows them, and where to send them messages."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("platform", "platform_user", name="uq_identity"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    platform: str = Field(max_length=32)
    platform_user: str = Field(max_length=255)
    chat: str = Field(max_length=255)


class ConversationRow(SQLModel, table=True):
    """Where a person is in the flows and what is remembered, versioned.

    The version makes concurrent turns for one person detectable (optimistic
    concurrency): a save that finds another version retries the turn.
    """

    __tablename__ = "conversations"

    user_id: int = Field(foreign_key="users.id", primary_key=True)
    flow: str = Field(max_length=32)
    state: str = Field(max_length=64)
    context: str = Field(sa_column=Column(EncryptedText, nullable=False))
    version: int = 0
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ScreeningAnswer(SQLModel, table=True):
    """Every safety or screening answer, with its time: the audit trail."""

    __tablename__ = "screening_answers"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    question: str = Field(max_length=64)
    answer: str = Field(max_length=64)


class SafetyEvent(SQLModel, table=True):
    """An alert raised or a pause lifted."""

    __tablename__ = "safety_events"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    level: str = Field(max_length=32)
    kind: str = Field(max_length=16)  # raised / cleared
    source: str = Field(max_length=32)


class ExerciseSession(SQLModel, table=True):
    """One check-in: pain before and after, exercises done or skipped, flare."""

    __tablename__ = "exercise_sessions"
    __table_args__ = (Index("ix_sessions_user_date", "user_id", "local_date"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id")
    at: datetime = Field(sa_type=UTCDateTime)
    started_at: datetime = Field(sa_type=UTCDateTime)
    local_date: date
    day: int
    pain_before: int
    pain_after: int | None = None
    flare: bool = False
    floss: str = Field(max_length=32)
    outcomes: str = Field(sa_column=Column(Text, nullable=False))  # JSON {exercise: outcome}
    status: str = Field(max_length=16)  # completed / rested / abandoned


class ReviewResult(SQLModel, table=True):
    """A six-week review."""

    __tablename__ = "reviews"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    result: str = Field(max_length=16)
    baseline: int
    recent_average: float


class AuditEntry(SQLModel, table=True):
    """Consent, exports, deletions and alerts, without health details."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    kind: str = Field(max_length=32)
    detail: str = Field(default="", max_length=255)


class ProcessedEvent(SQLModel, table=True):
    """Platform event ids already handled: a redelivery has no second effect."""

    __tablename__ = "processed_events"

    platform: str = Field(max_length=32, primary_key=True)
    event_id: str = Field(max_length=128, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)


class OutboxMessage(SQLModel, table=True):
    """A message committed with the turn that produced it, sent after commit.

    ``lease_until`` keeps two senders off one row; a row whose lease ran out
    unsent (the sender crashed) is picked up again, so nothing is dropped.
    ``lease_owner`` says who holds the lease (a process's turns, or a relay),
    so a turn can tell its own messages in flight from a chat's stuck ones.
    A chat is ``(platform, chat)``: a DM, a channel or a thread alike; its
    rows leave in ``id`` order (``ix_outbox_chat``), one failing row holding
    the later ones of that chat only. ``urgent`` (a safety alert) goes ahead
    of other chats' rows; ``asks`` marks the row that showed the question the
    conversation was left on; ``progress`` is 1 once the text of a message
    with an attachment went out, so only the attachment is tried again.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index(
            "ix_outbox_pending",
            "due_at",
            "id",
            sqlite_where=text("sent_at IS NULL AND failed_at IS NULL"),
            postgresql_where=text("sent_at IS NULL AND failed_at IS NULL"),
        ),
        Index("ix_outbox_chat", "platform", "chat", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, index=True)
    platform: str = Field(max_length=32)
    chat: str = Field(max_length=255)
    payload: str = Field(sa_column=Column(EncryptedText, nullable=False))  # JSON message
    image: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    created_at: datetime = Field(sa_type=UTCDateTime)
    due_at: datetime = Field(sa_type=UTCDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    failed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempts: int = 0
    last_error: str = Field(default="", max_length=255)
    lease_owner: str | None = Field(default=None, max_length=64)
    urgent: bool = False
    asks: bool = False
    progress: int = 0


class Reminder(SQLModel, table=True):
    """A person's reminder schedule with its next due instant, indexed for claiming.

    The schedule columns mirror what the person set by chat; ``revision``
    goes up with every change they make, so a dispatcher that claimed the
    row before the change does not overwrite the newer due instant.
    """

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_due", "next_due_at"),)

    user_id: int = Field(foreign_key="users.id", primary_key=True)
    platform: str = Field(max_length=32)
    chat: str = Field(max_length=255)
    timezone: str = Field(default="UTC", max_length=64)  # IANA key or "UTC+05:30"
    remind_at: str | None = Field(default=None, max_length=5)  # "HH:MM" local; None = off
    days: str = Field(default="1234567", max_length=7)  # ISO weekdays
    paused_until: date | None = None  # local date, inclusive
    snoozed_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    quiet_start: str | None = Field(default=None, max_length=5)
    quiet_end: str | None = Field(default=None, max_length=5)
    revision: int = 0
    next_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    next_kind: str = Field(default="daily", max_length=16)  # daily / snooze
    served_on: date | None = None  # last local date whose daily reminder was handled
    since: date | None = None  # local date reminders were switched on
    last_checkin: date | None = None
    held: bool = False  # a safety pause is active: no reminders to exercise
    nudged_for: date | None = None  # the lapse that already had its nudge
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ReminderDelivery(SQLModel, table=True):
    """Exactly-once marker: one row per person, local date and slot."""

    __tablename__ = "reminder_deliveries"

    user_id: int = Field(primary_key=True)
    local_date: date = Field(primary_key=True)
    slot: str = Field(max_length=16, primary_key=True)  # daily / snooze-HHMM
    kind: str = Field(max_length=16)  # reminder / nudge / skipped / late-skipped
    at: datetime = Field(sa_type=UTCDateTime)


class Clinic(SQLModel, table=True):
    """A clinic team's channel and the schedule of its daily check-in call.

    ``next_call_at`` is the dispatcher's index (NULL when calls are off);
    ``lease_until`` keeps two workers off one clinic while its call is posted.
    """

    __tablename__ = "clinics"
    __table_args__ = (
        UniqueConstraint("platform", "team", "channel", name="uq_clinic_channel"),
        Index("ix_clinics_next_call", "next_call_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=255)
    platform: str = Field(max_length=32)
    team: str = Field(max_length=64)  # Slack team (workspace) id
    channel: str = Field(max_length=255)
    call_time: str = Field(max_length=5)  # "HH:MM" local
    timezone: str = Field(max_length=64)
    window_hours: int
    created_at: datetime = Field(sa_type=UTCDateTime)
    next_call_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ClinicMember(SQLModel, table=True):
    """A person who joined a clinic's check-ins, and their consent to share with it.

    Sharing is on while ``consent_given_at`` is set and ``consent_withdrawn_at``
    is not; both keep the time of the last change for the record.
    """

    __tablename__ = "clinic_members"
    __table_args__ = (UniqueConstraint("clinic_id", "user_id", name="uq_clinic_member"),)

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinics.id")
    user_id: int = Field(foreign_key="users.id", index=True)
    joined_at: datetime = Field(sa_type=UTCDateTime)
    consent_given_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    consent_withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # How the clinic named the person on their invite (their platform name otherwise).
    label: str | None = Field(default=None, sa_column=Column(EncryptedText, nullable=True))


class ClinicRound(SQLModel, table=True):
    """One day of a clinic: its call message and, once the window closed, the summary."""

    __tablename__ = "clinic_rounds"
    __table_args__ = (
        UniqueConstraint("clinic_id", "local_date", name="uq_clinic_round"),
        Index("ix_clinic_rounds_closing", "closes_at",
              sqlite_where=text("summary_ts IS NULL"),
              postgresql_where=text("summary_ts IS NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinics.id")
    local_date: date
    starts_at: datetime = Field(sa_type=UTCDateTime)
    call_at: datetime = Field(sa_type=UTCDateTime)
    closes_at: datetime = Field(sa_type=UTCDateTime)
    call_ts: str | None = Field(default=None, max_length=64)  # platform id of the call post
    summary_ts: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ClinicInvite(SQLModel, table=True):
    """A single-use, expiring invite to link with a clinic; only the code's hash is kept.

    Redeeming sets ``used_at`` with a conditional update, so two people (or
    two retries) racing for one code cannot both get it.
    """

    __tablename__ = "clinic_invites"

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinics.id", index=True)
    code_hash: str = Field(max_length=64, unique=True)  # SHA-256 hex of the code
    label: str | None = Field(default=None, sa_column=Column(EncryptedText, nullable=True))
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by: int | None = Field(default=None, index=True)  # users.id, no key: erasure clears it


class ClinicAlert(SQLModel, table=True):
    """An emergency or see-doctor alert owed to a clinic the person shares with.

    Queued in the turn that raised it; unique per clinic, person, time and
    level, so a redelivered event never queues a second one.
    """

    __tablename__ = "clinic_alerts"
    __table_args__ = (
        UniqueConstraint("clinic_id", "user_id", "raised_at", "level", name="uq_clinic_alert"),
        Index("ix_clinic_alerts_pending", "raised_at",
              sqlite_where=text("posted_at IS NULL"),
              postgresql_where=text("posted_at IS NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    clinic_id: int = Field(foreign_key="clinics.id")
    user_id: int = Field(foreign_key="users.id", index=True)
    raised_at: datetime = Field(sa_type=UTCDateTime)
    level: str = Field(max_length=32)
    posted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
