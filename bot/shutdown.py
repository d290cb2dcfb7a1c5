"""Stopping a long-running mode the way people and supervisors ask: Ctrl-C or SIGTERM.

Both only ask the mode to stop: it finishes what it fetched or claimed,
hands the rest back (unconfirmed updates, leased outbox rows) and the
command exits 0, as it does for a person pressing Ctrl-C in a terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable


def stop_on_signals(stop: Callable[[], None]) -> None:
    """Call ``stop`` on SIGINT (Ctrl-C) or SIGTERM (systemd, Docker), from the running loop."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows
            loop.add_signal_handler(signum, stop)
