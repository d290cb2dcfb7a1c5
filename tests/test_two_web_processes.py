"""Two `sciatica-bot serve` processes on one PostgreSQL database.

One person's updates arrive at either process: the conversation ends exactly
as with one process, and a burst sent to both at once loses no update.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

import httpx
import pytest
from sqlalchemy import func, select

from bot.telegram.webhook import SECRET_HEADER
from fakes.http import LocalServer
from fakes.serve_process import serving
from fakes.telegram import TOKEN, FakeTelegram
from flows.context import Context
from storage.database import Database
from storage.tables import conversations, outbox, processed, sessions

SECRET = "two-processes-secret_0123456789"
PATIENT = 5_100_000_001
ANSWERS = ["hello", "1", "yes", "Europe/Berlin", "09:00", *["no"] * 9, "45", "yes", "no",
           "no thanks", "later", "/checkin", "4", "thigh", "no", "done", "skip", "too_painful",
           "3", "not now", "tips", "/progress"]


def serve_against(database_url: str, fake: FakeTelegram) -> AbstractContextManager[str]:
    """A `serve` process on ``database_url`` talking to the fake Bot API."""
    return serving({
        "DATABASE_URL": database_url, "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET, "TELEGRAM_API_URL": f"{fake.url}/bot",
        "TELEGRAM_FILE_URL": f"{fake.url}/file/bot", "TELEGRAM_RATE_PER_CHAT": "1000",
        "TELEGRAM_RATE_GLOBAL": "1000", "WORKER_INTERVAL_SECONDS": "0.2",
        "SLACK_BOT_TOKEN": "",
    })


def post(url: str, update: dict[str, object]) -> None:
    response = httpx.post(url + "/telegram/webhook", json=update,
                          headers={SECRET_HEADER: SECRET}, timeout=30)
    assert response.status_code == 200, response.text


def settle(db: Database, updates: int) -> None:
    """Wait until every update is processed and every message delivered."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with db.engine.connect() as connection:
            handled = connection.execute(select(func.count()).select_from(processed)).scalar_one()
            waiting = connection.execute(
                select(func.count()).select_from(outbox)
                .where(outbox.c.sent_at.is_(None), outbox.c.failed_at.is_(None))).scalar_one()
        if handled == updates and waiting == 0:
            return
        time.sleep(0.05)
    raise AssertionError("the processes did not settle")


def conversation(db: Database) -> tuple[str, str, Context, int]:
    with db.engine.connect() as connection:
        row = connection.execute(select(conversations)).one()
    return row.flow, row.state, Context.model_validate_json(row.context), row.version


def run(database_url: str, processes: int, *, copies: bool = False
        ) -> tuple[tuple[str, str, Context, int], list[str]]:
    """Feed every answer, alternating between ``processes`` servers, one after another.

    With ``copies`` each update goes to both servers at the same moment, as
    a platform's redelivery racing the original would.
    """
    fake = FakeTelegram()
    server = LocalServer(fake.app)
    fake.url = server.url
    server.start()
    db = Database.connect(database_url)
    try:
        with serve_against(database_url, fake) as first, \
                (serve_against(database_url, fake) if processes == 2 else _same(first)) as second:
            targets = [first, second]
            for index, text in enumerate(ANSWERS):
                update = fake.text_update(PATIENT, text)
                if copies:
                    post_at_once(targets, update)
                else:
                    post(targets[index % 2], update)
                settle(db, index + 1)
            texts = [call.text for call in fake.sent(PATIENT)]
        return conversation(db), texts
    finally:
        db.dispose()
        fake.close()
        server.stop()


def post_at_once(urls: list[str], update: dict[str, object]) -> None:
    """The same update to every server, released together."""
    start = threading.Barrier(len(urls))

    def send(url: str) -> None:
        start.wait()
        post(url, update)

    threads = [threading.Thread(target=send, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@contextmanager
def _same(url: str) -> Iterator[str]:
    yield url


def _comparable(context: Context) -> dict[str, object]:
    """What the conversation remembers, without the instants that differ between runs."""
    data = context.model_dump(mode="json")
    data.pop("consent_at")
    data["screening"].pop("completed_at")
    return data


@pytest.fixture
def second_postgres_url(postgres_template: str | None) -> Iterator[str]:
    from tests.conftest import _fresh_postgres

    if postgres_template is None:
        pytest.skip("no PostgreSQL: set TEST_POSTGRES_URL or run `python3 dev.py test`")
    with _fresh_postgres(postgres_template) as url:
        yield url


@pytest.mark.long
def test_interleaved_updates_end_as_with_one_process(postgres_url: str,
                                                    second_postgres_url: str) -> None:
    (flow2, state2, context2, version2), texts2 = run(postgres_url, processes=2)
    (flow1, state1, context1, version1), texts1 = run(second_postgres_url, processes=1)
    assert (flow2, state2, version2) == (flow1, state1, version1) == ("menu", "idle",
                                                                     len(ANSWERS))
    assert _comparable(context2) == _comparable(context1)
    assert texts2 == texts1


@pytest.mark.long
def test_a_burst_at_both_processes_loses_no_update(postgres_url: str) -> None:
    fake = FakeTelegram()
    server = LocalServer(fake.app)
    fake.url = server.url
    server.start()
    db = Database.connect(postgres_url)
    try:
        with serve_against(postgres_url, fake) as first, \
                serve_against(postgres_url, fake) as second:
            post(first, fake.text_update(PATIENT, "hello"))
            settle(db, 1)
            updates = [fake.text_update(PATIENT, "tips") for _ in range(30)]
            with httpx.Client(timeout=30) as client:
                import concurrent.futures

                with concurrent.futures.ThreadPoolExecutor(8) as pool:
                    statuses = list(pool.map(
                        lambda pair: client.post(
                            pair[1] + "/telegram/webhook", json=pair[0],
                            headers={SECRET_HEADER: SECRET}).status_code,
                        [(u, (first, second)[i % 2]) for i, u in enumerate(updates)]))
            assert statuses == [200] * len(updates)
            settle(db, 1 + len(updates))
        *_, version = conversation(db)
        assert version == 1 + len(updates)
    finally:
        db.dispose()
        fake.close()
        server.stop()


@pytest.mark.long
def test_one_update_arriving_at_both_processes_at_once_has_one_effect(
        postgres_url: str, second_postgres_url: str) -> None:
    (flow2, state2, context2, version2), texts2 = run(postgres_url, processes=2, copies=True)
    (flow1, state1, context1, version1), texts1 = run(second_postgres_url, processes=1)

    assert (flow2, state2, version2) == (flow1, state1, version1)
    assert _comparable(context2) == _comparable(context1)
    assert texts2 == texts1
    db = Database.connect(postgres_url)
    try:
        with db.engine.connect() as connection:
            stored = connection.execute(select(func.count()).select_from(sessions)).scalar_one()
    finally:
        db.dispose()
    assert stored == 1
