"""Several processes on one PostgreSQL database: every effect exactly once."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bench.population import seed_reminders
from fakes.dispatcher_process import dispatch_until_idle
from fakes.sink import SinkProcess
from storage.database import Database
from storage.tables import deliveries, outbox

NOW = datetime(2026, 3, 2, 9, 0, 30, tzinfo=UTC)
PEOPLE = 10_000
PROCESSES = 4


@pytest.mark.long
def test_four_dispatchers_send_ten_thousand_reminders_exactly_once(postgres_url: str) -> None:
    db = Database.connect(postgres_url)
    seed_reminders(db, PEOPLE, platform="sink", first_due=NOW - timedelta(seconds=30))
    with SinkProcess() as sink:
        context = multiprocessing.get_context("spawn")
        with context.Pool(PROCESSES) as pool:
            queued = pool.starmap(
                dispatch_until_idle,
                [(postgres_url, sink.url, NOW.isoformat(), 200)] * PROCESSES,
            )
        report = sink.report()
    per_chat = report.per_chat()
    assert len(report.received) == PEOPLE
    assert len(per_chat) == PEOPLE
    assert max(per_chat.values()) == 1
    assert sum(queued) == PEOPLE
    assert sum(1 for n in queued if n > 0) > 1, "the work was shared"
    with db.engine.connect() as connection:
        keys = connection.execute(select(func.count()).select_from(deliveries)).scalar_one()
        unsent = connection.execute(
            select(func.count()).select_from(outbox).where(outbox.c.sent_at.is_(None))
        ).scalar_one()
    assert keys == PEOPLE
    assert unsent == 0
    db.dispose()
