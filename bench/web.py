"""The web path: webhook requests to a real `sciatica-bot serve` on 127.0.0.1.

A bounded load generator (a fixed number of requests, a fixed number in
flight) posts Telegram updates to ``/telegram/webhook`` and correctly
signed Slack ``message.im`` events to ``/slack/events``; the server answers
after the turn is committed. Reports requests/s and p50/p99 to the 200.
The fake Bot API and Web API run in this process and take the replies.

    python -m bench.web [--requests 3000] [--slack 1000] [--db postgresql://...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.reminders import scratch_database
from bench.turns import percentile
from bot.telegram.webhook import SECRET_HEADER
from fakes.http import LocalServer
from fakes.serve_process import serving
from fakes.slack import FakeSlack
from fakes.slack_workspace import SECRET as SLACK_SECRET
from fakes.slack_workspace import dm_of, fixture, signature
from fakes.telegram import TOKEN, FakeTelegram

TELEGRAM_SECRET = "bench-secret_0123456789"


@dataclass(frozen=True)
class Load:
    """What one load run measured."""

    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def serve(database_url: str, telegram: FakeTelegram, slack_api: str, **extra: str
          ) -> AbstractContextManager[str]:
    """`sciatica-bot serve` as its own process, pointed at the fakes (``extra``: more settings)."""
    return serving({
        "DATABASE_URL": database_url, "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET, "TELEGRAM_API_URL": f"{telegram.url}/bot",
        "TELEGRAM_FILE_URL": f"{telegram.url}/file/bot", "TELEGRAM_RATE_PER_CHAT": "1000",
        "TELEGRAM_RATE_GLOBAL": "5000", "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_API_URL": f"{slack_api}/api/",
        "SLACK_RATE_PER_CHANNEL": "1000", "SLACK_RATE_GLOBAL": "5000", **extra,
    })


async def _load(requests: list[tuple[str, bytes, dict[str, str]]], in_flight: int) -> Load:
    latencies: list[float] = []
    errors = 0
    queue = iter(requests)
    async with httpx.AsyncClient(timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            for url, body, headers in queue:
                started = time.perf_counter()
                response = await client.post(url, content=body, headers=headers)
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(in_flight)))
        seconds = time.perf_counter() - started
    return Load(len(latencies), seconds, errors, percentile(latencies, 50) * 1000,
                percentile(latencies, 99) * 1000)


def telegram_load(url: str, fake: FakeTelegram, count: int, people: int, in_flight: int
                  ) -> Load:
    """``count`` updates from ``people`` people: first contact, then answers."""
    texts = ["hello", "1", "yes", "Berlin", "09:00", "no", "tips", "help"]
    requests = []
    for n in range(count):
        person, step = 7_000_000 + n % people, n // people
        update = fake.text_update(person, texts[step % len(texts)])
        requests.append((url + "/telegram/webhook", json.dumps(update).encode(),
                         {SECRET_HEADER: TELEGRAM_SECRET, "content-type": "application/json"}))
    return asyncio.run(_load(requests, in_flight))


def slack_load(url: str, count: int, in_flight: int) -> Load:
    """``count`` signed first messages from different Slack users."""
    requests = []
    stamp = str(int(time.time()))
    for n in range(count):
        payload = fixture("message_im")
        payload["event_id"] = f"EvBench{n:08d}"
        user = f"U{n:08d}"
        payload["event"].update(user=user, text="hello", channel=dm_of(user))
        body = json.dumps(payload).encode()
        requests.append((url + "/slack/events", body, {
            "content-type": "application/json", "x-slack-request-timestamp": stamp,
            "x-slack-signature": signature(body, stamp)}))
    return asyncio.run(_load(requests, in_flight))


def run(server_url: str | None, folder: Path, requests: int, slack: int, in_flight: int
        ) -> tuple[Load, Load]:
    """Both loads against one fresh database; returns (Telegram, Slack)."""
    telegram_fake, slack_fake = FakeTelegram(), FakeSlack()
    telegram_server, slack_server = LocalServer(telegram_fake.app), LocalServer(slack_fake.app)
    telegram_fake.url = telegram_server.url
    telegram_server.start()
    slack_server.start()
    try:
        with scratch_database(server_url, folder) as url, \
                serve(url, telegram_fake, slack_server.url) as base:
            return (telegram_load(base, telegram_fake, requests, max(1, requests // 8),
                                  in_flight),
                    slack_load(base, slack, in_flight))
    finally:
        telegram_fake.close()
        telegram_server.stop()
        slack_server.stop()


def main() -> None:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--slack", type=int, default=1000)
    parser.add_argument("--in-flight", type=int, default=16)
    parser.add_argument("--db", help="PostgreSQL server URL (default: a SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        telegram, slack = run(args.db, Path(folder), args.requests, args.slack, args.in_flight)
    for name, load in (("Telegram webhook", telegram), ("Slack events (ack)", slack)):
        print(f"{name}: {load.requests} requests, {load.per_second:.0f}/s, "
              f"p50 {load.p50_ms:.1f} ms, p99 {load.p99_ms:.1f} ms, non-200: {load.errors}")


if __name__ == "__main__":
    main()
