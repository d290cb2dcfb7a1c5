"""A platform that fails for a while: the relay backs off, loses nothing, and recovers.

The real Slack sender (``slack_sdk`` over HTTP) and Telegram sender
(python-telegram-bot) post to the fake APIs on 127.0.0.1 through the shared
:class:`~bot.delivery.Deliverer`, driven the way the worker drives it: a
relay pass every 50 ms.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import SystemClock
from bot.delivery import Deliverer
from bot.slack.sender import SlackSender
from bot.telegram.platform import build_bot
from bot.telegram.sender import TelegramSender
from core.messages import OutgoingMessage
from fakes.http import LocalServer
from fakes.slack import FakeSlack
from fakes.telegram import FakeTelegram, settings_for
from storage.database import Database
from storage.outbox import pending_count
from storage.turns import Turn

CHATS = [f"D0PERSON{n}" for n in range(5)]
TELEGRAM_CHATS = [str(5120036870 + n) for n in range(5)]
OUTAGE_SECONDS = 2.0
RELAY_EVERY = 0.05
CLIENT_TIMEOUT = 1.5  # a healthy answer under a loaded CI machine (4 workers) must not time out


def queue_messages(db: Database, platform: str = "slack", chats: list[str] = CHATS) -> None:
    """Two messages to each of five people, committed and not yet sent by anyone."""
    now = SystemClock().now()
    with db.transaction() as connection:
        turn = Turn(db, connection)
        for chat in chats:
            turn.enqueue(None, platform, chat,
                         [OutgoingMessage(f"first to {chat}"),
                          OutgoingMessage(f"second to {chat}")], now, leased=False)


async def relay_until_done(db: Database, deliverer: Deliverer, deadline: float) -> float:
    """Relay passes until the outbox is empty; returns the seconds it took."""
    started = time.monotonic()
    while pending_count(db) and time.monotonic() - started < deadline:
        await deliverer.relay_once()
        await asyncio.sleep(RELAY_EVERY)
    return time.monotonic() - started


@pytest.fixture
def slack() -> FakeSlack:
    return FakeSlack()


@pytest.fixture
def telegram_api() -> Iterator[FakeTelegram]:
    """The fake Bot API, served on 127.0.0.1."""
    fake = FakeTelegram()
    with LocalServer(fake.app) as server:
        fake.url = server.url
        yield fake
        fake.close()


async def run_outage(db: Database, slack: FakeSlack, kind: str, *,
                     outage: float = OUTAGE_SECONDS, deadline: float = 9.0
                     ) -> tuple[float, FakeSlack]:
    with LocalServer(slack.app) as server:
        client = AsyncWebClient(token="xoxb-test", base_url=f"{server.url}/api/",
                                timeout=CLIENT_TIMEOUT)
        deliverer = Deliverer(db, SystemClock(), [SlackSender(client)])
        queue_messages(db)
        slack.outage(kind, outage, hang=CLIENT_TIMEOUT * 2, retry_after=1.0)
        seconds = await relay_until_done(db, deliverer, deadline=deadline)
    return seconds, slack


async def run_telegram_outage(db: Database, telegram_api: FakeTelegram, status: int, *,
                              outage: float = OUTAGE_SECONDS, deadline: float = 9.0) -> float:
    bot = build_bot(settings_for(telegram_api))
    deliverer = Deliverer(db, SystemClock(), [TelegramSender(bot)])
    queue_messages(db, platform="telegram", chats=TELEGRAM_CHATS)
    telegram_api.outage(status, outage, retry_after=1)
    try:
        return await relay_until_done(db, deliverer, deadline=deadline)
    finally:
        await bot.shutdown()


def assert_all_delivered_once_in_order(slack: FakeSlack) -> None:
    taken = [c for c in slack.posts() if not c.in_outage]
    assert Counter(c.args["text"] for c in taken) == Counter(
        f"{which} to {chat}" for chat in CHATS for which in ("first", "second"))
    for chat in CHATS:
        assert [c.args["text"] for c in taken if c.args["channel"] == chat] == [
            f"first to {chat}", f"second to {chat}"]


@pytest.mark.parametrize("kind", ["500", "hang", "429"])
async def test_every_message_arrives_once_after_the_outage_ends(
        db: Database, slack: FakeSlack, kind: str) -> None:
    seconds, slack = await run_outage(db, slack, kind)
    assert pending_count(db) == 0
    assert seconds >= OUTAGE_SECONDS
    assert_all_delivered_once_in_order(slack)


@pytest.mark.parametrize("kind", ["500", "hang", "429"])
async def test_requests_during_the_outage_stay_few(
        db: Database, slack: FakeSlack, kind: str) -> None:
    seconds, _ = await run_outage(db, slack, kind)
    failed = [c for c in slack.posts() if c.in_outage]
    print("slack", kind, len(failed), "failed requests", f"{seconds:.1f}s")
    # A busy loop would post every 50 ms: 40 times per chat in 2 s. Backing
    # off (1 s, 2 s, then deferred) allows at most 3 attempts per chat, the
    # first message of each chat holding the second back.
    assert 0 < len(failed) <= 3 * len(CHATS)


async def test_it_recovers_within_a_few_seconds_of_the_platform(
        db: Database, slack: FakeSlack) -> None:
    seconds, _ = await run_outage(db, slack, "500")
    assert seconds < OUTAGE_SECONDS + 5


@pytest.mark.parametrize("status", [500, 429])
async def test_telegram_gets_every_message_once_after_an_outage_with_few_requests(
        db: Database, telegram_api: FakeTelegram, status: int) -> None:
    seconds = await run_telegram_outage(db, telegram_api, status)
    assert pending_count(db) == 0
    assert seconds >= OUTAGE_SECONDS
    for chat in TELEGRAM_CHATS:
        assert [c.text for c in telegram_api.sent(int(chat))] == [
            f"first to {chat}", f"second to {chat}"]
    failed = [c for c in telegram_api.calls if c.status != 200]
    print("telegram", status, len(failed), "failed requests", f"{seconds:.1f}s")
    assert 0 < len(failed) <= 3 * len(TELEGRAM_CHATS)


# --- the long variants: a platform down for a whole minute (--slow) ----------------------

MINUTE = 60.0
#: Failed requests a chat may see in a minute: three tries, then deferrals of 4, 8, 16 and
#: 32 s make about twelve; a relay pass every 50 ms without backing off would make 1,200.
MOST_TRIES_A_MINUTE = 15


@pytest.fixture
def sqlite_db(sqlite_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A migrated SQLite file: the minute-long variants are about the relay, not the database."""
    path = tmp_path / "outage.sqlite3"
    shutil.copy(sqlite_template, path)
    database = Database.connect(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["500", "hang", "429"])
