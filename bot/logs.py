"""Logging: structured JSON lines, never any health data or secret.

Log calls in this project pass only identifiers, counts and kinds (never
message text, answers or pain scores); the formatter adds nothing from the
environment either. Libraries and exceptions follow no such rule, so what
the handler lets out is guarded too:

- Below WARNING only the project's own loggers are written. At DEBUG or INFO
  python-telegram-bot logs every Bot API call with its parameters (the text
  sent) and its base URL (which holds the bot token), httpx logs request URLs
  (the token again), SQLAlchemy logs statements with their values, the Slack
  libraries log payloads. Their warnings and errors still get through.
- An exception is written as its type and stack only. Its message, and those
  of its causes, can quote what a person typed or a statement's values; a log
  message that repeats an exception's text (slack_bolt's "Failed to run
  listener function (error: ...)") has that text cut out as well.
- Every secret the settings hold (bot and app tokens, signing and webhook
  secrets, encryption keys, the database password) is replaced by
  ``[redacted]`` wherever it would appear in a written line.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from collections.abc import Iterable
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings

#: Loggers whose records are written at any level: the project's own.
PROJECT_LOGGERS = frozenset({"bot", "flows", "storage"})
#: Library loggers allowed below WARNING, and from which level: uvicorn's start and stop lines.
LIBRARY_FLOORS = {"uvicorn.error": logging.INFO}
#: Libraries whose DEBUG/INFO records are not even made (they cost time and are dropped anyway).
QUIET_LIBRARIES = ("httpx", "httpcore", "telegram", "slack_bolt", "slack_sdk", "transitions",
                   "sqlalchemy", "alembic", "aiohttp", "websockets", "asyncio", "psycopg",
                   "matplotlib", "PIL", "multipart", "urllib3")
REDACTED = "[redacted]"
#: Shorter secrets are not looked for (they would match ordinary words and numbers).
_MIN_SECRET = 6
#: Exception texts shorter than this are not cut out of messages (too likely to match by chance).
_MIN_EXCEPTION_TEXT = 3

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def secrets_of(settings: Settings) -> list[str]:
    """Every secret value in ``settings``, for :func:`configure` to keep out of the logs."""
    found: list[str] = []
    for secret in (settings.telegram_bot_token, settings.telegram_webhook_secret,
                   settings.slack_bot_token, settings.slack_app_token,
                   settings.slack_signing_secret):
        if secret is not None:
            found.append(secret.get_secret_value())
    if settings.telegram_bot_token is not None:
        # URLs may carry the token's secret half on its own (after "<bot id>:").
        found.append(settings.telegram_bot_token.get_secret_value().partition(":")[2])
    if settings.data_encryption_key is not None:
        found.extend(k.strip() for k in settings.data_encryption_key.get_secret_value().split(","))
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        password = make_url(settings.database_url).password
    except ArgumentError:
        password = None
    if password:
        found.append(str(password))
    return [s for s in found if s]


class LibraryFilter(logging.Filter):
    """Lets the project's records through at any level, a library's from WARNING on."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Whether ``record`` may be written."""
        if record.levelno >= logging.WARNING:
            return True
        if record.name.partition(".")[0] in PROJECT_LOGGERS:
            return True
        floor = LIBRARY_FLOORS.get(record.name)
        return floor is not None and record.levelno >= floor


class Redactor:
    """Replaces known secrets in text, longest first (one may contain another)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets = sorted({s for s in secrets if len(s) >= _MIN_SECRET}, key=len,
                              reverse=True)

    def __call__(self, text: str) -> str:
        """``text`` with every secret replaced by :data:`REDACTED`."""
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text


def _chain(error: BaseException) -> list[BaseException]:
    """``error`` and the exceptions it was raised from or while handling, innermost first."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__
                                        else current.__context__)
    return chain[::-1]


def _type_name(error: BaseException) -> str:
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" else \
        f"{kind.__module__}.{kind.__qualname__}"


def outline(exc_info: ExcInfo) -> str:
    """A traceback as Python prints it, with every exception's message left out."""
    parts: list[str] = []
    chain = _chain(exc_info[1])
    for index, error in enumerate(chain):
        if index:
            parts.append(
                "\nThe above exception was the direct cause of the following exception:\n\n"
                if error.__cause__ is chain[index - 1] else
                "\nDuring handling of the above exception, another exception occurred:\n\n")
        tb = error.__traceback__ if error is not exc_info[1] else exc_info[2]
        if tb is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(tb))
        parts.append(f"{_type_name(error)} (message not logged)\n")
    return "".join(parts).rstrip("\n")


def _without_exception_text(message: str, exc_info: ExcInfo | None) -> str:
    """``message`` with the text of the logged exception (and its causes) cut out."""
    if exc_info is None:
        return message
    for error in _chain(exc_info[1]):
        text = str(error)
        if len(text) >= _MIN_EXCEPTION_TEXT and text in message:
            message = message.replace(text, f"<{_type_name(error)} message not logged>")
    return message


def _exc_info(record: logging.LogRecord) -> ExcInfo | None:
    info = record.exc_info
    if not info or info[1] is None:
        return None
    return info[0], info[1], info[2]


class GuardedFormatter(logging.Formatter):
    """Base of both formats: the message and exception as they may be written."""

    def __init__(self, redact: Redactor | None = None) -> None:
        super().__init__()
        self.redact = redact or Redactor()

    def message(self, record: logging.LogRecord) -> str:
        """The record's message, exception text cut out and secrets redacted."""
        return self.redact(_without_exception_text(record.getMessage(), _exc_info(record)))

    def exception(self, record: logging.LogRecord) -> str | None:
        """The exception's types and stack, if the record has one."""
        info = _exc_info(record)
        return self.redact(outline(info)) if info is not None else None

    def formatException(self, ei: object) -> str:
        """Never the standard traceback: it carries the exception's message."""
        if isinstance(ei, tuple) and len(ei) == 3 and isinstance(ei[1], BaseException):
            return self.redact(outline((ei[0], ei[1], ei[2])))
        return ""


class JsonFormatter(GuardedFormatter):
    """One JSON object per record."""

    def format(self, record: logging.LogRecord) -> str:
        """Time, level, logger, message and, if any, the exception type and trace."""
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self.message(record),
        }
        exception = self.exception(record)
        if exception is not None:
            entry["exception"] = exception
        if record.stack_info:
            entry["stack"] = self.redact(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(GuardedFormatter):
    """``<time> <level> <logger>: <message>``, then the exception's types and stack."""

    def format(self, record: logging.LogRecord) -> str:
        """One line (more with an exception or a stack)."""
        line = f"{self.formatTime(record)} {record.levelname} {record.name}: {self.message(record)}"
        exception = self.exception(record)
        if exception is not None:
            line += "\n" + exception
        if record.stack_info:
            line += "\n" + self.redact(record.stack_info)
        return line


def resolve_format(fmt: str) -> str:
    """``auto`` is text for a person at a terminal, JSON lines for a service or a pipe."""
    if fmt != "auto":
        return fmt
    return "text" if sys.stderr is not None and sys.stderr.isatty() else "json"


def configure(level: str, fmt: str, secrets: Iterable[str] = ()) -> None:
    """Send logs to stderr as ``fmt`` (``auto``, ``json``, ``text``), keeping ``secrets`` out."""
    handler = logging.StreamHandler(sys.stderr)
    redact = Redactor(secrets)
    handler.setFormatter(JsonFormatter(redact) if resolve_format(fmt) == "json"
                         else TextFormatter(redact))
    handler.addFilter(LibraryFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in QUIET_LIBRARIES:
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
