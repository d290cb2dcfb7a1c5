"""What the production log handler writes while every logger is open down to DEBUG.

:func:`production_logging` sets logging up as ``sciatica-bot`` does
(:func:`bot.logs.configure`, JSON lines, the given secrets), then opens every
library logger to DEBUG as well, as someone chasing a problem might. It
keeps three things: what the handler wrote, the records it let through (to
scan their message, arguments and exception text), and every record made
by any logger (to show the libraries did log what the handler kept out).
Everything about logging is restored afterwards.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from bot.logs import QUIET_LIBRARIES, GuardedFormatter, configure

#: Opened to DEBUG on top of what :func:`configure` sets: every library the bot runs on.
LIBRARIES = (*QUIET_LIBRARIES, "uvicorn", "starlette", "slack_bolt.sciatica")


class _Keeper(logging.Handler):
    """Keeps every record it is given."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Captured:
    """What one stretch of logging produced."""

    formatter: GuardedFormatter
    written: io.StringIO = field(default_factory=io.StringIO)
    passed: list[logging.LogRecord] = field(default_factory=list)
    made: list[logging.LogRecord] = field(default_factory=list)

    def scanned(self) -> list[str]:
        """The output, and each record let through as the handler renders it.

        Message (with an exception's text cut out), arguments, exception and
        stack, each after the handler's redaction of secrets: what could end
        up in a log line by any route.
        """
        redact = self.formatter.redact
        found = [self.written.getvalue()]
        for record in self.passed:
            found += [self.formatter.message(record), redact(repr(record.args))]
            if record.exc_info:
                found.append(self.formatter.formatException(record.exc_info))
            if record.stack_info:
                found.append(redact(record.stack_info))
        return found

    def leaked(self, needles: Iterable[str]) -> list[str]:
        """The needles found anywhere in what was let through."""
        haystack = self.scanned()
        return [n for n in needles if any(n in text for text in haystack)]

    def made_by(self, prefix: str) -> list[str]:
        """Messages of every record made by loggers under ``prefix``, let through or not."""
        return [r.getMessage() for r in self.made
                if r.name == prefix or r.name.startswith(prefix + ".")]


def _levels() -> dict[str, int]:
    manager = logging.Logger.manager
    return {name: logger.level for name, logger in manager.loggerDict.items()
            if isinstance(logger, logging.Logger)}


@contextmanager
def production_logging(secrets: Iterable[str]) -> Iterator[Captured]:
    """Log as the deployed bot does, at DEBUG everywhere; yield what came out."""
    root = logging.getLogger()
    saved_handlers, saved_level, saved_levels = root.handlers[:], root.level, _levels()
    try:
        configure("DEBUG", "json", secrets)
        [handler] = root.handlers
        assert isinstance(handler, logging.StreamHandler)
        assert isinstance(handler.formatter, GuardedFormatter)
        captured = Captured(handler.formatter)
        handler.setStream(captured.written)
        passed = _Keeper()
        passed.filters = list(handler.filters)
        made = _Keeper()
        root.addHandler(passed)
        root.addHandler(made)
        captured.passed, captured.made = passed.records, made.records
        for name in LIBRARIES:
            logging.getLogger(name).setLevel(logging.DEBUG)
        yield captured
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        for name, logger in logging.Logger.manager.loggerDict.items():
            if isinstance(logger, logging.Logger):
                logger.setLevel(saved_levels.get(name, logging.NOTSET))
