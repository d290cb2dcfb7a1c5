"""The ``sciatica-bot`` command.

``sciatica-bot`` alone opens the terminal chat on the embedded SQLite
database. Every other mode is a sub-command; ``--help`` lists them.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.settings import Settings

Command = Callable[[argparse.Namespace, Settings], int]


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
    if getattr(args, "db", None):
        overrides["database_url"] = args.db
    return Settings(**overrides)


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
    from storage.database import create_db_engine, current_revision, head_revision, upgrade

    engine = create_db_engine(settings.database_url)
    try:
        if args.action == "upgrade":
            upgrade(engine)
        print(f"schema revision: {current_revision(engine)} (newest: {head_revision(engine)})")
    finally:
        engine.dispose()
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


def build_parser() -> argparse.ArgumentParser:
    """Every sub-command and its options."""
    parser = argparse.ArgumentParser(
        prog="sciatica-bot",
        description="A coaching bot for people with sciatica. Not a doctor.",
    )
    parser.add_argument("--log-level", default=None, help="override LOG_LEVEL")
    sub = parser.add_subparsers(dest="command")

    chat = sub.add_parser("chat", help="talk to the bot in this terminal (the default)")
    chat.add_argument("--db", help="database URL or SQLite file (default: DATABASE_URL or "
                                   "the per-user data directory)")
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

    db = sub.add_parser("db", help="database schema")
    db.add_argument("action", choices=["upgrade", "current"])
    db.add_argument("--db", help="database URL or SQLite file")
    db.set_defaults(handler=_db)

    flows = sub.add_parser("flows", help="flow definitions")
    flows.add_argument("action", choices=["diagram"])
    flows.add_argument("--out", default="docs/flows", help="folder for the Mermaid files")
    flows.set_defaults(handler=_flows)
    serve = sub.add_parser("serve", help="run the web app: platform webhooks and /healthz")
    serve.add_argument("--db", help="database URL (default: DATABASE_URL)")
    serve.add_argument("--host", help="address to listen on (default: HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: PORT or 8080)")
    serve.add_argument("--no-worker", action="store_true",
                       help="leave reminders and the outbox relay to `sciatica-bot worker`")
    serve.set_defaults(handler=_serve)

    slack = sub.add_parser("slack", help="run the Slack app in Socket Mode (no public URL), "
                                         "with the worker")
    slack.add_argument("--db", help="database URL (default: DATABASE_URL)")
    slack.set_defaults(handler=_slack)

    worker = sub.add_parser("worker", help="send due reminders and relay the outbox")
    worker.add_argument("--db", help="database URL (default: DATABASE_URL)")
    worker.add_argument("--metrics-port", type=int,
                        help="also serve /healthz and /metrics on this port")
    worker.set_defaults(handler=_worker)

    telegram = sub.add_parser("telegram", help="Telegram: long polling (the default action), "
                                               "or register/remove the webhook for `serve`")
    telegram.add_argument("action", nargs="?", default="poll",
                          choices=["poll", "set-webhook", "delete-webhook"])
    telegram.add_argument("--db", help="database URL (default: DATABASE_URL)")
    telegram.add_argument("--url", help="set-webhook: the public https URL of the webhook "
                                        "(default: PUBLIC_URL + TELEGRAM_WEBHOOK_PATH)")
    telegram.add_argument("--drop-pending-updates", action="store_true",
                          help="set-/delete-webhook: discard updates Telegram is holding")
    telegram.set_defaults(handler=_telegram)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and ``python -m bot``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["chat", *(argv or sys.argv[1:])])
    settings = _settings(args)
    from bot.logs import configure, secrets_of

    interactive = args.command == "chat"
    configure(args.log_level or ("WARNING" if interactive else settings.log_level),
              settings.log_format, secrets_of(settings))
    handler: Command = args.handler
    try:
        return handler(args, settings)
    except KeyboardInterrupt:
        return 130
    except RuntimeError as error:
        logging.getLogger("bot").error("%s", error)
        print(f"error: {error}", file=sys.stderr)
        return 1
