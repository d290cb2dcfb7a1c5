"""Logging: structured JSON lines, never any health data.

Log calls in this project pass only identifiers, counts and kinds (never
message text, answers or pain scores); the formatter adds nothing from the
environment either, so secrets cannot leak through it.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    """One JSON object per record."""

    def format(self, record: logging.LogRecord) -> str:
        """Time, level, logger, message and, if any, the exception type and trace."""
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str, fmt: str) -> None:
    """Send logs to stderr in the chosen format."""
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Third-party loggers that would print request URLs (which carry bot tokens).
    for noisy in ("httpx", "httpcore", "telegram", "slack_bolt", "slack_sdk", "transitions"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
