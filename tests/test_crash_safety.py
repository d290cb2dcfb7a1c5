"""Killing the bot with SIGKILL at random moments loses nothing and doubles nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bench import crash, order
from bot.clock import ScriptClock
from bot.runtime import Runtime
from bot.settings import Settings
from bot.terminal import jsonl
from storage.database import Database, upgrade


class _DiesOnWrite(io.StringIO):
    """Standard output of a process killed after its turn committed, before it answered."""

    def write(self, _text: str) -> int:
        raise SystemExit("killed")


def _jsonl_run(db: Path, *lines: dict[str, object], out: io.StringIO | None = None
               ) -> list[dict[str, object]]:
    out = out if out is not None else io.StringIO()
    clock = ScriptClock()
    runtime = Runtime.build(Settings(database_url=f"sqlite:///{db}"), clock=clock)
    try:
        jsonl.run(runtime, clock, [json.dumps(line) for line in lines], out, ids=True)
    finally:
        runtime.close()
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_resent_event_gets_the_answer_the_killed_run_never_wrote(tmp_path: Path) -> None:
    db = tmp_path / "chat.sqlite3"
    hello = {"user": "alice", "text": "hello", "id": "e1", "at": "2027-01-04T08:00:00+01:00"}
    with pytest.raises(SystemExit):
        _jsonl_run(db, hello, out=_DiesOnWrite())
    [answer] = _jsonl_run(db, hello)
    assert "not a doctor" in answer["replies"][0]["text"]  # type: ignore[index]


def test_a_redelivered_event_already_answered_repeats_nothing(tmp_path: Path) -> None:
    db = tmp_path / "chat.sqlite3"
    hello = {"user": "alice", "text": "hello", "id": "e1", "at": "2027-01-04T08:00:00+01:00"}
    [first] = _jsonl_run(db, hello)
    [again] = _jsonl_run(db, hello)
    assert again["ids"] == []
    assert again["replies"] == []
    assert first["ids"]


def test_without_ids_the_lines_are_exactly_the_contract(tmp_path: Path) -> None:
    clock = ScriptClock()
    runtime = Runtime.build(Settings(database_url=f"sqlite:///{tmp_path / 'c.sqlite3'}"),
                            clock=clock)
    out = io.StringIO()
    lines = [{"user": "alice", "text": "hello", "at": "2027-01-04T08:00:00+01:00"},
             {"tick": "2027-01-05T09:00:00+01:00"}]
    try:
        jsonl.run(runtime, clock, [json.dumps(line) for line in lines], out)
    finally:
        runtime.close()
    answer, tick = (json.loads(line) for line in out.getvalue().splitlines())
    assert set(answer) == {"user", "replies"}
    assert set(tick) == {"tick", "sent"}
    assert set(answer["replies"][0]) == {"text", "choices", "alert", "exercise"}


@pytest.mark.long
def test_twenty_users_survive_three_kills(tmp_path: Path) -> None:
    figures = crash.run(tmp_path / "crash.sqlite3", users=20, kills=3, days=2, seed=7)
    print(crash.report(figures))
    assert figures.kills == 3
    assert figures.checkins_seen == 40 == figures.checkins_stored
    assert figures.ok(), crash.report(figures)


@pytest.mark.slow
def test_two_hundred_users_survive_twenty_kills(tmp_path: Path) -> None:
    figures = crash.run(tmp_path / "crash.sqlite3", users=200, kills=20, days=2, seed=1)
    print(crash.report(figures))
    assert figures.kills == 20
    assert figures.checkins_seen == 400 == figures.checkins_stored
    assert figures.ok(), crash.report(figures)


@pytest.mark.long
def test_each_chat_receives_its_messages_in_commit_order_through_faults_and_kills(
        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'order.sqlite3'}"
    _migrated(url)
    figures = order.run(url, chats=8, processes=2, seconds=4, kills=3, faults=0.05, seed=3)
    print(order.report(figures))
    assert figures.kills == 3
    assert figures.committed > 50
    assert figures.ok(), order.report(figures)


@pytest.mark.slow
def test_forty_chats_keep_their_order_through_twelve_kills_on_postgres(postgres_url: str
                                                                       ) -> None:
    figures = order.run(postgres_url, chats=40, processes=3, seconds=25, kills=12, faults=0.1,
                        seed=5)
    print(order.report(figures))
    assert figures.ok(), order.report(figures)


def _migrated(url: str) -> None:
    db = Database.connect(url)
    upgrade(db.engine)
    db.dispose()
