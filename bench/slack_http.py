"""Slack figures: ack latency of /slack/events, and posting rates under the limiter.

    .venv/bin/python bench/slack_http.py [--events 300] [--db postgresql://...]

Ack latency is the time from sending a correctly signed ``message.im``
event to the HTTP answer, which comes after the turn is committed
(``process_before_response``); deliveries run after it. Each event is a
different person's first message, so every ack includes creating the
person. The rates post through the real ``SlackSender`` and the shared
``Deliverer`` to the fake Web API on 127.0.0.1: one channel (limited to
``SLACK_RATE_PER_CHANNEL``, 1/s) and many channels (limited overall).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.delivery import Deliverer, Rate, RateLimiter
from core.messages import OutgoingMessage
from fakes.http import LocalServer
from fakes.slack import FakeSlack
from fakes.slack_workspace import SlackWorkspace
from storage.database import Database, create_db_engine, upgrade
from storage.turns import Turn

START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def ack_latency(db: Database, api: str, fake: FakeSlack, events: int) -> list[float]:
    slack = SlackWorkspace(db, fake, api, START)
    timings = []
    try:
        for n in range(events):
            payload = slack.message_event("hello", user=f"U{n:08d}")
            began = time.perf_counter()
            response = await slack.post("/slack/events",
                                        json.dumps(payload).encode(),
                                        "application/json")
            timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        await slack.settle()
    finally:
        await slack.http.aclose()
    return timings


async def post_rate(db: Database, api: str, fake: FakeSlack, channels: list[str],
                    per_channel: int) -> tuple[float, float]:
    """Posts per second, and the mean gap between posts to one channel (seconds)."""
    slack = SlackWorkspace(db, fake, api, START)
    deliverer: Deliverer = slack.service.deliverer
    deliverer.limiters["slack"] = RateLimiter(Rate(per_chat=1.0, overall=20.0))  # the defaults
    with db.transaction() as connection:
        turn = Turn(db, connection)
        queued = [q for channel in channels for q in turn.enqueue(
            None, "slack", channel,
            [OutgoingMessage(f"post {i}") for i in range(per_channel)], START)]
    began = time.perf_counter()
    await deliverer.deliver(queued)
    elapsed = time.perf_counter() - began
    await slack.http.aclose()
    return len(queued) / elapsed, elapsed / max(1, per_channel - 1)


def database(url: str | None, folder: Path, name: str) -> Database:
    if url:
        engine = create_db_engine(url)
        upgrade(engine)
        return Database(engine)
    path = folder / f"{name}.sqlite3"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    return Database(engine)


async def channel_rates(folder: Path, per_channel: int, channels: int
                        ) -> tuple[float, float]:
    """Slack's default limits at work: (seconds between posts to one channel, posts/s).

    The second figure is for one post to each of ``channels`` channels at once.
    """
    fake = FakeSlack()
    with LocalServer(fake.app) as server:
        db = database(None, folder, "rate")
        try:
            _, gap = await post_rate(db, server.url, fake, ["C0BENCH01"], per_channel)
            many, _ = await post_rate(db, server.url, fake,
                                      [f"C0BENCH{n:02d}" for n in range(channels)], 1)
        finally:
            db.dispose()
    return gap, many


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--db", help="a PostgreSQL URL to an empty database (default: SQLite)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    fake = FakeSlack()
    try:
        with LocalServer(fake.app) as server:
            db = database(args.db, folder, "ack")
            timings = await ack_latency(db, server.url, fake, args.events)
            kind = "PostgreSQL" if args.db else "SQLite"
            print(f"ack latency, /slack/events, {len(timings)} signed first messages ({kind}): "
                  f"p50 {statistics.median(timings):.1f} ms, p99 {percentile(timings, 99):.1f} ms,"
                  f" max {max(timings):.1f} ms")
            db.dispose()
            db = database(None, folder, "rate")
            _, gap = await post_rate(db, server.url, fake, ["C0BENCH01"], 6)
            print(f"6 posts to one channel at SLACK_RATE_PER_CHANNEL=1: one every {gap:.2f} s")
            many, _ = await post_rate(db, server.url, fake,
                                      [f"C0BENCH{n:02d}" for n in range(40)], 1)
            print(f"40 posts to 40 channels at SLACK_RATE_GLOBAL=20: {many:.1f} posts/s")
            db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
