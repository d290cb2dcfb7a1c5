"""Durable turns per second and per-turn latency of the engine on SQLite.

N simulated people are onboarded (not timed), then each walks the daily
check-in (start, pain, cauda equina question, three exercises, pain after:
7 turns), every turn committed to the database. Prints turns/s and
p50/p99 per-turn latency.

    python -m bench.engine --users 500
    python -m bench.engine --users 500 --db postgresql://...
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.engine import Engine
from core.messages import InboundEvent
from storage.database import Database, upgrade

ONBOARDING = ["hi", "1", "yes", "Europe/Berlin", "09:00", *["no"] * 9, "45", "yes", "no", "none",
              "later"]
CHECKIN = ["/checkin", "3", "thigh", "no", "done", "done", "done", "3"]


def _event(user: str, text: str, clock: ManualClock) -> InboundEvent:
    return InboundEvent(platform="bench", user=user, chat=user, event_id=uuid.uuid4().hex,
                        at=clock.now(), text=text)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of ``values``."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def run(url: str, users: int) -> dict[str, float]:
    """Onboard ``users`` people, then time their check-ins; return the figures."""
    db = Database.connect(url)
    upgrade(db.engine)
    clock = ManualClock(datetime(2026, 3, 2, 7, 0, tzinfo=UTC))
    engine = Engine(db, clock)
    names = [f"person-{i}" for i in range(users)]
    for name in names:
        for text in ONBOARDING:
            engine.handle(_event(name, text, clock))
    clock.advance(timedelta(days=1))
    latencies: list[float] = []
    started = time.perf_counter()
    for name in names:
        for text in CHECKIN:
            t0 = time.perf_counter()
            result = engine.handle(_event(name, text, clock))
            latencies.append(time.perf_counter() - t0)
            assert result.deliveries, "every check-in turn answers"
    elapsed = time.perf_counter() - started
    db.dispose()
    return {
        "turns": len(latencies),
        "turns_per_s": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "mean_ms": statistics.fmean(latencies) * 1000,
    }


def main() -> None:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        figures = run(url, args.users)
    backend = "sqlite" if url.startswith("sqlite") else url.split(":", 1)[0]
    print(f"engine on {backend}: {figures['turns']:.0f} durable check-in turns by "
          f"{args.users} people")
    print(f"  {figures['turns_per_s']:.0f} turns/s   p50 {figures['p50_ms']:.2f} ms   "
          f"p99 {figures['p99_ms']:.2f} ms   mean {figures['mean_ms']:.2f} ms")


if __name__ == "__main__":
    main()
