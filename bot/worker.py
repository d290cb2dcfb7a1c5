"""Background work: due reminders, the outbox relay and clinic channel posts.

``sciatica-bot worker`` runs only this; the single-process modes (chat,
Telegram polling, ``serve`` without ``--no-worker``) run it beside their
adapters. Any number of workers may share one PostgreSQL database.

The loops run side by side, so claiming the reminders that fall due never
waits for a slow, rate-limited delivery, and delivery never pauses while
reminders are being claimed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from bot.clinics import ClinicDispatcher
from bot.delivery import Deliverer
from bot.runtime import Runtime

log = logging.getLogger(__name__)

#: Outbox rows claimed at a time by the relay.
RELAY_SLICE = 200


class Worker:
    """Runs reminder dispatch, the outbox relay and clinic calls until stopped."""

    def __init__(self, runtime: Runtime, deliverer: Deliverer, *, interval: float,
                 clinics: ClinicDispatcher | None = None) -> None:
        self.runtime = runtime
        self.deliverer = deliverer
        self.interval = interval
        self.clinics = clinics
        self._stop = asyncio.Event()

    async def run_once(self) -> int:
        """Queue due reminders, relay the outbox until it is empty, post clinic rounds.

        Returns how many outbox rows and clinic posts went out.
        """
        await self.dispatch_reminders()
        return await self.relay() + await self.post_clinic_rounds()

    async def post_clinic_rounds(self) -> int:
        """Post due clinic calls and summaries, where a platform hosts clinic channels."""
        if self.clinics is None:
            return 0
        return (await self.clinics.run_due()).posted

    async def dispatch_reminders(self) -> int:
        """Queue every reminder due now; return how many messages that made."""
        report = await asyncio.to_thread(self.runtime.reminders.run_due)
        return len(report.queued)

    async def run(self) -> None:
        """Every loop until :meth:`stop`; a failing round is logged and retried.

        The relay also runs as soon as the deliverer hands it rows (a chat
        waiting behind a deferred message) or a deferred row falls due.
        """
        await asyncio.gather(self._loop(self.dispatch_reminders),
                             self._loop(self.relay, self._relay_wait),
                             self._loop(self.post_clinic_rounds))

    async def _relay_wait(self) -> None:
        await self.deliverer.relay_wait(self.interval, self._stop)

    async def relay(self) -> int:
        """Deliver outbox rows slice by slice until none is left; return how many.

        The next slice is claimed while the current one is being sent, so the
        sender never waits for the database between slices.
        """
        total = 0
        upcoming = asyncio.create_task(self.deliverer.claim(RELAY_SLICE))
        try:
            while not self._stop.is_set():
                claimed = await upcoming
                if not claimed:
                    break
                total += len(claimed)
                upcoming = asyncio.create_task(self.deliverer.claim(RELAY_SLICE))
                await self.deliverer.deliver(claimed, relayed=True)
        finally:
            if not upcoming.done():
                upcoming.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await upcoming
        return total

    async def _loop(self, round_: Callable[[], Awaitable[int]],
                    wait: Callable[[], Awaitable[None]] | None = None) -> None:
        while not self._stop.is_set():
            try:
                await round_()
            except Exception:
                log.exception("worker round failed; retrying in %.0fs", self.interval)
            if wait is not None:
                await wait()
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=self.interval)

    def stop(self) -> None:
        """Finish the current rounds and return from :meth:`run`."""
        self._stop.set()
