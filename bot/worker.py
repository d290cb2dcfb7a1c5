"""Background work: due reminders and the outbox relay.

``sciatica-bot worker`` runs only this; the single-process modes (chat,
Telegram polling, ``serve`` without ``--no-worker``) run it beside their
adapters. Any number of workers may share one PostgreSQL database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.clinics import ClinicDispatcher
from bot.delivery import Deliverer
from bot.runtime import Runtime

log = logging.getLogger(__name__)


class Worker:
    """Runs reminder dispatch, the outbox relay and clinic calls every ``interval`` seconds."""

    def __init__(self, runtime: Runtime, deliverer: Deliverer, *, interval: float,
                 clinics: ClinicDispatcher | None = None) -> None:
        self.runtime = runtime
        self.deliverer = deliverer
        self.interval = interval
        self.clinics = clinics
        self._stop = asyncio.Event()

    async def run_once(self) -> int:
        """One round: queue due reminders, deliver them, relay leftovers; return sends.

        Then, where a platform hosts clinic channels, post due calls and summaries.
        """
        report = await asyncio.to_thread(self.runtime.reminders.run_due)
        await self.deliverer.deliver(report.queued)
        relayed = await self.deliverer.relay_once()
        posted = (await self.clinics.run_due()).posted if self.clinics is not None else 0
        return len(report.queued) + relayed + posted

    async def run(self) -> None:
        """Loop until :meth:`stop`; a failing round is logged and retried next time."""
        while not self._stop.is_set():
            try:
                await self.run_once()
            except Exception:
                log.exception("worker round failed; retrying in %.0fs", self.interval)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=self.interval)

    def stop(self) -> None:
        """Finish the current round and return from :meth:`run`."""
        self._stop.set()
