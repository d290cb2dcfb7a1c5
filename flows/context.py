"""What the bot remembers about one person between turns.

The context is stored as JSON on the conversation row and is everything a
turn needs, so a turn reads one row however long the history grows. The
full history (every answer, every session) is kept in separate tables for
audit, export and charts; the fields here are its running summary.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from core.messages import Alert, Exercise

FlossPhase = Literal["slider", "tensioner", "maintenance"]
Outcome = Literal["done", "skip", "too_painful"]


class Schedule(BaseModel):
    """Reminder preferences, in the person's own local time."""

    timezone: str = "UTC"
    remind_at: str | None = None  # "HH:MM" local; None means no reminders
    stopped_at: str | None = None  # the time reminders had before /stop, for /resume
    paused_until: date | None = None  # no reminders up to and including this local date
    snoozed_until: datetime | None = None  # one extra reminder at this instant
    quiet_start: str | None = None  # "HH:MM": no reminders from here ...
    quiet_end: str | None = None  # ... to here (may wrap past midnight)
    days: str = "1234567"  # ISO weekdays reminders run on


class Screening(BaseModel):
    """Answers of the initial screening that later decisions depend on."""

    completed_at: datetime | None = None
    flags: list[str] = Field(default_factory=list)  # see-doctor triggers answered yes
    surgical: bool = False
    age: int | None = None
    bending_worse: str | None = None  # yes / no / unsure
    standing_worse: str | None = None


class Asking(BaseModel):
    """The safety question in progress: the red flag asked about, and where the person was."""

    concern: str  # a flows.symptoms.Concern value
    flow: str
    state: str


class Safety(BaseModel):
    """An active safety pause; exercises are never shown while ``hold`` is set.

    ``raised_by`` is a digest of the message that raised the pause (never its
    words), so a second copy of it cannot lift the pause; ``checked_on`` is
    the local date the cauda equina questions were last answered no.
    """

    hold: Alert | None = None
    since: datetime | None = None
    asking: Asking | None = None
    #: See-a-doctor signs told before screening finished (screening flag names, or
    #: "surgical"): screening's advice names them.
    noted: list[str] = Field(default_factory=list)
    raised_by: str | None = None
    checked_on: date | None = None


class Programme(BaseModel):
    """Running summary of the exercise programme."""

    primary: Exercise | None = None  # pressup_extension or knee_hugs
    first_day: date | None = None  # local date of the first exercise session (day 1)
    phase: FlossPhase = "slider"
    slider_sessions_left: int = 0  # forced slider sessions after a tensioner flare
    recent_flares: list[bool] = Field(default_factory=list)  # last 3 sessions, oldest first
    sessions: int = 0  # completed exercise sessions
    checkins: int = 0  # check-ins of any kind (rested ones too)
    baseline_pain: int | None = None  # pain at the first check-in
    recent_pains: list[int] = Field(default_factory=list)  # last 3 check-ins, oldest first
    # pain after each of those check-ins (None: rested); older contexts may hold fewer
    recent_after: list[int | None] = Field(default_factory=list)
    last_checkin: date | None = None
    streak: int = 0
    review_on: date | None = None
    review_result: Literal["better", "not_better"] | None = None


class Session(BaseModel):
    """The check-in in progress."""

    started_at: datetime
    local_date: date
    day: int
    pain_before: int
    floss: Exercise
    floss_note: Literal["", "offer", "switch", "back_to_slider"] = ""
    queue: list[Exercise] = Field(default_factory=list)
    index: int = 0
    outcomes: dict[str, Outcome] = Field(default_factory=dict)
    pain_after: int | None = None


class ReachOnDay(BaseModel):
    """How far down the leg the pain reached at the last check-in of one local day."""

    on: date
    reach: int  # 0 back only ... 4 into the foot (flows.measures.REACHES)


class Round(BaseModel):
    """A set of outcome questions in progress: the weekly ones, or the review's."""

    purpose: Literal["weekly", "review"]
    first: bool = False  # the first round of all: it sets the start
    items: list[str] = Field(default_factory=list)  # flows.measures item ids, in order
    index: int = 0
    answers: dict[str, int] = Field(default_factory=dict)  # this round's answers by item
    peg_kept: bool = False  # its PEG score went into the running summary


class Outcomes(BaseModel):
    """Running summary of the outcome measures (PROTOCOL.md section 5).

    Every answer is also a record; these fields are what the next question,
    ``/progress`` and the review need without reading the history.
    """

    activities: list[str] = Field(default_factory=list)  # PSFS, the person's words (max 3)
    first_reach: int | None = None  # at the first check-in that said where the pain reached
    reach_days: list[ReachOnDay] = Field(default_factory=list)  # last 3 days, oldest first
    spreading: bool = False  # the person was told the pain reaches further down than at first
    movements: list[int] = Field(default_factory=list)  # last 2 answers after the press-ups
    primary_stopped_on: date | None = None  # pain spread down: no press-ups on this local date
    last_round: date | None = None  # local date the last weekly or review questions began
    psfs_rated_on: date | None = None  # local date the activities were last rated
    first: dict[str, float] = Field(default_factory=dict)  # first score by measure key
    latest: dict[str, float] = Field(default_factory=dict)  # latest score by measure key
    global_change: str | None = None  # answer at the last six-week review (PGIC)
    round: Round | None = None


class ClinicLink(BaseModel):
    """A clinic whose team check-ins the person joined, and their choice about sharing."""

    name: str
    sharing: bool | None = None  # None: not asked yet
    decided_at: datetime | None = None
    invited: bool = False  # came by an invite code: asked once set up and screened
    label: str = ""  # how the clinic named them on the invite
    clinicians: list[str] = Field(default_factory=list)  # names ("" unknown) when last asked
    place: str | None = None  # the clinicians' private channel; None: their DMs


class Context(BaseModel):
    """Everything remembered about one person, serialised on their conversation."""

    consent: bool = False
    consent_at: datetime | None = None
    setup_done: bool = False
    schedule: Schedule = Field(default_factory=Schedule)
    screening: Screening = Field(default_factory=Screening)
    safety: Safety = Field(default_factory=Safety)
    programme: Programme = Field(default_factory=Programme)
    session: Session | None = None
    outcomes: Outcomes = Field(default_factory=Outcomes)
    prompt_seq: int = 0
    pain_to_confirm: int | None = None  # a score read back to the person before it is stored
    clinics: dict[str, ClinicLink] = Field(default_factory=dict)  # by clinic id
    clinic_asking: str | None = None  # the clinic the sharing question is about
