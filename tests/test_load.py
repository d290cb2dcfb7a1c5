"""Bounded webhook load on a real `sciatica-bot serve` process.

A fixed number of Telegram updates and signed Slack events, a fixed number
in flight, so every run stops by itself: no 5xx (no answer but 200), every
update stored once, and with the database pool squeezed to two connections
the turns wait for one instead of failing. The 60-second variant runs with
``--slow``; the figures it prints are in docs/reliability.md.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, func, select, text

from bench import web
from fakes.http import LocalServer
from fakes.slack import FakeSlack
from fakes.telegram import FakeTelegram
from storage.database import Database, normalise_url
from storage.tables import processed


@dataclass
class Fakes:
    """The fake Bot API and Web API, listening on loopback."""

    telegram: FakeTelegram
    slack_url: str


@pytest.fixture
def fake_platforms() -> Iterator[Fakes]:
    telegram, slack = FakeTelegram(), FakeSlack()
    telegram_server, slack_server = LocalServer(telegram.app), LocalServer(slack.app)
    telegram.url = telegram_server.url
    telegram_server.start()
    slack_server.start()
    try:
        yield Fakes(telegram, slack_server.url)
    finally:
        telegram.close()
        telegram_server.stop()
        slack_server.stop()


def stored_events(database_url: str) -> int:
    db = Database.connect(database_url)
    try:
        with db.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(processed)).scalar_one())
    finally:
        db.dispose()


def run_load(database_url: str, fakes: Fakes, *, updates: int, events: int, in_flight: int,
             **settings: str) -> tuple[web.Load, web.Load]:
    with web.serve(database_url, fakes.telegram, fakes.slack_url, **settings) as base:
        telegram = web.telegram_load(base, fakes.telegram, updates, max(1, updates // 8),
                                     in_flight)
        slack = web.slack_load(base, events, in_flight)
    print(f"\nTelegram {telegram.requests} at {telegram.per_second:.0f}/s, p99 "
          f"{telegram.p99_ms:.1f} ms; Slack {slack.requests} at {slack.per_second:.0f}/s, "
          f"p99 {slack.p99_ms:.1f} ms; non-200: {telegram.errors + slack.errors}")
    return telegram, slack


@pytest.mark.long
def test_a_bounded_webhook_load_gets_only_200s_and_every_update_is_stored(
        database_url: str, fake_platforms: Fakes) -> None:
    telegram, slack = run_load(database_url, fake_platforms, updates=480, events=120,
                               in_flight=16)

    assert (telegram.errors, slack.errors) == (0, 0)
    assert stored_events(database_url) == 480 + 120


@pytest.mark.slow
def test_sixty_seconds_of_webhook_load_gets_only_200s_and_every_update_is_stored(
        database_url: str, fake_platforms: Fakes) -> None:
    telegram, slack = run_load(database_url, fake_platforms, updates=18_000, events=2_000,
                               in_flight=16)

    assert (telegram.errors, slack.errors) == (0, 0)
    assert stored_events(database_url) == 18_000 + 2_000


class ConnectionWatch:
    """Samples how many client connections are open to one PostgreSQL database."""

    def __init__(self, database_url: str) -> None:
        url = normalise_url(database_url)
        self.name = url.rsplit("/", 1)[1]
        # Autocommit: pg_stat_activity is a snapshot held for a whole transaction.
        self.admin = create_engine(url.rsplit("/", 1)[0] + "/postgres",
                                   isolation_level="AUTOCOMMIT")
        self.most = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        with self.admin.connect() as connection:
            while not self._stop.wait(0.02):
                # Client backends only: autovacuum and parallel query workers carry
                # the database's name too, and are not connections the server opened.
                count = connection.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE datname = :name"
                         " AND backend_type = 'client backend'"),
                    {"name": self.name}).scalar_one()
                self.most = max(self.most, int(count))

    def __enter__(self) -> ConnectionWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.admin.dispose()


@pytest.mark.long
def test_turns_wait_for_a_connection_when_the_pool_is_exhausted(
        postgres_url: str, fake_platforms: Fakes) -> None:
    with ConnectionWatch(postgres_url) as watch:
        telegram, slack = run_load(postgres_url, fake_platforms, updates=320, events=80,
                                   in_flight=32, DB_POOL_SIZE="2", DB_MAX_OVERFLOW="0")

    assert (telegram.errors, slack.errors) == (0, 0)
    assert stored_events(postgres_url) == 320 + 80
    assert 1 <= watch.most <= 2
