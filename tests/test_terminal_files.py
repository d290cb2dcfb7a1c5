"""Charts and exports in the terminal: written to the --files folder, shown by path and alt text."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from PIL import Image as Picture

from bot.runtime import Runtime
from bot.settings import Settings
from bot.terminal import chat
from flows import texts

ONBOARDING: list[dict[str, str]] = [
    {"user": "alice", "text": "hi", "at": "2026-03-02T08:00:00+01:00"},
    {"user": "alice", "choice": "continue"},
    {"user": "alice", "choice": "yes"},
    {"user": "alice", "text": "Europe/Berlin"},
    {"user": "alice", "text": "09:00"},
    *[{"user": "alice", "choice": "no"}] * 9,
    {"user": "alice", "text": "45"},
    {"user": "alice", "choice": "yes"},
    {"user": "alice", "choice": "no"},
    {"user": "alice", "text": "no thanks"},  # no activities to name
]
CHECKIN = [
    {"user": "alice", "text": "/checkin", "at": "2026-03-03T09:00:00+01:00"},
    {"user": "alice", "text": "5"},
    {"user": "alice", "text": "down to my calf"},
    {"user": "alice", "choice": "no"},
    *[{"user": "alice", "choice": "done"}] * 3,
    {"user": "alice", "text": "4"},
]


def run_jsonl(tmp_path: Path, *lines: dict[str, str]) -> list[dict[str, object]]:
    """`sciatica-bot chat --jsonl --files <tmp>/files` as a real process."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--jsonl", "--db", str(tmp_path / "c.sqlite3"),
         "--files", str(tmp_path / "files")],
        input="\n".join(json.dumps(line) for line in lines) + "\n",
        capture_output=True, text=True, timeout=120, check=True,
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


def replies(output: dict[str, object]) -> list[dict[str, object]]:
    found = output["replies"]
    assert isinstance(found, list)
    return found


def test_progress_writes_the_chart_and_gives_its_path_and_alt_text(tmp_path: Path) -> None:
    out = run_jsonl(tmp_path, *ONBOARDING, *CHECKIN, {"user": "alice", "text": "/progress"})

    (chart,) = [r["image"] for r in replies(out[-1]) if "image" in r]
    assert isinstance(chart, dict)
    assert chart["alt"].startswith("Leg pain at 1 check-in over 1 day: 5 before")
    assert "How far down the leg the pain reaches: below the knee on day 1" in chart["alt"]
    path = Path(chart["path"])
    assert path.parent == (tmp_path / "files").resolve()
    with Picture.open(path) as picture:
        assert (picture.format, picture.size) == ("PNG", (1000, 1220))  # with the reach
    assert path.stat().st_mode & 0o077 == 0  # health data: readable by its owner only


def test_export_writes_a_json_and_a_csv_file(tmp_path: Path) -> None:
    out = run_jsonl(tmp_path, *ONBOARDING, *CHECKIN, {"user": "alice", "text": "/export"})

    (files,) = [r["files"] for r in replies(out[-1]) if "files" in r]
    assert isinstance(files, list)
    json_file, csv_file = (Path(f["path"]) for f in files)
    exported = json.loads(json_file.read_text())["tables"]
    assert len(exported["exercise_sessions"]) == 1
    rows = list(csv.DictReader(io.StringIO(csv_file.read_text())))
    assert {"table": "exercise_sessions", "row": "1", "column": "pain_before",
            "value": "5"} in rows


def test_delete_then_hello_starts_from_the_beginning(tmp_path: Path) -> None:
    out = run_jsonl(tmp_path, *ONBOARDING, *CHECKIN,
                    {"user": "alice", "text": "/delete"},
                    {"user": "alice", "text": "yes"},
                    {"user": "alice", "text": "hi"})

    assert texts.data.ERASED in str(replies(out[-2])[0]["text"])
    welcome = replies(out[-1])[0]
    assert welcome["choices"] == [{"id": "continue", "label": "Let's start"}]


def test_the_interactive_chat_prints_where_the_chart_was_saved(tmp_path: Path) -> None:
    runtime = Runtime.build(Settings(database_url=f"sqlite:///{tmp_path / 'c.sqlite3'}"))
    answers = iter(["1", "1", "Europe/Berlin", "09:00", *["no"] * 9, "45", "yes", "no", "skip",
                    "/checkin", "5", "4", "no", "done", "done", "done", "4", "/progress"])

    def read(_prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    out = io.StringIO()
    try:
        chat.run(runtime, "me", read, out, files=tmp_path / "files")
    finally:
        runtime.close()
    (chart,) = (tmp_path / "files").iterdir()
    assert "[picture: Leg pain at 1 check-in over 1 day: 5 before" in out.getvalue()
    assert "the pain reaches: below the knee on day 1" in out.getvalue()  # button 4
    assert f"  saved to {chart.resolve()}" in out.getvalue()