async def test_a_minute_of_slack_outage_loses_nothing_and_asks_less_and_less(
        sqlite_db: Database, slack: FakeSlack, kind: str) -> None:
    seconds, slack = await run_outage(sqlite_db, slack, kind, outage=MINUTE,
                                      deadline=MINUTE + 90)
    failed = [c for c in slack.posts() if c.in_outage]
    print("slack", kind, "a minute:", len(failed), "failed requests", f"{seconds:.1f}s")
    assert pending_count(sqlite_db) == 0
    assert_all_delivered_once_in_order(slack)
    assert len(failed) <= MOST_TRIES_A_MINUTE * len(CHATS)


@pytest.mark.slow
@pytest.mark.parametrize("status", [500, 429])
async def test_a_minute_of_telegram_outage_loses_nothing_and_asks_less_and_less(
        sqlite_db: Database, telegram_api: FakeTelegram, status: int) -> None:
    seconds = await run_telegram_outage(sqlite_db, telegram_api, status, outage=MINUTE,
                                        deadline=MINUTE + 90)
    failed = [c for c in telegram_api.calls if c.status != 200]
    print("telegram", status, "a minute:", len(failed), "failed requests", f"{seconds:.1f}s")
    assert pending_count(sqlite_db) == 0
    for chat in TELEGRAM_CHATS:
        assert [c.text for c in telegram_api.sent(int(chat))] == [
            f"first to {chat}", f"second to {chat}"]
    assert len(failed) <= MOST_TRIES_A_MINUTE * len(TELEGRAM_CHATS)
