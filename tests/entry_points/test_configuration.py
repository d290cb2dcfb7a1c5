"""Configuration mistakes as people make them, through the installed command.

Every one is said in one line (what is wrong, which variable, what a right
value looks like), never as a traceback, and a malformed database URL never
leaves a new database, file or folder behind.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import time

import pytest

from fakes.http import free_port
from tests.entry_points.processes import Shell

HELLO = json.dumps({"user": "ben", "text": "hi"}) + "\n"
#: Exit code of a configuration error (sysexits.h EX_CONFIG): systemd does not restart on it.
EX_CONFIG = 78


def only_line(stderr: str) -> dict[str, str]:
    """The one line a failed start wrote, as the JSON log record it is."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    record: dict[str, str] = json.loads(lines[0])
    assert record["level"] in ("ERROR", "CRITICAL")
    assert "exception" not in record
    return record


@pytest.mark.parametrize("url", [
    "postgresql:/bot@localhost/sciatica",  # one slash missing
    "htp:",
    "mysql://bot:pw@localhost/sciatica",
])  # every rule, without starting a process each: tests/test_database_urls.py
def test_a_malformed_database_url_is_one_line_and_makes_nothing(shell: Shell, url: str) -> None:
    result = shell.run("sciatica-bot", "chat", "--jsonl", stdin=HELLO, DATABASE_URL=url)

    assert result.returncode == EX_CONFIG
    message = only_line(result.stderr)["message"]
    assert message.startswith("DATABASE_URL ")
    assert "postgresql://" in message
    assert "sqlite:///" in message  # what a right one looks like
    assert result.stdout == ""
    assert shell.made() == []


def test_a_sqlite_file_in_a_missing_folder_is_refused_not_made(shell: Shell) -> None:
    missing = shell.cwd / "nonexistent" / "dir"

    result = shell.run("sciatica-bot", "chat", "--jsonl", stdin=HELLO, DATABASE_URL=str(missing))

    assert result.returncode == EX_CONFIG
    message = only_line(result.stderr)["message"]
    assert "DATABASE_URL" in message
    assert str(missing.parent) in message
    assert "does not exist" in message
    assert shell.made() == []


def test_a_folder_is_not_a_database(shell: Shell) -> None:
    result = shell.run("sciatica-bot", "db", "upgrade", "--db", str(shell.cwd))

    assert result.returncode == EX_CONFIG
    message = only_line(result.stderr)["message"]
    assert message.startswith("--db ")
    assert "folder" in message
    assert shell.made() == []


def test_an_unreachable_postgresql_is_one_line_without_its_password(shell: Shell) -> None:
    url = f"postgresql://bot:s3cret-Passw0rd@127.0.0.1:{free_port()}/sciatica"

    result = shell.run("sciatica-bot", "worker", DATABASE_URL=url)

    assert result.returncode == 1
    record = only_line(result.stderr)
    assert "cannot connect" in record["message"]
    assert "127.0.0.1" in record["message"]
    assert "DATABASE_URL" in record["message"]
    assert "s3cret-Passw0rd" not in result.stderr
    assert shell.made() == []


def test_a_file_that_is_no_database_is_one_line(shell: Shell) -> None:
    notes = shell.cwd / "notes.txt"
    notes.write_text("shopping: milk, eggs\n" * 100)

    result = shell.run("sciatica-bot", "chat", "--jsonl", stdin=HELLO, DATABASE_URL=str(notes))

    assert result.returncode == 1
    assert "not a database" in only_line(result.stderr)["message"]
    assert notes.read_text() == "shopping: milk, eggs\n" * 100


def test_each_bad_setting_is_named_with_a_right_value_one_line_each(
        shell: Shell, sqlite_file: str) -> None:
    wrong = {"PORT": ("eighty", "PORT=8080"), "LOG_FORMAT": ("pretty", "LOG_FORMAT=text"),
             "TELEGRAM_RATE_GLOBAL": ("fast", "TELEGRAM_RATE_GLOBAL=30")}

    result = shell.run("sciatica-bot", "serve", DATABASE_URL=sqlite_file,
                       **{variable: value for variable, (value, _) in wrong.items()})

    assert result.returncode == EX_CONFIG
    assert "Traceback" not in result.stderr
    lines = [json.loads(line)["message"] for line in result.stderr.splitlines()]
    assert len(lines) == len(wrong)
    for variable, (value, example) in wrong.items():
        [line] = [line for line in lines if line.startswith(variable)]
        assert repr(value) in line
        assert example in line
    assert shell.made() == []


