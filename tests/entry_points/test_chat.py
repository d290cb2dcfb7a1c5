"""``sciatica-bot chat`` and ``chat --jsonl`` from the installed command, as people type them."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

from tests.entry_points.installed import ROOT
from tests.entry_points.processes import Running, Shell

#: Setting up as a person does at the terminal: the buttons' numbers, words, a sloppy time.
SETUP = ["1", "1", "berlin", "8:30", *["no"] * 9, "45", "yes", "no"]
SAFETY_QUESTION = "Quick safety check"


def sessions_of(database: Path) -> list[str]:
    """The status of every check-in stored."""
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute("SELECT status FROM exercise_sessions")]


def default_database(shell: Shell) -> Path:
    return shell.home / ".local" / "share" / "sciatica-bot" / "sciatica-bot.sqlite3"


def test_a_newcomer_chats_with_the_bare_command(shell: Shell) -> None:
    result = shell.run("sciatica-bot", stdin="1\nI agree\n")

    assert result.returncode == 0, result.stderr
    assert "[1] Let's start" in result.stdout
    assert "[1] I agree   [2] I don't agree" in result.stdout
    assert "time zone" in result.stdout
    assert result.stdout.rstrip().endswith(
        "Bye. Your progress is saved; run the same command to continue.")
    assert result.stderr == ""
    assert default_database(shell).exists()


def test_scripted_mode_answers_each_line_with_one_line(shell: Shell, sqlite_file: str) -> None:
    lines = [{"user": "sam", "text": "hello", "at": "2026-03-01T09:00:00+01:00"},
             {"user": "sam", "choice": "continue"},
             {"tick": "2026-03-02T09:00:00+01:00"}]
    result = shell.run("sciatica-bot", "chat", "--jsonl", "--db", sqlite_file,
                       stdin="".join(json.dumps(line) + "\n" for line in lines))

    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a.get("user", a.get("tick")) for a in answers] == ["sam", "sam",
                                                               "2026-03-02T09:00:00+01:00"]
    assert "not a doctor" in answers[0]["replies"][0]["text"]
    assert answers[1]["replies"][-1]["choices"][0]["label"] == "I agree"
    assert result.stderr == ""


def test_ctrl_d_during_a_checkin_keeps_it_for_the_next_start(shell: Shell) -> None:
    first = shell.run("sciatica-bot", "chat", stdin="\n".join([*SETUP, "/checkin", "4"]) + "\n")
    assert first.stdout.rstrip().endswith("run the same command to continue.")
    assert SAFETY_QUESTION in first.stdout.rsplit("you>", 2)[-2]

    again = shell.run("sciatica-bot", "chat", stdin="no\n")

    assert again.returncode == 0, again.stderr
    before_answer, after_answer = again.stdout.split("you>", 1)
    assert SAFETY_QUESTION in before_answer
    assert "What would you like to do?" not in before_answer
    assert "Hip release" in after_answer
    assert sessions_of(default_database(shell)) == []


def test_ctrl_c_at_the_prompt_says_goodbye_and_keeps_the_checkin(shell: Shell) -> None:
    with shell.start("sciatica-bot", "chat", stdin=True) as chat:
        for line in [*SETUP, "/checkin", "4"]:
            chat.type(line)
        chat.wait_until(lambda: SAFETY_QUESTION in chat.stdout and
                        chat.stdout.rstrip().endswith("you>"), "the safety question")
        chat.interrupt()
        code = chat.finish()
        out, err = chat.stdout, chat.stderr

    assert code == 0
    assert out.rstrip().endswith("Bye. Your progress is saved; run the same command to continue.")
    assert "Traceback" not in err
    assert err == ""
    again = shell.run("sciatica-bot", "chat", stdin="")
    assert SAFETY_QUESTION in again.stdout
    assert sessions_of(default_database(shell)) == []


def test_ctrl_c_under_dev_py_prints_no_traceback(tmp_path: Path) -> None:
    """``python3 dev.py chat`` as the quick start says, with the project's own .venv."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "LOG_FORMAT", "LOG_LEVEL")}
    env["HOME"] = str(tmp_path)
    with Running([sys.executable, "dev.py", "chat", "--db", str(tmp_path / "dev.sqlite3")],
                 env, ROOT, tmp_path / "output", stdin=True) as chat:
        chat.wait_until(lambda: chat.stdout.rstrip().endswith("you>"), "the prompt")
        chat.interrupt()
        code = chat.finish()
        out, err = chat.stdout, chat.stderr

    assert "Traceback" not in err, err
    assert "[dev] installing" not in err
    assert out.rstrip().endswith("run the same command to continue.")
    assert code == 0

