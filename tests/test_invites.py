"""Invite codes under pressure: one use among racing turns, and the exact expiry instant."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.engine import Engine
from core.messages import InboundEvent
from flows import texts
from storage import clinics, invites
from storage.database import Database
from tests.conftest import START

RACERS = 6


@pytest.fixture
def code(db: Database) -> str:
    """A fresh seven-day invite of a set-up clinic."""
    clinic = clinics.save_clinic(
        db, name="#physio-north", platform="slack", team="T0CLINIC1", channel="C0PHYSIO1",
        call_time="09:30", timezone="Europe/Berlin", window_hours=12,
        next_call_at=START + timedelta(days=1), now=START)
    return invites.create(db, clinic.id, START, timedelta(days=7))


def joins(engine: Engine, person: int, code: str, *, edited: bool = False) -> str:
    """``person`` types ``/join <code>``; everything the bot answered, joined."""
    result = engine.handle(InboundEvent(
        platform="chat", user=f"racer{person}", chat=f"racer{person}",
        event_id=f"join{person}{'-edit' if edited else ''}", at=START,
        text=f"/join {code}", edited=edited))
    return "\n".join(q.message.text for q in result.deliveries)


def test_racing_people_get_one_use_of_a_code(db: Database, code: str) -> None:
    engine = Engine(db, ManualClock(START))
    with ThreadPoolExecutor(RACERS) as pool:
        answers = list(pool.map(lambda person: joins(engine, person, code), range(RACERS)))

    linked = [a for a in answers if "You have an invite from #physio-north" in a]
    refused = [a for a in answers if texts.clinic.INVITE_REFUSED["used"] in a]
    assert (len(linked), len(refused)) == (1, RACERS - 1)


def test_a_code_stops_working_at_its_expiry_instant(db: Database, code: str) -> None:
    with db.transaction() as connection:
        assert invites.redeem(connection, code, 1, START + timedelta(days=7)) == "expired"
        redeemed = invites.redeem(connection, code, 1, START + timedelta(days=7, seconds=-1))
    assert not isinstance(redeemed, str)
    assert redeemed[1] == "#physio-north"


def test_an_edited_message_with_a_code_leaves_the_code_unused(db: Database, code: str) -> None:
    engine = Engine(db, ManualClock(START))
    joins(engine, 1, "hello")
    joins(engine, 1, code, edited=True)

    assert "You have an invite from #physio-north" in joins(engine, 2, code)
