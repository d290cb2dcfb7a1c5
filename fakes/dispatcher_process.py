"""A worker process for the multi-process tests: queue due reminders, relay, repeat."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.clock import ManualClock
from bot.delivery import Deliverer
from bot.reminders import ReminderDispatcher
from fakes.sink import SinkSender
from storage.database import Database


def dispatch_until_idle(url: str, sink_url: str, now_iso: str, batch: int) -> int:
    """Work until nothing is due; return how many reminders this process queued."""
    db = Database.connect(url, pool_size=2, max_overflow=2)
    clock = ManualClock(datetime.fromisoformat(now_iso))
    dispatcher = ReminderDispatcher(db, clock, batch=batch)
    sender = SinkSender(sink_url)
    deliverer = Deliverer(db, clock, [sender])
    queued = 0

    async def run() -> None:
        nonlocal queued
        while True:
            report = await asyncio.to_thread(dispatcher.run_due)
            queued += len(report.queued)
            relayed = await deliverer.relay_once(limit=batch)
            if not report.queued and relayed == 0:
                break
        await sender.close()

    try:
        asyncio.run(run())
    finally:
        db.dispose()
    return queued
