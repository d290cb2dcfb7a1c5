"""The engine: one event, one transaction, exactly once, in order."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import func, insert, select, update

from bot.engine import Engine
from core.messages import OutgoingMessage
from fakes.harness import PLATFORM, ChatHarness
from flows import turn
from storage.database import Database
from storage.tables import conversations, outbox, processed, screening_answers, sessions
from storage.turns import RetryTurn, Turn
from tests.conftest import START


def count(db: Database, table: object) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_first_message_opens_with_the_welcome(bot: ChatHarness) -> None:
    replies = bot.say("hi")
    assert replies.has("not a doctor")
    assert bot.position() == "onboarding.welcome"


def test_a_duplicate_event_has_no_second_effect(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.say("/checkin")
    event = bot.event("alice", text="4", event_id="telegram-update-77")
    first = bot.send_event(event)
    assert first.has("how far down")
    before = (count(bot.db, outbox), bot.context().model_dump_json())
    again = bot.send_event(event)
    assert list(again) == []
    assert (count(bot.db, outbox), bot.context().model_dump_json()) == before


def test_every_message_is_in_the_outbox_and_marked_sent(bot: ChatHarness) -> None:
    bot.say("hi")
    with bot.db.engine.connect() as connection:
        rows = connection.execute(select(outbox.c.sent_at)).all()
    assert rows
    assert all(r.sent_at is not None for r in rows)


def test_a_restart_mid_flow_continues_where_it_stopped(database_url: str) -> None:
    first = Database.connect(database_url)
    try:
        bot = ChatHarness(first, START)
        bot.say("hi")
        bot.press("continue")
        bot.press("yes")
    finally:
        first.dispose()

    second = Database.connect(database_url)
    try:
        resumed = ChatHarness(second, START)
        assert resumed.position() == "onboarding.timezone"
        assert resumed.say("Europe/Paris").has("Europe/Paris")
        assert resumed.position() == "onboarding.reminder"
    finally:
        second.dispose()


def test_screening_answers_are_an_audit_trail(onboarded_bot: ChatHarness) -> None:
    with onboarded_bot.db.engine.connect() as connection:
        rows = connection.execute(
            select(screening_answers.c.question, screening_answers.c.answer, screening_answers.c.at)
        ).all()
    questions = [r.question for r in rows]
    assert questions[:2] == ["saddle", "bladder_bowel"]
    assert {"age", "bending_worse", "standing_worse"} <= set(questions)
    assert all(r.at.tzinfo is not None for r in rows)


def test_a_completed_checkin_is_stored(onboarded_bot: ChatHarness) -> None:
    onboarded_bot.checkin(4, 6)
    with onboarded_bot.db.engine.connect() as connection:
        row = connection.execute(select(sessions)).one()
    assert (row.pain_before, row.pain_after, row.flare, row.status) == (4, 6, True, "completed")


def test_an_abandoned_checkin_is_kept(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.say("/checkin")
    bot.say("3")
    bot.say("menu")
    with bot.db.engine.connect() as connection:
        row = connection.execute(select(sessions)).one()
    assert (row.pain_before, row.status) == (3, "abandoned")


def test_concurrent_events_for_one_person_lose_no_update(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    engines = [Engine(bot.db, bot.clock) for _ in range(4)]
    events = [bot.event("alice", text="tips") for _ in range(20)]
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            for event in events[index::4]:
                engines[index].handle(event)
        except BaseException as error:  # noqa: BLE001 - any error in a thread is reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with bot.db.engine.connect() as connection:
        version = connection.execute(select(conversations.c.version)).scalar_one()
    handled = count(bot.db, processed)
    assert version == handled  # every committed turn bumped the version exactly once


def test_a_bug_in_a_flow_gets_an_apology_not_a_crash(
    bot: ChatHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot.say("hi")

    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("bot.engine.run_turn", broken)
    replies = bot.say("1")
    assert replies.has("went wrong on my side")
    monkeypatch.setattr("bot.engine.run_turn", turn.run_turn)
    assert bot.position() == "onboarding.welcome"


def test_timestamps_come_back_timezone_aware(bot: ChatHarness) -> None:
    bot.say("hi", at=datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
    with bot.db.engine.connect() as connection:
        when = connection.execute(select(processed.c.at)).scalar_one()
    assert when == datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_a_turn_goes_through_after_the_server_dropped_every_connection(
        postgres_url: str) -> None:
    # No ping before each turn: the first statement on a dead connection fails,
    # the pool is emptied and the turn runs again on a new connection.
    db = Database.connect(postgres_url)
    bot = ChatHarness(db, START)
    try:
        bot.say("hi")
        welcomed = bot.position()
        with psycopg.connect(postgres_url.replace("+psycopg", ""), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        replies = bot.say("1")
        assert list(replies)
        assert bot.position() != welcomed
    finally:
        db.dispose()


def test_a_save_that_finds_the_conversation_moved_commits_nothing(
        onboarded_bot: ChatHarness) -> None:
    # On PostgreSQL the save, the outbox rows and the COMMIT go in one trip: a save
    # that writes nothing must stop the COMMIT, not be noticed after it.
    bot = onboarded_bot
    db = bot.db
    before = (count(db, outbox), count(db, processed))
    with pytest.raises(RetryTurn):
        _turn_whose_conversation_moves(db)
    assert (count(db, outbox), count(db, processed)) == before
    assert bot.position() != "checkin.pain_before"


def test_transactions_after_turns_still_roll_back(database_url: str) -> None:
    # A turn's connection runs in psycopg's autocommit (the turn sends BEGIN and COMMIT
    # itself): it must go back to the pool in ordinary transactions, or a later
    # rollback would keep what it wrote.
    db = Database.connect(database_url, pool_size=1, max_overflow=0)
    try:
        bot = ChatHarness(db, START)
        bot.say("hi")
        bot.send_event(bot.event("alice", text="hi", event_id="seen-once"))
        bot.send_event(bot.event("alice", text="hi", event_id="seen-once"))  # a duplicate
        kept = count(db, processed)
        with pytest.raises(RuntimeError):
            _write_then_fail(db)
        assert count(db, processed) == kept
    finally:
        db.dispose()


def _turn_whose_conversation_moves(db: Database) -> None:
    """Claim and load, change the conversation's version, then save and commit."""
    with db.turn() as connection:
        turn_ = Turn(db, connection)
        loaded = turn_.begin(PLATFORM, "event-moved", "alice", "chat-alice", START,
                             flow="x", state="x")
        assert loaded is not None
        connection.execute(update(conversations)
                           .where(conversations.c.user_id == loaded.user_id)
                           .values(version=conversations.c.version + 1))
        turn_.save_and_enqueue(loaded, flow="checkin", state="pain_before", context="{}",
                               now=START, platform=PLATFORM, chat="chat-alice",
                               messages=[OutgoingMessage(text="not to be sent")], last=True)


def _write_then_fail(db: Database) -> None:
    with db.transaction() as connection:
        connection.execute(insert(processed).values(platform=PLATFORM, event_id="undone",
                                                     at=START))
        raise RuntimeError("roll back")
