"""Injectable time.

Everything that depends on time (programme days, reminders, leases) asks a
:class:`Clock`, so a test can live through six weeks in a second.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Source of the current instant, always timezone-aware UTC."""

    def now(self) -> datetime:
        """Return the current instant."""
        ...


class SystemClock:
    """The wall clock."""

    def now(self) -> datetime:
        """Return the current UTC instant."""
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to, and never backwards.

    Thread-safe, because adapters may read it from worker threads.
    """

    def __init__(self, start: datetime) -> None:
        self._now = _aware(start)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """Return the instant the clock was last set to."""
        with self._lock:
            return self._now

    def set(self, when: datetime) -> datetime:
        """Move to ``when``; an earlier instant leaves the clock where it is."""
        when = _aware(when)
        with self._lock:
            if when > self._now:
                self._now = when
            return self._now

    def advance(self, delta: timedelta) -> datetime:
        """Move forward by ``delta`` (negative deltas are refused)."""
        if delta < timedelta(0):
            raise ValueError("the clock never runs backwards")
        with self._lock:
            self._now += delta
            return self._now


def _aware(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError("clock times must be timezone-aware")
    return when.astimezone(UTC)


class ScriptClock:
    """Real time that a script may push forward (never back).

    Used by ``chat --jsonl``: a line's ``"at"`` moves the clock to that
    instant, and from there it runs on with real elapsed time, so scripts
    can replay past or future dates while every turn still gets a later
    instant than the one before.
    """

    def __init__(self) -> None:
        self._base: datetime | None = None
        self._mark = 0.0
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The scripted instant plus the real time since it was set."""
        with self._lock:
            if self._base is None:
                self._base, self._mark = datetime.now(UTC), time.monotonic()
            return self._base + timedelta(seconds=time.monotonic() - self._mark)

    def set(self, when: datetime) -> datetime:
        """Jump to ``when`` unless that would move the clock backwards."""
        when = _aware(when)
        current = self.now() if self._base is not None else None
        with self._lock:
            if current is None or when > current:
                self._base, self._mark = when, time.monotonic()
        return self.now()
