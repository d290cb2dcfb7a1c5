"""Whether a turn stays as fast as the database grows, and memory stays flat.

* growth: per-turn latency of the check-in with 1k, 100k and 1M people
  stored, and for a person with a year of history;
* memory: resident memory of one process as 100k distinct people each
  have a turn (nothing per person may stay in memory);
* concurrency: 1,000 people each sending a turn at once into one process
  on SQLite: no "database is locked", no lost update, and the p99 latency.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bench.population import seed_history, seed_people
from bench.rivals import OUR_CHECKIN_TEXTS
from bench.turns import percentile
from bot.clock import ManualClock
from bot.delivery import Deliverer
from bot.engine import Engine
from bot.runtime import Runtime
from bot.service import BotService
from bot.settings import Settings
from core.messages import InboundEvent
from storage.database import Database
from storage.tables import conversations, processed

NOW = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


def _checkins(engine: Engine, names: list[str]) -> list[float]:
    latencies = []
    for name in names:
        for text in OUR_CHECKIN_TEXTS:
            event = InboundEvent(platform="bench", user=name, chat=name,
                                 event_id=uuid.uuid4().hex, at=NOW, text=text)
            started = time.perf_counter()
            engine.handle(event)
            latencies.append(time.perf_counter() - started)
    return latencies


@dataclass(frozen=True)
class GrowthPoint:
    """Per-turn latency at one database size."""

    label: str
    p50_ms: float
    p99_ms: float
    mean_ms: float


def growth(url: str, sizes: list[int], sample: int = 200) -> list[GrowthPoint]:
    """Latency of ``sample`` people's check-ins as the number of people grows."""
    db = Database.connect(url)
    engine = Engine(db, ManualClock(NOW))
    points = []
    stored = 0
    for size in sizes:
        seed_people(db, size - stored, platform="bench", now=NOW, start=stored)
        stored = size
        step = max(1, size // sample)
        names = [f"person-{i}" for i in range(0, size, step)][:sample]
        _checkins(engine, names[:20])  # warm the caches
        latencies = _checkins(engine, names)
        points.append(GrowthPoint(f"{size:,} people", percentile(latencies, 50) * 1000,
                                  percentile(latencies, 99) * 1000,
                                  statistics.fmean(latencies) * 1000))
    # one person with a year of daily check-ins in the history tables
    seed_history(db, "bench", "person-1", 365, NOW - timedelta(days=1))
    latencies = []
    for day in range(30):
        engine.clock = ManualClock(NOW + timedelta(days=day))  # type: ignore[assignment]
        latencies += _checkins(engine, ["person-1"])
    points.append(GrowthPoint("a person with 1 year of history",
                              percentile(latencies, 50) * 1000,
                              percentile(latencies, 99) * 1000,
                              statistics.fmean(latencies) * 1000))
    db.dispose()
    return points


def _rss_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * 4096 / 2**20


def memory(url: str, people: int, checkpoints: int = 5) -> list[tuple[int, float]]:
    """RSS after each slice of ``people`` distinct people had one turn."""
    db = Database.connect(url)
    engine = Engine(db, ManualClock(NOW))
    readings = []
    step = people // checkpoints
    for slice_start in range(0, people, step):
        for n in range(slice_start, slice_start + step):
            name = f"newcomer-{n}"
            engine.handle(InboundEvent(platform="bench", user=name, chat=name,
                                       event_id=uuid.uuid4().hex, at=NOW, text="hello"))
        gc.collect()
        readings.append((slice_start + step, _rss_mib()))
    db.dispose()
    return readings


@dataclass(frozen=True)
class Burst:
    """What a burst of simultaneous turns did."""

    people: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: list[str]
    lost_updates: int


def burst(url: str, people: int) -> Burst:
    """``people`` people, one turn each, all at once into one process."""
    runtime = Runtime.build(Settings(database_url=url), clock=ManualClock(NOW))
    seed_people(runtime.db, people, platform="bench", now=NOW)
    service = BotService(runtime, Deliverer(runtime.db, runtime.clock, []))
    errors: list[str] = []
    latencies: list[float] = []

    async def one(n: int) -> None:
        name = f"person-{n}"
        started = time.perf_counter()
        try:
            await service.handle(InboundEvent(platform="bench", user=name, chat=name,
                                              event_id=uuid.uuid4().hex, at=NOW,
                                              text="/checkin"))
        except Exception as error:  # noqa: BLE001 - counted and reported
            errors.append(f"{type(error).__name__}: {error}"[:200])
        latencies.append(time.perf_counter() - started)

    async def all_at_once() -> float:
        started = time.perf_counter()
        await asyncio.gather(*(one(n) for n in range(people)))
        return time.perf_counter() - started

    seconds = asyncio.run(all_at_once())
    with runtime.db.engine.connect() as connection:
        handled = connection.execute(select(func.count()).select_from(processed)).scalar_one()
        versions = connection.execute(
            select(func.sum(conversations.c.version - 1))).scalar_one()
    runtime.close()
    return Burst(people, seconds, percentile(latencies, 50) * 1000,
                 percentile(latencies, 99) * 1000, errors, int(handled) - int(versions or 0))
