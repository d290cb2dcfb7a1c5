"""The command line: the scripted JSON-lines contract and the interactive chat."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.runtime import Runtime
from bot.settings import Settings
from bot.terminal import chat
from core.messages import InboundEvent


def run_jsonl(db: Path, *lines: object) -> list[dict[str, object]]:
    """Run `sciatica-bot chat --jsonl` as a real process; one parsed output per line."""
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--jsonl", "--db", str(db)],
        input=text + "\n", capture_output=True, text=True, timeout=120, check=True,
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "chat.sqlite3"


def test_one_output_line_per_input_line(db_file: Path) -> None:
    out = run_jsonl(
        db_file,
        {"user": "alice", "text": "hi", "at": "2026-03-01T09:00:00+01:00"},
        {"user": "alice", "text": "1"},
        {"user": "bob", "text": "hello"},
    )
    assert [o["user"] for o in out] == ["alice", "alice", "bob"]
    first = out[0]["replies"][0]  # type: ignore[index]
    assert set(first) == {"text", "choices", "alert", "exercise"}
    assert first["choices"] == [{"id": "continue", "label": "Let's start"}]
    assert "store" in out[1]["replies"][0]["text"]  # type: ignore[index]


def test_malformed_lines_get_an_error_and_the_run_goes_on(db_file: Path) -> None:
    out = run_jsonl(
        db_file,
        "not json",
        "[1, 2]",
        {"text": "no user"},
        {"user": "alice", "text": "x", "choice": "y"},
        {"user": "alice", "text": "hi", "at": "yesterday"},
        {"user": "alice", "text": "hi", "at": "2026-03-01T09:00:00"},
        {"tick": 5},
        {"user": "alice", "text": "hi"},
    )
    assert all("error" in o for o in out[:7])
    assert "replies" in out[7]


def test_the_same_user_continues_in_a_later_run(db_file: Path) -> None:
    run_jsonl(db_file, {"user": "alice", "text": "hi"}, {"user": "alice", "text": "1"})
    out = run_jsonl(db_file, {"user": "alice", "text": "yes"})
    assert "time zone" in out[0]["replies"][0]["text"]  # type: ignore[index]


def test_tick_sends_due_reminders(db_file: Path) -> None:
    out = run_jsonl(
        db_file,
        {"user": "alice", "text": "hi", "at": "2026-03-01T08:00:00+01:00"},
        {"user": "alice", "text": "1"},
        {"user": "alice", "text": "yes"},
        {"user": "alice", "text": "Berlin"},
        {"user": "alice", "text": "08:30"},
        {"tick": "2026-03-01T08:29:00+01:00"},
        {"tick": "2026-03-01T08:30:00+01:00"},
        {"tick": "2026-03-01T08:31:00+01:00"},
    )
    assert out[5] == {"tick": "2026-03-01T08:29:00+01:00", "sent": []}
    sent = out[6]["sent"]
    assert sent[0]["user"] == "alice"  # type: ignore[index]
    assert "daily check-in" in sent[0]["replies"][0]["text"]  # type: ignore[index]
    assert out[7]["sent"] == []


def test_the_clock_never_runs_backwards(db_file: Path) -> None:
    out = run_jsonl(
        db_file,
        {"user": "alice", "text": "hi", "at": "2026-03-10T08:00:00+00:00"},
        {"user": "alice", "text": "1", "at": "2026-03-01T08:00:00+00:00"},
    )
    assert "replies" in out[1]


def test_an_emergency_is_tagged(db_file: Path) -> None:
    out = run_jsonl(db_file, {"user": "alice", "text": "I wet myself"})
    assert out[0]["replies"][0]["alert"] == "emergency"  # type: ignore[index]


def test_the_same_answer_sent_twice_does_not_lift_an_emergency_pause(db_file: Path) -> None:
    """Issue 12: after the emergency reply, the same "1" again answered "I've lifted the pause"."""
    start = "2026-03-02T08:00:00+01:00"
    out = run_jsonl(
        db_file,
        {"user": "alice", "text": "I wet myself", "at": start},
        {"user": "alice", "text": "I wet myself", "at": "2026-03-02T08:00:20+01:00"},
        {"user": "alice", "text": "1", "at": "2026-03-02T08:00:40+01:00"},
        {"user": "alice", "text": "1", "at": "2026-03-02T08:00:41+01:00"},
        {"user": "alice", "text": "I've been examined", "at": "2026-03-02T11:00:00+01:00"},
    )
    texts = [" ".join(str(r["text"]) for r in o["replies"]) for o in out]  # type: ignore[union-attr]
    assert all("lifted the pause" not in t for t in texts[:4])
    assert "too soon" in texts[2]
    assert "emergency department" in texts[3]
    assert "lifted the pause" in texts[4]


def test_interactive_chat_numbers_the_choices(tmp_path: Path) -> None:
    runtime = Runtime.build(Settings(database_url=f"sqlite:///{tmp_path / 'c.sqlite3'}"))
    answers = iter(["1", "2"])

    def read(_prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    out = io.StringIO()
    try:
        chat.run(runtime, "me", read, out)
    finally:
        runtime.close()
    text = out.getvalue()
    assert "[1] Let's start" in text
    assert "[1] I agree   [2] I don't agree" in text
    assert "won't store anything" in text
    assert "progress is saved" in text


def test_help_lists_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True,
                            text=True, timeout=60, check=True)
    for command in ("chat", "db", "flows", "serve", "worker"):
        assert command in result.stdout


def test_an_operator_names_the_first_clinician_of_a_clinic_from_before_the_roles(
        tmp_path: Path) -> None:
    """A clinic set up before revision 0006 has no clinician until the operator names one."""
    from datetime import UTC, datetime

    from bot import clinic_admin
    from storage.clinics import save_clinic

    db_url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    runtime = Runtime.build(Settings(database_url=db_url))
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    save_clinic(runtime.db, name="#physio-north", platform="slack", team="T0CLINIC1",
                channel="C0NORTH01", call_time="09:30", timezone="Europe/Berlin",
                window_hours=12, next_call_at=now, now=now)
    listed: list[str] = []
    clinic_admin.list_clinics(runtime.db, listed.append)
    runtime.close()

    added = subprocess.run(
        [sys.executable, "-m", "bot", "clinics", "add-clinician", "1", "T0CLINIC1:U0NORA001",
         "--name", "Dr. Nora O'Brien", "--db", db_url],
        capture_output=True, text=True, timeout=120, check=True)

    assert listed == ["1\t#physio-north\tslack\tcalls on\tdetails: clinicians' DMs\t"
                      "clinicians: 0"]
    assert added.stdout.strip() == "T0CLINIC1:U0NORA001 is now a clinician of clinic 1"
    runtime = Runtime.build(Settings(database_url=db_url))
    try:
        again = clinic_admin.add_clinician(runtime.db, 1, "T0CLINIC1:U0NORA001", None, now)
        with pytest.raises(LookupError, match="there is no clinic 7"):
            clinic_admin.add_clinician(runtime.db, 7, "T0CLINIC1:U0NORA001", None, now)
        with pytest.raises(LookupError, match="is not a Slack person"):
            clinic_admin.add_clinician(runtime.db, 1, "nora", None, now)
        listed.clear()
        clinic_admin.list_clinics(runtime.db, listed.append)
    finally:
        runtime.close()
    assert again == "T0CLINIC1:U0NORA001 already is a clinician of clinic 1"
    assert listed[0].endswith("clinicians: 1")


@pytest.mark.parametrize(("argv", "entry"), [
    (["chat"], "bot.terminal.chat.run"),
    (["serve"], "bot.server.serve"),
    (["slack"], "bot.slack.socket_mode.run_socket_mode"),
    (["telegram"], "bot.telegram.admin.poll"),
])
def test_every_mode_that_reads_people_warms_the_safety_reader_at_start_up(
    argv: list[str], entry: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot import cli

    started: list[str] = []
    monkeypatch.setattr(cli, "warm_up_in_background", lambda: started.append("warm"))
    monkeypatch.setattr(entry, lambda *args, **kwargs: started.append("mode") or 0)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'm.sqlite3'}")
    assert cli.main(argv) == 0
    assert started == ["warm", "mode"]


def test_the_warm_up_loads_every_layer_of_the_safety_reader() -> None:
    script = (
        "from bot.cli import warm_up_in_background\n"
        "warm_up_in_background().join()\n"
        "import sys\n"
        "from flows.symptoms.assertion import JUDGE\n"
        "from flows.symptoms.resemblance import model\n"
        "print(JUDGE._nlp is not None, 'symspellpy' in sys.modules, model.cache_info().currsize)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.split() == ["True", "True", "1"]


def test_a_chat_stopped_before_showing_an_answer_shows_it_at_the_next_start(
        tmp_path: Path) -> None:
    """A run killed between a turn's commit and its display: the answer is not lost."""
    runtime = Runtime.build(Settings(database_url=f"sqlite:///{tmp_path / 'c.sqlite3'}"))
    try:
        chat.run(runtime, "me", _ends, io.StringIO())
        runtime.engine.handle(InboundEvent(platform=chat.PLATFORM, user="me", chat="me",
                                           event_id="typed-then-killed", at=runtime.clock.now(),
                                           text="1"))
        out = io.StringIO()
        chat.run(runtime, "me", _ends, out)
    finally:
        runtime.close()
    shown = out.getvalue()
    assert "[1] I agree   [2] I don't agree" in shown
    assert chat.WELCOME_BACK not in shown
    assert "Let's start" not in shown


def test_a_returning_person_is_welcomed_back_to_the_open_question(tmp_path: Path) -> None:
    runtime = Runtime.build(Settings(database_url=f"sqlite:///{tmp_path / 'c.sqlite3'}"))
    try:
        chat.run(runtime, "me", _answers("1"), io.StringIO())
        out = io.StringIO()
        chat.run(runtime, "me", _ends, out)
    finally:
        runtime.close()
    welcome_back = out.getvalue().split(chat.WELCOME_BACK, 1)[1]
    assert "[1] I agree   [2] I don't agree" in welcome_back
    assert "Let's start" not in out.getvalue()


def _answers(*lines: str) -> Callable[[str], str]:
    """``input`` for a person who types ``lines``, then Ctrl-D."""
    typed = iter(lines)

    def read(_prompt: str) -> str:
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    return read


def _ends(_prompt: str) -> str:
    raise EOFError
