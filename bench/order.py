"""Order per chat through faults and SIGKILLs: a chaos run that checks what each chat received.

Several processes commit messages to a shared set of chats (each message
numbered, inside its transaction, by its place in its chat's commit order) and
deliver them as the bot does: right after commit, chained per chat, with the
outbox relay beside them. The platform (a sink in its own process) refuses a
share of requests at random (a 500, or a 429 for that chat), and the parent
SIGKILLs a random process at random moments, starting a new one in its place.
At the end a relay sends whatever is left, and every chat's arrivals are
checked: every message arrived, and the first arrival of each is in commit
order (a message sent but not yet marked sent when its process died may come
again, right after: at least once, never out of order).

    python -m bench.order [--chats 40] [--processes 3] [--seconds 20] [--kills 10]
                          [--faults 0.1] [--db postgresql://...]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import multiprocessing
import random
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select, text

from bench.reminders import scratch_database
from core.messages import OutgoingMessage
from fakes.sink import SinkProcess, SinkSender
from storage.database import Database
from storage.tables import outbox

PLATFORM = "sink"
#: Leases as short as this in the chaos processes, so a killed one's rows come back quickly.
LEASE_SECONDS = 2.0


@dataclass
class Figures:
    """What a chaos run saw."""

    chats: int
    committed: int
    received: int
    kills: int
    refused: int
    seconds: float
    lost: list[str] = field(default_factory=list)  # "chat:n" never received
    out_of_order: list[str] = field(default_factory=list)  # "chat: n after m"
    repeats: int = 0

    def ok(self) -> bool:
        return not self.lost and not self.out_of_order


def _short_leases() -> None:
    """Shorten the leases in this (child) process only."""
    from bot import delivery
    from storage import outbox as outbox_module
    from storage import turns

    turns.DELIVERY_LEASE = timedelta(seconds=LEASE_SECONDS)
    outbox_module.RELAY_LEASE = timedelta(seconds=LEASE_SECONDS)
    delivery.RELAY_LEASE = timedelta(seconds=LEASE_SECONDS)
    delivery.LEASE_MARGIN = timedelta(seconds=LEASE_SECONDS / 4)


def _commit(db: Database, chat: str, count: int) -> list:  # type: ignore[type-arg]
    """Queue ``count`` messages to ``chat``, numbered by their place in its commit order."""
    from bot.clock import SystemClock
    from storage.turns import Turn

    now = SystemClock().now()
    with db.transaction() as connection:
        if not db.sqlite:  # turns of one person are serialised (the conversation row lock)
            connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:chat))"),
                               {"chat": chat})
        before = connection.execute(
            select(func.count()).select_from(outbox)
            .where(outbox.c.platform == PLATFORM, outbox.c.chat == chat)).scalar_one()
        messages = [OutgoingMessage(f"{chat}:{before + 1 + i}") for i in range(count)]
        return Turn(db, connection).enqueue(None, PLATFORM, chat, messages, now)


def producer(url: str, sink_url: str, chats: int, seed: int) -> None:
    """Commit and deliver until killed (the body of one chaos process)."""
    from bot.clock import SystemClock
    from bot.delivery import Deliverer, Rate

    _short_leases()
    db = Database.connect(url)
    deliverer = Deliverer(db, SystemClock(), [SinkSender(sink_url)],
                          {PLATFORM: Rate(per_chat=200, overall=5000)})
    rng = random.Random(seed)
    stop = asyncio.Event()

    async def relay() -> None:
        while True:
            await deliverer.relay_once()
            await deliverer.relay_wait(0.5, stop)

    async def after(previous: asyncio.Task[None] | None, queued: list) -> None:  # type: ignore[type-arg]
        if previous is not None:
            await asyncio.wait([previous])
        await deliverer.deliver(queued)

    async def main() -> None:
        tails: dict[str, asyncio.Task[None]] = {}
        relaying = asyncio.create_task(relay())
        while not relaying.done():
            chat = f"c{rng.randrange(chats)}"
            queued = await asyncio.to_thread(_commit, db, chat, rng.randint(1, 3))
            tails[chat] = asyncio.create_task(after(tails.get(chat), queued))
            await asyncio.sleep(rng.uniform(0.0, 0.02))

    asyncio.run(main())


def drain(url: str, sink_url: str, deadline: float) -> None:
    """Relay until nothing is pending (the last step of a run)."""
    from bot.clock import SystemClock
    from bot.delivery import Deliverer
    from storage.outbox import pending_count

    _short_leases()
    db = Database.connect(url)
    deliverer = Deliverer(db, SystemClock(), [SinkSender(sink_url)])

    async def main() -> None:
        stop = asyncio.Event()
        while pending_count(db) and time.monotonic() < deadline:
            await deliverer.relay_once()
            await deliverer.relay_wait(0.2, stop)

    asyncio.run(main())
    db.dispose()


def _first_commit(url: str, deadline: float) -> None:
    """Wait until the processes are up and committing (starting them takes a while)."""
    db = Database.connect(url)
    try:
        while time.monotonic() < deadline:
            with db.engine.connect() as connection:
                if connection.execute(select(func.count()).select_from(outbox)).scalar_one():
                    return
            time.sleep(0.2)
    finally:
        db.dispose()


def check(texts: list[str], committed: dict[str, int]) -> tuple[list[str], list[str], int]:
    """(lost, out of order, repeats) from the sink's arrivals and each chat's commit count."""
    seen: dict[str, list[int]] = defaultdict(list)
    for arrival in texts:
        chat, _, number = arrival.rpartition(":")
        seen[chat].append(int(number))
    lost: list[str] = []
    disorder: list[str] = []
    repeats = 0
    for chat, total in committed.items():
        firsts: list[int] = []
        for number in seen.get(chat, []):
            if number in firsts:
                repeats += 1
            else:
                firsts.append(number)
        for before, after in itertools.pairwise(firsts):
            if after < before:
                disorder.append(f"{chat}: {after} after {before}")
        lost.extend(f"{chat}:{n}" for n in range(1, total + 1) if n not in firsts)
    return lost, disorder, repeats


def run(url: str, *, chats: int = 20, processes: int = 2, seconds: float = 6.0,
        kills: int = 3, faults: float = 0.1, seed: int = 1) -> Figures:
    """One chaos run against the database at ``url`` (already migrated)."""
    rng = random.Random(seed)
    context = multiprocessing.get_context("spawn")
    started = time.monotonic()
    with SinkProcess(faults=faults) as sink:
        workers = [context.Process(target=producer, args=(url, sink.url, chats, seed * 100 + i))
                   for i in range(processes)]
        for worker in workers:
            worker.start()
        _first_commit(url, time.monotonic() + 120)
        started = time.monotonic()
        moments = sorted(rng.uniform(1.0, seconds) for _ in range(kills))
        for n, moment in enumerate(moments):
            time.sleep(max(0.0, started + moment - time.monotonic()))
            victim = rng.randrange(len(workers))
            workers[victim].kill()  # SIGKILL: no cleanup, no marking, mid-send
            workers[victim].join()
            workers[victim] = context.Process(
                target=producer, args=(url, sink.url, chats, seed * 100 + processes + n))
            workers[victim].start()
        time.sleep(max(0.0, started + seconds - time.monotonic()))
        for worker in workers:
            worker.kill()
            worker.join()
        finisher = context.Process(target=drain, args=(url, sink.url, time.monotonic() + 120))
        finisher.start()
        finisher.join()
        report = sink.report()
    db = Database.connect(url)
    with db.engine.connect() as connection:
        committed = {row.chat: int(row.n) for row in connection.execute(
            select(outbox.c.chat, func.count().label("n")).where(outbox.c.platform == PLATFORM)
            .group_by(outbox.c.chat))}
    db.dispose()
    lost, disorder, repeats = check(report.texts, committed)
    return Figures(chats, sum(committed.values()), len(report.texts), kills, report.refused,
                   time.monotonic() - started, lost, disorder, repeats)


def report(figures: Figures) -> str:
    """One paragraph of figures."""
    verdict = "in order, nothing lost" if figures.ok() else (
        f"LOST {len(figures.lost)} {figures.lost[:5]}, OUT OF ORDER "
        f"{len(figures.out_of_order)} {figures.out_of_order[:5]}")
    return (f"{figures.chats} chats, {figures.committed} messages committed, "
            f"{figures.received} arrivals ({figures.repeats} repeats after a kill), "
            f"{figures.kills} SIGKILLs, {figures.refused} requests refused by the platform, "
            f"{figures.seconds:.1f} s: {verdict}")


def main() -> None:
    """Parse arguments, run once, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=40)
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--faults", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="PostgreSQL server URL (default: a SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, \
            scratch_database(args.db, Path(folder)) as url:
        figures = run(url, chats=args.chats, processes=args.processes, seconds=args.seconds,
                      kills=args.kills, faults=args.faults, seed=args.seed)
    print(report(figures))


if __name__ == "__main__":
    main()
