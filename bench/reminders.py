"""Reminder dispatch at scale: rate achieved against a platform limit, and claim cost.

Part 1: P people whose reminders fall due within one minute are dispatched
by worker processes (each given an equal share of the platform's limit)
to a fake platform in its own process that refuses anything over its
limit with 429. Reports the achieved rate as a fraction of the limit, the
429s, duplicates, and the lag from due time to arrival.

Part 2: how long claiming a batch of due reminders takes with 10k, 100k
and 1M people scheduled (it should stay flat: the claim uses the index on
the due instant, it does not scan).

    python -m bench.reminders                      # SQLite, 100k people, limits 30 and 1000
    python -m bench.reminders --db postgresql://...   # a server (a scratch database is made)
    python -m bench.reminders --quick
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, func, select, text, update

from bench.population import seed_reminders
from bot.clock import SystemClock
from bot.delivery import Deliverer, Rate
from bot.engine import Engine
from bot.reminders import ReminderDispatcher
from bot.runtime import Runtime
from bot.server import tune_interpreter
from bot.settings import Settings
from bot.worker import Worker
from fakes.sink import SinkProcess, SinkSender
from storage.database import Database, normalise_url, upgrade
from storage.reminders import claim_due
from storage.tables import reminders


@contextmanager
def scratch_database(server_url: str | None, folder: Path) -> Iterator[str]:
    """A new, migrated database: a SQLite file, or a database made on ``server_url``."""
    if server_url is None:
        url = f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:8]}.sqlite3'}"
        db = Database.connect(url)
        upgrade(db.engine)
        db.dispose()
        yield url
        return
    admin = create_engine(normalise_url(server_url), isolation_level="AUTOCOMMIT")
    name = f"bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = normalise_url(server_url).rsplit("/", 1)[0] + f"/{name}"
    try:
        db = Database.connect(url)
        upgrade(db.engine)
        db.dispose()
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def work(url: str, sink_url: str, per_second: float, stop_at: float) -> None:
    """A worker process, as `sciatica-bot worker` runs, until ``stop_at``."""
    tune_interpreter()
    db = Database.connect(url, pool_size=4, max_overflow=4)
    clock = SystemClock()
    sender = SinkSender(sink_url)
    deliverer = Deliverer(db, clock, [sender], {"sink": Rate(per_second, per_second)},
                          concurrency=64)
    runtime = Runtime(Settings(database_url=url), clock, db, Engine(db, clock),
                      ReminderDispatcher(db, clock, batch=500))
    worker = Worker(runtime, deliverer, interval=0.05)

    async def run() -> None:
        async def stop_later() -> None:
            await asyncio.sleep(max(0.0, stop_at - time.time()))
            worker.stop()

        await asyncio.gather(worker.run(), stop_later())
        await sender.close()

    try:
        asyncio.run(run())
    finally:
        db.dispose()


@dataclass(frozen=True)
class RateResult:
    """Figures of one dispatch run."""

    limit: float
    people: int
    delivered: int
    seconds: float
    achieved: float
    refused: int
    duplicates: int
    lag_p50: float
    lag_p99: float


def dispatch_run(url: str, people: int, limit: float, workers: int, cap: float,
                 spread: float, margin: float) -> RateResult:
    """Seed ``people`` reminders due within ``spread`` seconds and dispatch them.

    Each worker sends at ``limit * margin / workers``: the configured rate
    sits a little under the platform's so that timing jitter never tips a
    strict one-second window over.
    """
    db = Database.connect(url)
    start = datetime.now(UTC) + timedelta(seconds=2)
    seed_reminders(db, people, platform="sink", first_due=start,
                   spread=timedelta(seconds=spread))
    with db.engine.connect() as connection:
        due = {row.chat: row.next_due_at.timestamp() for row in
               connection.execute(select(reminders.c.chat, reminders.c.next_due_at))}
    db.dispose()
    stop_at = time.time() + cap
    with SinkProcess(limit_per_second=limit) as sink:
        context = multiprocessing.get_context("spawn")
        with context.Pool(workers) as pool:
            pool.starmap(work, [(url, sink.url, limit * margin / workers, stop_at)] * workers)
        report = sink.report()
    times = sorted(t for _, t in report.received)
    per_chat = report.per_chat()
    lags = [t - due[c] for c, t in report.received if c in due]
    # The rate is measured while work was waiting: from the first arrival to the last.
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    achieved = (len(times) - 1) / span if span > 0 else 0.0
    return RateResult(
        limit=limit, people=people, delivered=len(times), seconds=span, achieved=achieved,
        refused=report.refused, duplicates=sum(n - 1 for n in per_chat.values()),
        lag_p50=statistics.median(lags) if lags else 0.0,
        lag_p99=sorted(lags)[int(0.99 * (len(lags) - 1))] if lags else 0.0,
    )


def claim_cost(url: str, sizes: list[int], batch: int = 500, repeats: int = 7
               ) -> list[tuple[int, float]]:
    """Median time to claim ``batch`` due rows with ``size`` people scheduled."""
    db = Database.connect(url)
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    results = []
    scheduled = 0
    for size in sizes:
        # everyone scheduled for tomorrow, except one batch due now
        seed_reminders(db, size - scheduled, platform="sink",
                       first_due=now + timedelta(days=1), spread=timedelta(hours=12))
        scheduled = size
        with db.transaction() as connection:
            connection.execute(update(reminders).values(next_due_at=now + timedelta(days=1)))
            ids = connection.execute(select(reminders.c.user_id).limit(batch)).scalars().all()
            connection.execute(update(reminders).where(reminders.c.user_id.in_(ids))
                               .values(next_due_at=now - timedelta(seconds=1)))
        if not db.sqlite:
            with db.engine.connect() as connection:
                connection.execute(text("ANALYZE reminders"))
                connection.commit()
        timings = []
        for _ in range(repeats):
            connection = db.engine.connect()
            transaction = connection.begin()
            started = time.perf_counter()
            claimed = claim_due(db, connection, now, batch)
            timings.append(time.perf_counter() - started)
            transaction.rollback()
            connection.close()
            if len(claimed) != batch:
                raise RuntimeError(f"claimed {len(claimed)} of {batch}")
        with db.engine.connect() as connection:
            total = connection.execute(select(func.count()).select_from(reminders)).scalar_one()
        results.append((int(total), statistics.median(timings) * 1000))
    db.dispose()
    return results


def main() -> None:
    """Parse arguments, run both parts, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="PostgreSQL server URL (default: SQLite files)")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--limits", default="30,1000")
    parser.add_argument("--spread", type=float, default=60.0,
                        help="seconds over which the reminders fall due")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--margin", type=float, default=0.98,
                        help="configured rate as a fraction of the platform limit")
    parser.add_argument("--cap", type=float, default=110.0, help="seconds per dispatch run")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--quick", action="store_true",
                        help="10k people due within 5 s, 15 s runs, up to 100k scheduled")
    args = parser.parse_args()
    if args.quick:
        args.people, args.spread, args.cap, args.sizes = 10_000, 5.0, 15.0, "10000,100000"
    backend = "postgresql" if args.db else "sqlite"
    with tempfile.TemporaryDirectory() as folder:
        for limit in (float(x) for x in args.limits.split(",")):
            with scratch_database(args.db, Path(folder)) as url:
                r = dispatch_run(url, args.people, limit, args.workers, args.cap, args.spread,
                                 args.margin)
            print(f"reminders on {backend}: {r.people} due within {args.spread:g}s, limit "
                  f"{r.limit:g}/s, {args.workers} workers, run capped at {args.cap:g}s")
            print(f"  delivered {r.delivered} in {r.seconds:.1f}s: {r.achieved:.1f}/s = "
                  f"{r.achieved / r.limit:.3f} of the limit; 429s {r.refused}; duplicates "
                  f"{r.duplicates}; lag p50 {r.lag_p50:.1f}s p99 {r.lag_p99:.1f}s")
        with scratch_database(args.db, Path(folder)) as url:
            costs = claim_cost(url, [int(x) for x in args.sizes.split(",")])
        print(f"claim of 500 due reminders on {backend}, by people scheduled:")
        for total, ms in costs:
            print(f"  {total:>9,d} scheduled: {ms:.2f} ms")


if __name__ == "__main__":
    main()
