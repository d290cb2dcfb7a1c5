"""Charts and exports in the terminal: written to the --files folder, shown by path and alt text."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
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


SECOND_DAY_FLARE = [
    {"user": "alice", "text": "/checkin", "at": "2026-03-04T09:00:00+01:00"},
    {"user": "alice", "text": "3"},
    {"user": "alice", "text": "just my bum today"},
    {"user": "alice", "choice": "no"},
    {"user": "alice", "choice": "done"},
    {"user": "alice", "choice": "skip"},
    {"user": "alice", "choice": "too_painful"},
    {"user": "alice", "text": "7"},
]


def as_user(user: str, lines: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{**line, "user": user} for line in lines]


def run_jsonl(tmp_path: Path, *lines: dict[str, str], defaults: bool = False
              ) -> list[dict[str, object]]:
    """`sciatica-bot chat --jsonl --files <tmp>/files` as a real process.

    With ``defaults`` the database and the files go where a newcomer's do: the user data
    directory (here ``XDG_DATA_HOME=<tmp>/home-data``).
    """
    where = [] if defaults else ["--db", str(tmp_path / "c.sqlite3"),
                                 "--files", str(tmp_path / "files")]
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--jsonl", *where],
        input="\n".join(json.dumps(line) for line in lines) + "\n",
        capture_output=True, text=True, timeout=120, check=True,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "home-data")},
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


def saved_paths(outputs: list[dict[str, object]]) -> list[Path]:
    """Every file the chat said it wrote, in order."""
    paths = []
    for output in outputs:
        for reply in replies(output):
            image = reply.get("image")
            if isinstance(image, dict):
                paths.append(Path(image["path"]))
            for file in reply.get("files", []):  # type: ignore[attr-defined]
                paths.append(Path(file["path"]))
    return paths


def replies(output: dict[str, object]) -> list[dict[str, object]]:
    found = output["replies"]
    assert isinstance(found, list)
    return found


def test_progress_writes_the_chart_and_gives_its_path_and_alt_text(tmp_path: Path) -> None:
    out = run_jsonl(tmp_path, *ONBOARDING, *CHECKIN, {"user": "alice", "text": "/progress"})

    (chart,) = [r["image"] for r in replies(out[-1]) if "image" in r]
    assert isinstance(chart, dict)
    assert chart["alt"].startswith("Leg pain at 1 check-in, on day 1 of the programme: 5 before")
    assert "How far down the leg the pain reaches: below the knee on day 1" in chart["alt"]
    path = Path(chart["path"])
    assert path.is_relative_to((tmp_path / "files").resolve())
    with Picture.open(path) as picture:
        assert (picture.format, picture.size) == ("PNG", (1000, 1220))  # with the reach
    assert path.stat().st_mode & 0o077 == 0  # health data: readable by its owner only


def test_progress_days_later_gives_today_s_programme_day_in_the_text_and_the_alt_text(
        tmp_path: Path) -> None:
    out = run_jsonl(tmp_path, *ONBOARDING, *CHECKIN,
                    {"user": "alice", "text": "/progress", "at": "2026-03-07T10:00:00+01:00"})

    (summary,) = [r for r in replies(out[-1]) if "image" in r]
    assert "Programme day 5" in str(summary["text"])
    assert "on day 1 of the programme (today is day 5)" in summary["image"]["alt"]  # type: ignore[index]


@pytest.mark.long
def test_export_is_a_summary_to_read_the_check_ins_for_a_spreadsheet_and_all_data_as_json(
        tmp_path: Path) -> None:
    out = run_jsonl(tmp_path, *ONBOARDING, *CHECKIN, *SECOND_DAY_FLARE,
                    {"user": "alice", "text": "my groin has gone numb"},
                    {"user": "alice", "text": "/export"})

    (files,) = [r["files"] for r in replies(out[-1]) if "files" in r]
    assert isinstance(files, list)
    assert [f["mime_type"] for f in files] == ["text/html", "text/csv", "application/json"]
    summary, checkins, everything = (Path(f["path"]) for f in files)

    page = summary.read_text(encoding="utf-8")
    for seen in ("Tuesday 3 March 2026", "Wednesday 4 March 2026",  # dates
                 "Hip release with a ball", "Press-ups", "too painful",  # exercises
                 "Flare-up", "Emergency",  # flare-ups and alerts
                 'alt="Leg pain at 2 check-ins'):  # the chart, with its words
        assert seen in page
    assert page.count("<tr") >= 3  # a heading row and one row per check-in
    assert "<script" not in page

    rows = list(csv.DictReader(io.StringIO(checkins.read_text(encoding="utf-8-sig"))))
    assert [(r["Date"], r["Pain before (0-10)"], r["Pain after (0-10)"], r["Flare-up"])
            for r in rows] == [("2026-03-03", "5", "4", "no"), ("2026-03-04", "3", "7", "yes")]
    assert rows[1]["Hip release with a ball"] == "done"
    assert rows[1]["Press-ups (lying on your front)"] == "skipped"
    assert rows[1]["Nerve floss: slider"] == "too painful"
    assert [r["Pain reached"] for r in rows] == ["below_knee", "buttock"]
    assert ("Where the pain reaches: below the knee at your first check-in, the buttock lately"
            in page)

    exported = json.loads(everything.read_text(encoding="utf-8"))["tables"]
    assert len(exported["exercise_sessions"]) == 2
    assert exported["safety_events"][0]["level"] == "emergency"


def test_delete_removes_every_file_written_for_that_person_and_only_theirs(
        tmp_path: Path) -> None:
    alice = [*ONBOARDING, *CHECKIN, {"user": "alice", "text": "/progress"},
             {"user": "alice", "text": "/export"}]
    bob = [*as_user("bob", ONBOARDING), *as_user("bob", CHECKIN),
           {"user": "bob", "text": "/progress"}]
    before = run_jsonl(tmp_path, *alice, *bob)
    alices, bobs = saved_paths(before[:len(alice)]), saved_paths(before[len(alice):])
    assert (len(alices), len(bobs)) == (4, 1)
    assert all(p.exists() for p in [*alices, *bobs])

    run_jsonl(tmp_path, {"user": "alice", "text": "/delete"}, {"user": "alice", "text": "yes"})

    assert not any(p.exists() for p in alices)
    assert not any(p.parent.exists() for p in alices)
    assert all(p.exists() for p in bobs)


def test_the_database_and_every_file_are_private_to_the_user(tmp_path: Path) -> None:
    out = run_jsonl(tmp_path, *ONBOARDING, *CHECKIN, {"user": "alice", "text": "/export"},
                    defaults=True)

    home = tmp_path / "home-data" / "sciatica-bot"
    written = [p for p in home.rglob("*")]
    assert home / "sciatica-bot.sqlite3" in written
    assert set(saved_paths(out)) <= {p.resolve() for p in written}
    for path in [home, *written]:
        expected = 0o700 if path.is_dir() else 0o600
        assert path.stat().st_mode & 0o777 == expected, path


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
    (chart,) = (p for p in (tmp_path / "files").rglob("*") if p.is_file())
    assert "[picture: Leg pain at 1 check-in, on day 1 of the programme: 5 before" in out.getvalue()
    assert "the pain reaches: below the knee on day 1" in out.getvalue()  # button 4
    assert f"  saved to {chart.resolve()}" in out.getvalue()