def test_a_bad_secret_is_named_but_never_shown(shell: Shell, sqlite_file: str) -> None:
    result = shell.run("sciatica-bot", "serve", DATABASE_URL=sqlite_file,
                       TELEGRAM_BOT_TOKEN="xoxb-my-slack-token-by-mistake")

    assert result.returncode == EX_CONFIG
    message = only_line(result.stderr)["message"]
    assert message.startswith("TELEGRAM_BOT_TOKEN")
    assert "BotFather" in message
    assert "my-slack-token" not in result.stderr


def test_serve_refuses_a_slack_bot_token_without_the_signing_secret(
        shell: Shell, sqlite_file: str) -> None:
    result = shell.run("sciatica-bot", "serve", DATABASE_URL=sqlite_file,
                       SLACK_BOT_TOKEN="xoxb-1-2-abc")

    assert result.returncode == EX_CONFIG
    message = only_line(result.stderr)["message"]
    assert "SLACK_SIGNING_SECRET" in message
    assert "sciatica-bot slack" in message
    assert shell.made() == []


def test_serve_without_any_platform_names_the_variables_to_set(
        shell: Shell, sqlite_file: str, web_port: int) -> None:
    with shell.start("sciatica-bot", "serve", "--port", str(web_port),
                     DATABASE_URL=sqlite_file) as bot:
        bot.wait_healthy(f"http://127.0.0.1:{web_port}")
        assert bot.stop() in (0, -signal.SIGTERM)  # uvicorn ends by the signal it stopped on
    [warning] = [entry["message"] for entry in bot.logs() if entry["level"] == "WARNING"]
    for variable in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "SLACK_BOT_TOKEN",
                     "SLACK_SIGNING_SECRET"):
        assert variable in warning


@pytest.mark.parametrize(("asked", "json_lines"), [(None, False), ("json", True)])
def test_logs_in_a_terminal_are_text_unless_json_is_asked_for(
        shell: Shell, sqlite_file: str, asked: str | None, json_lines: bool) -> None:
    settings = {"DATABASE_URL": sqlite_file, **({"LOG_FORMAT": asked} if asked else {})}
    parent, child = pty.openpty()
    try:
        with shell.start("sciatica-bot", "db", "upgrade", terminal=child, **settings) as command:
            os.close(child)
            seen = read_until(parent, b"database: ")
            assert command.finish() == 0
    finally:
        os.close(parent)

    line = next(line for line in seen.decode().splitlines() if "database: " in line)
    if json_lines:
        assert json.loads(line)["message"] == f"database: sqlite:///{sqlite_file}"
    else:
        assert " INFO " in line
        assert line.endswith(f"database: sqlite:///{sqlite_file}")


def read_until(descriptor: int, wanted: bytes, seconds: float = 90) -> bytes:
    """What a terminal shows until ``wanted`` appears in it (and the rest of that line)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([descriptor], [], [], 0.2)
        if ready:
            try:
                seen += os.read(descriptor, 4096)
            except OSError:  # the other end closed
                break
            if wanted in seen and seen.rstrip(b" ").endswith((b"\n", b"\r\n")):
                return seen
    raise AssertionError(f"{wanted!r} not seen in {seen!r}")


@pytest.mark.parametrize(("command", "settings", "said"), [
    ("telegram", {"TELEGRAM_BOT_TOKEN": "123456:AAH-token"}, "Telegram is not reachable"),
    ("slack", {"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_APP_TOKEN": "xapp-1-A1-2-abc"},
     "Slack is not reachable"),
])
def test_a_platform_out_of_reach_at_start_is_one_line(
        shell: Shell, sqlite_file: str, command: str, settings: dict[str, str],
        said: str) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}"

    result = shell.run("sciatica-bot", command, DATABASE_URL=sqlite_file,
                       TELEGRAM_API_URL=f"{nowhere}/bot", SLACK_API_URL=f"{nowhere}/api/",
                       **settings)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines()]
    [error] = [r for r in records if r["level"] in ("ERROR", "CRITICAL")]
    assert error["message"].startswith(said)
    assert nowhere in error["message"]
    assert "exception" not in error
