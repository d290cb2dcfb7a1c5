"""Sends per second through the real outbox path to the fake Telegram Bot API.

    .venv/bin/python -m bench.telegram_sends [--chats 150] [--burst 6]

Queues outbox rows in a throw-away SQLite database and delivers them with
the shared :class:`~bot.delivery.Deliverer` and the Telegram sender (real
python-telegram-bot over HTTP to the fake on 127.0.0.1), three ways:

* ``broadcast``: one message to each of ``--chats`` chats, Telegram's limits
  on (30/s overall, 1/s per chat): the overall limit should hold it near 30/s;
* ``one chat``: ``--burst`` messages to a single chat: near 1/s;
* ``unlimited``: the broadcast again with the limiter out of the way, to
  show what the path itself can do (the fake answers at once).

Figures come from the instants the fake received each ``sendMessage``.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

from bot.clock import SystemClock
from bot.delivery import Deliverer, Rate
from bot.telegram.platform import build_bot
from bot.telegram.sender import TelegramSender
from core.messages import Choice, OutgoingMessage
from fakes.http import LocalServer
from fakes.telegram import FakeTelegram, settings_for
from storage.database import Database, create_db_engine, upgrade
from storage.turns import Queued, Turn

MESSAGE = OutgoingMessage("Time for your daily check-in.",
                          choices=(Choice("checkin", "Check in"), Choice("snooze", "Later")),
                          reply_token="1")


def queue(db: Database, chats: list[int], per_chat: int) -> list[Queued]:
    clock = SystemClock()
    items: list[Queued] = []
    with db.transaction() as connection:
        turn = Turn(db, connection)
        for chat in chats:
            items += turn.enqueue(None, "telegram", str(chat), [MESSAGE] * per_chat, clock.now())
    return items


async def run(fake: FakeTelegram, db: Database, rate: Rate, chats: list[int],
              per_chat: int) -> dict[str, float]:
    fake.calls.clear()
    bot = build_bot(settings_for(fake))
    try:
        deliverer = Deliverer(db, SystemClock(), [TelegramSender(bot)], {"telegram": rate})
        items = await asyncio.to_thread(queue, db, chats, per_chat)
        started = time.monotonic()
        await deliverer.deliver(items)
        wall = time.monotonic() - started
    finally:
        await bot.shutdown()
    sends = sorted(c.at for c in fake.calls_of("sendMessage") if c.status == 200)
    assert len(sends) == len(items), "not every message arrived"
    by_chat: dict[int, list[float]] = defaultdict(list)
    for call in fake.calls_of("sendMessage"):
        by_chat[call.chat or 0].append(call.at)
    gaps = [b - a for times in by_chat.values() for a, b in pairwise(times)]
    return {
        "messages": len(sends),
        "seconds": wall,
        "per_second": (len(sends) - 1) / (sends[-1] - sends[0]) if len(sends) > 1 else 0.0,
        "busiest_second": max(sum(1 for t in sends if s <= t < s + 1.0) for s in sends),
        "min_gap_same_chat": min(gaps) if gaps else float("nan"),
    }


def report(name: str, figures: dict[str, float]) -> None:
    print(f"{name:<10} {figures['messages']:>5.0f} msgs in {figures['seconds']:6.2f} s  "
          f"= {figures['per_second']:7.1f} sends/s  busiest 1-s window: "
          f"{figures['busiest_second']:4.0f}  min gap in one chat: "
          f"{figures['min_gap_same_chat']:.3f} s")


async def measure(chats: int, burst: int) -> list[tuple[str, dict[str, float]]]:
    """The three runs (broadcast, one chat, unlimited), each with its figures."""
    results: list[tuple[str, dict[str, float]]] = []
    fake = FakeTelegram()
    with tempfile.TemporaryDirectory() as folder, LocalServer(fake.app) as server:
        fake.url = server.url
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        engine = create_db_engine(url)
        upgrade(engine)
        engine.dispose()
        db = Database.connect(url)
        try:
            limits = Rate(per_chat=1.0, overall=30.0)
            people = list(range(1_000_000, 1_000_000 + chats))
            results.append(("broadcast", await run(fake, db, limits, people, 1)))
            results.append(("one chat", await run(fake, db, limits, [999], burst)))
            results.append(("unlimited", await run(fake, db, Rate(1e9, 1e9),
                                                   list(range(2_000_000, 2_000_000 + chats)), 1)))
        finally:
            fake.close()
            db.dispose()
    return results


async def main(chats: int, burst: int) -> None:
    for name, figures in await measure(chats, burst):
        report(name, figures)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=150)
    parser.add_argument("--burst", type=int, default=6)
    options = parser.parse_args()
    asyncio.run(main(options.chats, options.burst))
