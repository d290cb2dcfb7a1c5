"""Turn throughput and latency: our durable engine against the frameworks people use.

The same daily check-in (7 turns; ours has an 8th, where the pain reaches)
for N people through: our engine on
SQLite and on PostgreSQL (every turn committed), python-telegram-bot's
ConversationHandler in memory, with PicklePersistence (default, and flushed
after every update) and aiogram's FSM on MemoryStorage. The sides take turns in
rounds within one process run, so machine noise hits all of them alike;
the ratio is what to read.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.population import seed_people
from bench.rivals import CHECKIN_TEXTS, OUR_CHECKIN_TEXTS, AiogramCheckin, PTBCheckin
from bot.clock import ManualClock
from bot.engine import Engine
from core.messages import InboundEvent
from storage.database import Database

NOW = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


@dataclass
class Side:
    """One contender: how to run a batch of people, and what it measured."""

    name: str
    run_batch: Callable[[list[int]], Any]
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def turns_per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


class OurEngine:
    """Our engine on a database already holding the people, screened clear."""

    def __init__(self, url: str, people: int) -> None:
        self.db = Database.connect(url)
        seed_people(self.db, people, platform="bench", now=NOW)
        self.engine = Engine(self.db, ManualClock(NOW))

    def batch(self, people: list[int]) -> list[float]:
        latencies = []
        for person in people:
            name = f"person-{person}"
            for text in OUR_CHECKIN_TEXTS:
                event = InboundEvent(platform="bench", user=name, chat=name,
                                     event_id=uuid.uuid4().hex, at=NOW, text=text)
                started = time.perf_counter()
                self.engine.handle(event)
                latencies.append(time.perf_counter() - started)
        return latencies

    def close(self) -> None:
        self.db.dispose()


def compare(sqlite_url: str, postgres_url: str | None, folder: Path, people: int,
            rounds: int) -> list[Side]:
    """Run every side over ``people`` people in ``rounds`` interleaved rounds."""
    ours_sqlite = OurEngine(sqlite_url, people)
    ours_pg = OurEngine(postgres_url, people) if postgres_url else None
    for mode in PTBCheckin.MODES:
        (folder / f"ptb-{mode}").mkdir(parents=True)
    ptb_memory = PTBCheckin(folder / "ptb-none", persistence="none")
    ptb = PTBCheckin(folder / "ptb-pickle", persistence="pickle")
    ptb_flush = PTBCheckin(folder / "ptb-flushed", persistence="flushed")
    aio = AiogramCheckin()
    rivals = (ptb_memory, ptb, ptb_flush, aio)
    loop = asyncio.new_event_loop()
    for rival in rivals:
        loop.run_until_complete(rival.start())
    counter = iter(range(1, 10**9))

    def rival_batch(rival: Any) -> Callable[[list[int]], list[float]]:
        def run(people_ids: list[int]) -> list[float]:
            updates = [rival.make_update(next(counter), 10_000 + p, text)
                       for p in people_ids for text in CHECKIN_TEXTS]

            async def go() -> list[float]:
                out = []
                for update in updates:
                    started = time.perf_counter()
                    await rival.turn(update)
                    out.append(time.perf_counter() - started)
                return out

            return loop.run_until_complete(go())
        return run

    sides = [Side("ours, SQLite (durable)", ours_sqlite.batch)]
    if ours_pg is not None:
        sides.append(Side("ours, PostgreSQL (durable)", ours_pg.batch))
    sides += [
        Side("PTB ConversationHandler, in memory", rival_batch(ptb_memory)),
        Side("PTB ConversationHandler + PicklePersistence", rival_batch(ptb)),
        Side("PTB + PicklePersistence flushed every update", rival_batch(ptb_flush)),
        Side("aiogram FSM + MemoryStorage", rival_batch(aio)),
    ]
    per_round = max(1, people // rounds)
    for index in range(rounds):
        chunk = list(range(index * per_round, (index + 1) * per_round))
        for side in sides:
            started = time.perf_counter()
            latencies = side.run_batch(chunk)
            side.seconds += time.perf_counter() - started
            side.latencies += latencies
    for rival in rivals:
        loop.run_until_complete(rival.stop())
    loop.close()
    ours_sqlite.close()
    if ours_pg is not None:
        ours_pg.close()
    return sides


def report(sides: list[Side]) -> list[str]:
    """Table rows: turns/s, p50, p99 and our engines' ratios to each side."""
    ours = [side for side in sides if side.name.startswith("ours")]
    heads = " | ".join(f"{side.name.split(',')[1].split('(')[0].strip()} ÷ side"
                       for side in ours)
    rows = [f"| side | turns/s | p50 ms | p99 ms | {heads} |",
            "| --- | ---: | ---: | ---: |" + " ---: |" * len(ours)]
    for side in sides:
        ratios = " | ".join(f"{o.turns_per_second / side.turns_per_second:.2f}" for o in ours)
        rows.append(
            f"| {side.name} | {side.turns_per_second:,.0f} | "
            f"{statistics.median(side.latencies) * 1000:.3f} | "
            f"{percentile(side.latencies, 99) * 1000:.3f} | {ratios} |"
        )
    return rows
