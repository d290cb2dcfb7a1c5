"""Every resting state of every flow, with a context in which it makes sense.

Used by the tests that must hold "in every state": the emergency detector
and the never-crash, always-reply properties.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from core.messages import Exercise
from flows.context import ClinicLink, Context, Programme, Schedule, Screening, Session
from flows.conversation import Conversation
from flows.turn import ALL_FLOWS

NOW = datetime(2026, 4, 20, 8, 0, tzinfo=UTC)

RESTING_STATES = [
    (flow.name, step.name) for flow in ALL_FLOWS for step in flow.steps if not step.auto
]


def lived_in_context() -> Context:
    """Someone set up, screened clear, six weeks in, mid check-in, asked about a clinic."""
    return Context(
        consent=True,
        consent_at=NOW,
        setup_done=True,
        schedule=Schedule(timezone="Europe/Berlin", remind_at="09:00"),
        screening=Screening(completed_at=NOW, age=45, bending_worse="yes", standing_worse="no"),
        programme=Programme(
            primary=Exercise.PRESSUP_EXTENSION, first_day=date(2026, 3, 3), phase="tensioner",
            sessions=40, checkins=41, baseline_pain=6, recent_pains=[3, 2, 2],
            recent_flares=[False, False, False], last_checkin=date(2026, 4, 19), streak=40,
        ),
        session=Session(
            started_at=NOW, local_date=date(2026, 4, 20), day=49, pain_before=6,
            floss=Exercise.FLOSS_TENSIONER, floss_note="offer",
            queue=[Exercise.HIP_RELEASE, Exercise.PRESSUP_EXTENSION, Exercise.FLOSS_TENSIONER],
        ),
        clinics={"1": ClinicLink(name="#physio-team")},
        clinic_asking="1",
        prompt_seq=7,
        pain_to_confirm=4,
    )


def conversation_at(flow: str, state: str) -> Conversation:
    """A conversation resting in ``flow.state``."""
    return Conversation(flow=flow, state=state, ctx=lived_in_context(), now=NOW)
