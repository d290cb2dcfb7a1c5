"""Facts a turn wants stored, beyond the conversation itself.

Flows append these to the conversation; the engine writes them in the same
transaction as the new state. They are the audit trail: nothing here is
ever updated, only added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from core.messages import Alert


@dataclass(frozen=True, slots=True)
class ScreeningAnswered:
    """One answer to one screening or check-in safety question."""

    at: datetime
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class SafetyRaised:
    """A safety level was reached; ``source`` says how (screening, free_text ...)."""

    at: datetime
    level: Alert
    source: str


@dataclass(frozen=True, slots=True)
class SafetyCleared:
    """The person confirmed a clinician examined them; the pause is lifted."""

    at: datetime
    level: Alert


@dataclass(frozen=True, slots=True)
class ConsentChanged:
    """Consent to store health data was given or withdrawn."""

    at: datetime
    given: bool


@dataclass(frozen=True, slots=True)
class SessionFinished:
    """One check-in, finished or abandoned."""

    at: datetime
    started_at: datetime
    local_date: date
    day: int
    pain_before: int
    pain_after: int | None
    flare: bool
    floss: str
    outcomes: tuple[tuple[str, str], ...]
    status: str  # completed / rested / abandoned


@dataclass(frozen=True, slots=True)
class ActivityNamed:
    """An everyday activity the person finds hard (PSFS), in their own words."""

    at: datetime
    slot: int  # 1-3
    name: str


@dataclass(frozen=True, slots=True)
class OutcomeScored:
    """One answer to an outcome question (PROTOCOL.md section 5).

    ``measure`` and ``item`` name the question (see :mod:`flows.measures`):
    ``reach`` (0 back only ... 4 into the foot), ``movement`` after the
    press-ups or knee hugs (item: the exercise; -1 up, 0 the same, 1 further
    down), ``reach_spread`` (the pain reached further down than at first on
    three days running; the score is the latest reach), ``back_pain``,
    ``peg`` (items ``pain``, ``enjoyment``, ``activity``), ``psfs`` (item:
    the activity's slot) and ``pgic`` (1 very much better ... 7 very much worse).
    """

    at: datetime
    local_date: date
    measure: str
    item: str
    score: int
    occasion: str  # daily / setup / weekly / review


@dataclass(frozen=True, slots=True)
class ReviewDone:
    """The six-week review and the figures it compared."""

    at: datetime
    result: str  # better / not_better
    baseline: int
    recent_average: float


@dataclass(frozen=True, slots=True)
class ClinicJoined:
    """The person pressed a clinic's check-in call for the first time, or used its invite."""

    at: datetime
    clinic_id: int
    label: str = ""  # how the clinic named them on the invite, if it did


@dataclass(frozen=True, slots=True)
class ClinicSharingChanged:
    """Consent to share the daily note with a clinic was given or withdrawn."""

    at: datetime
    clinic_id: int
    given: bool


@dataclass(frozen=True, slots=True)
class ClinicianCommandRefused:
    """A clinician's command typed where the person cannot be a clinician (audited)."""

    at: datetime
    command: str  # the command's words only (``patients``, ``clinic export``), no argument


@dataclass(frozen=True, slots=True)
class ExportRequested:
    """The person asked for a copy of their data (audited once, in the asking turn)."""

    at: datetime


@dataclass(frozen=True, slots=True)
class ErasureRequested:
    """The person confirmed: erase everything stored about them with this turn."""

    at: datetime


Record = (
    ScreeningAnswered | SafetyRaised | SafetyCleared | ConsentChanged | SessionFinished | ReviewDone
    | ActivityNamed | OutcomeScored | ClinicJoined | ClinicSharingChanged | ClinicianCommandRefused
    | ExportRequested
    | ErasureRequested
)
