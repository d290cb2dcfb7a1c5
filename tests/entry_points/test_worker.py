"""``sciatica-bot worker``: the reminder someone asked for reaches them on Telegram.

Anna set up a few minutes ago (through the engine, as any adapter does)
and asked for her reminder at a time that has just passed; the worker,
started from the installed command, sends it through the real
python-telegram-bot to the fake Bot API, with the buttons to answer.
"""

from __future__ import annotations

import signal
import uuid
from datetime import UTC, datetime, timedelta

import httpx

from bot.clock import ManualClock
from bot.engine import Engine
from core.messages import InboundEvent
from fakes.http import free_port
from fakes.telegram import TOKEN, FakeTelegram
from storage.database import Database, upgrade
from storage.turns import mark_sent
from tests.entry_points.processes import Shell

ANNA = 5_550_002


def set_up_with_a_reminder_just_due(database: str) -> None:
    """Anna's setup ten minutes ago, her daily reminder five minutes ago (local noon or so)."""
    now = datetime.now(UTC)
    zone = f"Etc/GMT{now.hour - 12:+d}"  # local time is about noon: the day is not ending
    local = now + timedelta(hours=12 - now.hour)
    db = Database.connect(f"sqlite:///{database}")
    try:
        upgrade(db.engine)
        clock = ManualClock(now - timedelta(minutes=10))
        engine = Engine(db, clock)
        answers = ["hi", "1", "1", zone, (local - timedelta(minutes=5)).strftime("%H:%M"),
                   *["no"] * 9, "45", "yes", "no", "Later"]
        for text in answers:
            turn = engine.handle(InboundEvent(platform="telegram", user=str(ANNA),
                                              chat=str(ANNA), event_id=uuid.uuid4().hex,
                                              at=clock.now(), text=text))
            mark_sent(db, [q.outbox_id for q in turn.deliveries], clock.now())  # she saw them
    finally:
        db.dispose()


def test_the_worker_sends_a_due_reminder_and_answers_health_checks(
        shell: Shell, fake_telegram: FakeTelegram, sqlite_file: str) -> None:
    set_up_with_a_reminder_just_due(sqlite_file)
    metrics_port = free_port()
    with shell.start("sciatica-bot", "worker", "--metrics-port", str(metrics_port),
                     TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=f"{fake_telegram.url}/bot",
                     DATABASE_URL=sqlite_file, WORKER_INTERVAL_SECONDS="0.5") as worker:
        worker.wait_until(lambda: fake_telegram.sent(ANNA), "the reminder")
        worker.wait_healthy(f"http://127.0.0.1:{metrics_port}")
        metrics = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10).text

        # With --metrics-port uvicorn runs the loop: it ends by the signal it stopped on.
        assert worker.stop(signal.SIGTERM) in (0, -signal.SIGTERM)
    [reminder] = fake_telegram.sent(ANNA)
    assert "check-in" in reminder.params["text"]
    assert reminder.buttons
    assert 'sciatica_messages_sent_total{platform="telegram"} 1.0' in metrics
    messages = worker.log_messages()
    assert any(m.startswith("telegram: on") for m in messages), messages
    assert "Traceback" not in worker.stderr
