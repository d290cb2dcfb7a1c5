"""The ``sciatica-bot`` command.

``sciatica-bot`` alone opens the terminal chat on the embedded SQLite
database. Every other mode is a sub-command; ``--help`` lists them.

A wrong setting, a database that cannot be opened or a platform that
refuses us ends the command with one log line that says what is wrong and
what to set (never a traceback), written once: exit status 78
(``EX_CONFIG``) for a configuration error, which a supervisor need not
retry, and 1 for anything else.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from bot.settings import ConfigurationError, Settings, configuration_errors
from storage.database import DatabaseUnavailable, DatabaseUrlError

Command = Callable[[argparse.Namespace, Settings], int]
#: sysexits.h EX_CONFIG: the configuration is wrong; starting again will not help.
EX_CONFIG = 78
#: Ctrl-C during work (at the chat's prompt it is an ordinary goodbye, status 0).
INTERRUPTED = 130

log = logging.getLogger("bot.cli")


def warm_up_in_background() -> threading.Thread:
    """Load the safety reader's layers while the mode starts (see ``flows.symptoms.warm_up``).

    A daemon thread: start-up is not delayed, and a first message that arrives before
    it finishes waits only for what is left.
    """
    from flows.symptoms import warm_up

    thread = threading.Thread(target=warm_up, name="safety-reader-warm-up", daemon=True)
    thread.start()
    return thread


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "db", None) is not None:
        overrides["database_url"] = args.db
    return Settings(**overrides)


def _options(args: argparse.Namespace) -> dict[str, str]:
    """Settings given on the command line, by the option that gave them."""
    return {"database_url": "--db"} if getattr(args, "db", None) is not None else {}


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runtime import Runtime

    if args.jsonl:
        from bot.clock import ScriptClock
        from bot.terminal import jsonl

        clock = ScriptClock()
        runtime = Runtime.build(settings, clock=clock)
        try:
            jsonl.run(runtime, clock, sys.stdin, sys.stdout, files=args.files, ids=args.ids)
        finally:
            runtime.close()
        return 0
    from bot.terminal import chat

    warm_up_in_background()
    runtime = Runtime.build(settings)
    try:
        chat.run(runtime, args.user, input, sys.stdout, files=args.files)
    finally:
        runtime.close()
    return 0


def _db(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runtime import connect
    from storage.database import current_revision, head_revision, upgrade

    db = connect(settings)
    try:
        if args.action == "upgrade":
            upgrade(db.engine)
        print(f"schema revision: {current_revision(db.engine)} "
              f"(newest: {head_revision(db.engine)})")
    finally:
        db.dispose()
    return 0


def _clinics(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import UTC, datetime

    from bot import clinic_admin
    from bot.runtime import Runtime

    runtime = Runtime.build(settings)
    try:
        if args.action == "list":
            clinic_admin.list_clinics(runtime.db, print)
            return 0
        if args.clinic is None or args.person is None:
            print("error: add-clinician needs CLINIC_ID and TEAM:USER", file=sys.stderr)
            return 2
        try:
            print(clinic_admin.add_clinician(runtime.db, args.clinic, args.person, args.name,
                                             datetime.now(UTC)))
        except LookupError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    finally:
        runtime.close()
    return 0


def _flows(args: argparse.Namespace, settings: Settings) -> int:
    from flows.diagrams import write_diagrams

    for path in write_diagrams(Path(args.out)):
        print(path)
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.server import serve

    if args.host:
        settings.host = args.host
    if args.port:
        settings.port = args.port
    warm_up_in_background()
    return serve(settings, with_worker=not args.no_worker)


def _slack(args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.socket_mode import run_socket_mode

    warm_up_in_background()
    return run_socket_mode(settings)


def _worker(args: argparse.Namespace, settings: Settings) -> int:
    from bot.server import work

    return work(settings, metrics_port=args.metrics_port)


def _telegram(args: argparse.Namespace, settings: Settings) -> int:
    from bot.telegram import admin

    if args.action == "set-webhook":
        return admin.set_webhook(settings, args.url, drop_pending=args.drop_pending_updates)
    if args.action == "delete-webhook":
        return admin.delete_webhook(settings, drop_pending=args.drop_pending_updates)
    warm_up_in_background()
    return admin.poll(settings)


_DB_HELP = "database URL or SQLite file (default: DATABASE_URL, else the per-user data directory)"


def build_parser() -> argparse.ArgumentParser:
    """Every sub-command and its options."""
    parser = argparse.ArgumentParser(
        prog="sciatica-bot",
        description="A coaching bot for people with sciatica. Not a doctor. Without a "
                    "command it opens the terminal chat. Settings come from environment "
                    "variables (docs/configuration.md).",
    )
    parser.add_argument("--log-level", default=None, type=str.upper,
                        choices=["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"],
                        help="override LOG_LEVEL")
    sub = parser.add_subparsers(dest="command", metavar="command")

    chat = sub.add_parser(
        "chat", help="talk to the bot in this terminal (the default)",
        description="Talk to the bot in this terminal: answer with a button's number, its "
                    "label or your own words. Ctrl-D or Ctrl-C leaves; run it again to carry "
                    "on where you were. Needs no token: the data stays in a SQLite file in "
                    "your user data directory unless --db or DATABASE_URL says otherwise.")
    chat.add_argument("--db", help=_DB_HELP)
    chat.add_argument("--user", default="me", help="who you are in the chat (default: me)")
    chat.add_argument("--files", type=Path, default=None,
                      help="folder for charts and data exports (default: files/ in the "
                           "per-user data directory)")
    chat.add_argument("--jsonl", action="store_true",
                      help="scripted mode: JSON lines on stdin, JSON lines on stdout")
    chat.add_argument("--ids", action="store_true",
                      help="with --jsonl: every answer also lists its outbox ids (\"ids\"), "
                           "to tell a repeated message from a new one after a crash")
    chat.set_defaults(handler=_chat)

    db = sub.add_parser(
        "db", help="database schema: upgrade it, or show its revision",
        description="Bring the database schema up to date (upgrade), or show the revision it "
                    "is at (current). Run `db upgrade` before starting a new version on "
                    "PostgreSQL; SQLite is upgraded by the bot itself.")
    db.add_argument("action", choices=["upgrade", "current"])
    db.add_argument("--db", help=_DB_HELP)
    db.set_defaults(handler=_db)

    clinics = sub.add_parser("clinics", help="list clinics, or name a clinic's first clinician "
                                             "(clinics set up before clinician roles)")
    clinics.add_argument("action", choices=["list", "add-clinician"])
    clinics.add_argument("clinic", nargs="?", type=int, help="add-clinician: the clinic's id")
    clinics.add_argument("person", nargs="?",
                         help="add-clinician: the Slack person as TEAM:USER (T012AB:U345CD)")
    clinics.add_argument("--name", help="add-clinician: how consent questions name them")
    clinics.add_argument("--db", help="database URL (default: DATABASE_URL)")
    clinics.set_defaults(handler=_clinics)

    flows = sub.add_parser(
        "flows", help="write the Mermaid diagrams of every flow",
        description="Write a Mermaid diagram of every conversation flow (onboarding, "
                    "screening, check-in ...) to a folder, docs/flows by default.")
    flows.add_argument("action", choices=["diagram"])
    flows.add_argument("--out", default="docs/flows", help="folder for the Mermaid files")
    flows.set_defaults(handler=_flows)

    serve = sub.add_parser(
        "serve", help="run the web app: platform webhooks and /healthz",
        description="Run the web app: the Telegram webhook (TELEGRAM_BOT_TOKEN and "
                    "TELEGRAM_WEBHOOK_SECRET), Slack's HTTP endpoints (SLACK_BOT_TOKEN and "
                    "SLACK_SIGNING_SECRET) and /healthz, with reminders and the outbox relay "
                    "in the same process unless --no-worker.")
    serve.add_argument("--db", help=_DB_HELP)
    serve.add_argument("--host", help="address to listen on (default: HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: PORT or 8080)")
    serve.add_argument("--no-worker", action="store_true",
                       help="leave reminders and the outbox relay to `sciatica-bot worker`")
    serve.set_defaults(handler=_serve)

    slack = sub.add_parser(
        "slack", help="run the Slack app in Socket Mode (no public URL), with the worker",
        description="Run the Slack app over Socket Mode: no public URL needed. Needs "
                    "SLACK_BOT_TOKEN (xoxb-...) and SLACK_APP_TOKEN (xapp-..., scope "
                    "connections:write); reminders and clinic calls run in the same process.")
    slack.add_argument("--db", help=_DB_HELP)
    slack.set_defaults(handler=_slack)

    worker = sub.add_parser(
        "worker", help="send due reminders and relay the outbox",
        description="Send due reminders, clinic calls and any message not yet delivered, "
                    "on every platform whose token is set. Run it beside `serve --no-worker`; "
                    "any number of workers may share one PostgreSQL database.")
    worker.add_argument("--db", help=_DB_HELP)
    worker.add_argument("--metrics-port", type=int,
                        help="also serve /healthz and /metrics on this port")
    worker.set_defaults(handler=_worker)

    telegram = sub.add_parser(
        "telegram", help="Telegram: long polling (the default action), "
                         "or register/remove the webhook for `serve`",
        description="Telegram with TELEGRAM_BOT_TOKEN. `poll` (the default) fetches updates "
                    "itself, no public URL needed, with reminders in the same process; "
                    "`set-webhook` points Telegram at `serve` (https only) and "
                    "`delete-webhook` switches back.")
    telegram.add_argument("action", nargs="?", default="poll",
                          choices=["poll", "set-webhook", "delete-webhook"])
    telegram.add_argument("--db", help=_DB_HELP)
    telegram.add_argument("--url", help="set-webhook: the public https URL of the webhook "
                                        "(default: PUBLIC_URL + TELEGRAM_WEBHOOK_PATH)")
    telegram.add_argument("--drop-pending-updates", action="store_true",
                          help="set-/delete-webhook: discard updates Telegram is holding")
    telegram.set_defaults(handler=_telegram)
    return parser


def _early_logging(interactive: bool) -> None:
    """Logging before the settings are read: errors only, in the format asked for if valid."""
    from bot.logs import configure

    asked = os.environ.get("LOG_FORMAT", "auto").strip().lower()
    configure("WARNING", asked if asked in ("json", "text") else "auto")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and ``python -m bot``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["chat", *(argv if argv is not None else sys.argv[1:])])
    interactive = args.command == "chat"
    _early_logging(interactive)
    try:
        settings = _settings(args)
    except ValidationError as error:
        for line in configuration_errors(error, options=_options(args)):
            log.error("%s", line)
        return EX_CONFIG
    from bot.logs import configure, secrets_of

    # The chat is a conversation on stdout: only problems unless a level is asked for.
    quiet = interactive and "log_level" not in settings.model_fields_set
    configure(args.log_level or ("WARNING" if quiet else settings.log_level),
              settings.log_format, secrets_of(settings))
    database = _options(args).get("database_url", "DATABASE_URL")
    handler: Command = args.handler
    try:
        return handler(args, settings)
    except KeyboardInterrupt:
        return INTERRUPTED
    except DatabaseUrlError as error:
        log.error("%s %s", database, error.problem)
        return EX_CONFIG
    except ConfigurationError as error:
        log.error("%s", error)
        return EX_CONFIG
    except DatabaseUnavailable as error:
        log.error("%s", error.naming(database))
        return 1
    except RuntimeError as error:
        log.error("%s", error)
        return 1
    except Exception:
        log.critical("stopped by an unexpected error (exception messages are left out of "
                     "logs: they may quote what people typed)", exc_info=True)
        return 1
