"""Hostile input at the engine and in the terminal: nothing executed, nothing echoed raw.

Runs on SQLite and PostgreSQL. What reaches Telegram and Slack for such text
is checked in ``tests/telegram/test_hostile_input.py`` and
``tests/slack/test_hostile_input.py``; another person's buttons and commands
in ``tests/test_security.py``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select
from sqlmodel import SQLModel

from bot.clock import ScriptClock
from bot.runtime import Runtime
from bot.settings import Settings
from bot.terminal import chat, jsonl
from fakes.harness import ChatHarness
from flows import texts
from storage import invites
from storage.clinics import save_clinic
from storage.database import Database

SQL = "'; DROP TABLE users; --"
CONTROL = {"nul": "\x00", "digit and nul": "7\x00", "carriage return": "\r",
           "ansi colour": "\x1b[31m7\x1b[0m", "ansi clear screen": "\x1b[2J\x1b[H",
           "bell and backspace": "\x07\x08\x08"}
RIGHT_TO_LEFT = {"override": "\u202e01:90", "arabic": "مرحبا، أشعر بألم",
                 "hebrew": "שלום", "isolates": "\u2067abc\u2069"}
# Not 👍: a thumbs-up is an answer ("ok") wherever an ok makes sense.
EMOJI = {"one": "🙂", "three": "🔥🔥🔥", "skin tone": "🤷🏽", "flag": "🇩🇪"}
MARKUP = {"html bold": "<b>Zed</b>", "html link": '<a href="https://evil.example">x</a>',
          "markdown": "*bold* _x_ `code`", "slack mentions": "<!channel> <@U123>",
          "sql": SQL}
HOSTILE = {**CONTROL, **RIGHT_TO_LEFT, **EMOJI, **MARKUP}
VISIBLE = {name: text for name, text in HOSTILE.items() if text.strip()}
LABEL = '<b>Zed</b> <a href="https://evil.example">x</a> *bold* _x_ `code` <!channel> ' + SQL
#: The worst case found for the emergency detector: one symptom word, repeated, no punctuation.
SYMPTOM_WORDS = "numb " * 20_000  # 100 kB


def row_counts(db: Database) -> dict[str, int]:
    """How many rows every table of the schema holds (and that they all still exist)."""
    names = set(inspect(db.engine).get_table_names())
    assert {t.name for t in SQLModel.metadata.sorted_tables} <= names
    with db.engine.connect() as connection:
        return {t.name: int(connection.execute(select(func.count()).select_from(t)).scalar_one())
                for t in SQLModel.metadata.sorted_tables}


@pytest.fixture
def at_welcome(bot: ChatHarness) -> ChatHarness:
    """Alice has said hello and sees the welcome with its one button."""
    bot.say("hello")
    return bot


@pytest.fixture
def at_time_zone(at_welcome: ChatHarness) -> ChatHarness:
    """Alice agreed and is asked for her time zone."""
    at_welcome.press("continue")
    at_welcome.press("yes")
    assert at_welcome.position() == "onboarding.timezone"
    return at_welcome


@pytest.fixture
def at_reminder(at_time_zone: ChatHarness) -> ChatHarness:
    """Alice set Berlin and is asked for a reminder time."""
    at_time_zone.say("Europe/Berlin")
    assert at_time_zone.position() == "onboarding.reminder"
    return at_time_zone


@pytest.fixture
def asked_for_pain(onboarded_bot: ChatHarness) -> ChatHarness:
    """Alice, onboarded, started a check-in and is asked for her pain score."""
    onboarded_bot.say("/checkin")
    assert onboarded_bot.position() == "checkin.pain_now"
    return onboarded_bot


# --- what a person types -----------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_gets_a_reprompt_and_the_question_again(at_welcome: ChatHarness,
                                                             text: str) -> None:
    replies = at_welcome.say(text)

    assert replies.has(texts.common.DIDNT_UNDERSTAND)
    assert replies.choices == ["continue"]
    assert at_welcome.position() == "onboarding.welcome"


@pytest.mark.parametrize("text", VISIBLE.values(), ids=VISIBLE.keys())
def test_hostile_text_is_never_echoed(at_welcome: ChatHarness, text: str) -> None:
    replies = at_welcome.say(text)

    assert text.strip() not in replies.text


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_press_gets_a_reprompt(at_welcome: ChatHarness, text: str) -> None:
    replies = at_welcome.press(text)

    assert replies.has(texts.common.DIDNT_UNDERSTAND)
    assert replies.choices == ["continue"]
    assert at_welcome.position() == "onboarding.welcome"


def test_a_press_naming_a_clinic_that_does_not_exist_is_a_reprompt(
        at_welcome: ChatHarness) -> None:
    replies = at_welcome.press("clinic:999999")

    assert replies.has(texts.common.DIDNT_UNDERSTAND)
    assert at_welcome.context().clinics == {}


@pytest.mark.parametrize("zone", ["Europe/Berlin\x00", "\x1b[2JEurope/Berlin",
                                  "\u202eEurope/Berlin", SQL, "🇩🇪"])
def test_a_time_zone_with_hostile_characters_is_not_taken(at_time_zone: ChatHarness,
                                                         zone: str) -> None:
    replies = at_time_zone.say(zone)

    assert replies.has(texts.common.ZONE_UNKNOWN)
    assert at_time_zone.position() == "onboarding.timezone"
    assert at_time_zone.context().schedule.remind_at is None


@pytest.mark.parametrize("when", ["09:00\x00", "\x1b[1m09:00", "\u202e09:00", SQL, "⏰"])
def test_a_reminder_time_with_hostile_characters_is_not_taken(at_reminder: ChatHarness,
                                                             when: str) -> None:
    replies = at_reminder.say(when)

    assert replies.has(texts.common.TIME_HINT)
    assert at_reminder.position() == "onboarding.reminder"
    assert at_reminder.context().schedule.remind_at is None


def test_a_pain_score_wrapped_in_control_characters_is_not_read(
        asked_for_pain: ChatHarness) -> None:
    asked_for_pain.say("\x1b[31m7\x1b[0m")

    assert asked_for_pain.position() == "checkin.pain_now"


# --- SQL as data ---------------------------------------------------------------


def test_sql_typed_at_every_question_of_onboarding_leaves_every_table_in_place(
        bot: ChatHarness) -> None:
    for answer in (SQL, "hello", SQL, "1", "yes", SQL, "Berlin", SQL, "09:00", SQL):
        bot.say(answer)
    bot.press(SQL)

    counts = row_counts(bot.db)
    assert counts["users"] == 1
    assert counts["identities"] == 1
    assert bot.position() == "screening.saddle"


@pytest.mark.parametrize("command", [f"/join {SQL}", f"/start {SQL}", "/join DROP_TABLE--"],
                         ids=["join", "start", "code-shaped"])
def test_sql_as_an_invite_code_spends_no_invite(onboarded_bot: ChatHarness, clinic_id: int,
                                                command: str) -> None:
    code = invites.create(onboarded_bot.db, clinic_id, onboarded_bot.clock.now(),
                          timedelta(days=7))
    before = row_counts(onboarded_bot.db)

    onboarded_bot.say(command)

    after = row_counts(onboarded_bot.db)
    assert after["clinic_invites"] == before["clinic_invites"] == 1
    assert after["clinic_members"] == 0
    assert onboarded_bot.context().clinics == {}
    assert onboarded_bot.say(f"/join {code}").has("#physio")  # the real code still works


def test_sql_and_markup_as_a_name_on_an_invite_are_shown_as_written(
        onboarded_bot: ChatHarness, clinic_id: int) -> None:
    code = invites.create(onboarded_bot.db, clinic_id, onboarded_bot.clock.now(),
                          timedelta(days=7), label=LABEL)

    asked = onboarded_bot.say(f"/join {code}")

    assert LABEL in asked.text
    assert asked.choices == ["yes", "no"]
    assert row_counts(onboarded_bot.db)["users"] == 1


# --- very long messages ----------------------------------------------------------


@pytest.mark.parametrize("long_text", ["x" * 100_000, "7" * 100_000, "🙂" * 25_000,
                                       ("word " * 20) + "\n" * 100_000],
                         ids=["letters", "digits", "emoji", "newlines"])
def test_a_100_kb_message_is_not_taken_as_an_answer(asked_for_pain: ChatHarness,
                                                    long_text: str) -> None:
    replies = asked_for_pain.say(long_text)

    assert asked_for_pain.position() == "checkin.pain_now"
    assert replies.text
    assert long_text[:50] not in replies.text


def test_a_100_kb_message_of_symptom_words_gets_the_question_again(
        asked_for_pain: ChatHarness) -> None:
    """Symptom words without a place are no emergency; how long it takes is in bench.detector."""
    replies = asked_for_pain.say(SYMPTOM_WORDS)

    assert asked_for_pain.position() == "checkin.pain_now"
    assert not replies.alerts


def test_an_emergency_at_the_end_of_a_100_kb_message_is_still_seen(
        onboarded_bot: ChatHarness) -> None:
    filler = "I walked the dog and sat down for a while. " * 2_300

    replies = onboarded_bot.say(filler + "Now my groin is numb and I can't feel it.")

    assert [a.value for a in replies.alerts] == ["emergency"]
    assert onboarded_bot.position() == "safety.alerted"


# --- the terminal: one JSON line per line, whatever is in it -------------------------


@pytest.fixture
def terminal(database_url: str) -> Iterator[Runtime]:
    """The runtime ``sciatica-bot chat`` builds, on the ``db`` fixture's kind of database."""
    runtime = Runtime.build(Settings(database_url=database_url))
    yield runtime
    runtime.close()


def run_lines(runtime: Runtime, lines: list[object], files: Path) -> list[str]:
    """``chat --jsonl`` in this process: the raw output lines."""
    out = io.StringIO()
    encoded = [json.dumps(line) if not isinstance(line, str) else line for line in lines]
    jsonl.run(runtime, ScriptClock(), encoded, out, files=files)
    return out.getvalue().splitlines()


def test_hostile_text_round_trips_the_jsonl_contract_one_line_each(
        terminal: Runtime, tmp_path: Path) -> None:
    lines: list[object] = [{"user": "alice", "text": "hello"}]
    lines += [{"user": "alice", "text": text} for text in HOSTILE.values()]
    lines.append({"user": "alice", "text": SYMPTOM_WORDS[:50_000]})

    output = run_lines(terminal, lines, tmp_path)

    assert len(output) == len(lines)
    for raw in output:
        assert not any(c in raw for c in "\x00\x1b\r\x07"), "control characters escaped"
        answer = json.loads(raw)
        assert answer["user"] == "alice"
        assert answer["replies"]


@pytest.mark.parametrize("user", ["a\x00b", "\x1b[2Jalice", "bob\r\nmallory", "x" * 201],
                         ids=["nul", "ansi", "newline", "too long"])
def test_a_user_id_with_control_characters_is_a_bad_line_and_the_run_goes_on(
        terminal: Runtime, tmp_path: Path, user: str) -> None:
    output = run_lines(terminal, [{"user": user, "text": "hi"}, {"user": "alice", "text": "hi"}],
                       tmp_path)

    first, second = (json.loads(line) for line in output)
    assert "user" in first["error"]
    assert second["replies"]


@pytest.mark.parametrize("event_id", ["e\x00", "x" * 129], ids=["nul", "too long"])
def test_an_event_id_the_database_cannot_keep_is_a_bad_line(terminal: Runtime, tmp_path: Path,
                                                            event_id: str) -> None:
    output = run_lines(terminal, [{"user": "alice", "text": "hi", "id": event_id},
                                  {"user": "alice", "text": "hi"}], tmp_path)

    first, second = (json.loads(line) for line in output)
    assert "id" in first["error"]
    assert second["replies"]


def test_the_interactive_chat_shows_control_characters_in_a_name_as_visible_escapes(
        terminal: Runtime, tmp_path: Path) -> None:
    now = terminal.clock.now()
    clinic = save_clinic(terminal.db, name="#physio", platform="terminal", team="T1",
                         channel="C1", call_time="09:00", timezone="Europe/Berlin",
                         window_hours=12, next_call_at=now + timedelta(days=1), now=now)
    code = invites.create(terminal.db, clinic.id, now, timedelta(days=7),
                          label="\x1b[2J\x1b[31mZed\x07 \u202eevil")
    answers = iter(["1", "1", "Europe/Berlin", "09:00", *["2"] * 9, "45", "1", "2",
                    f"/join {code}"])

    def read(_prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    out = io.StringIO()
    chat.run(terminal, "alice", read, out, files=tmp_path)

    shown = out.getvalue()
    assert "Zed" in shown
    assert not any(c in shown for c in "\x1b\x07\u202e")
    assert "\\x1b[2J" in shown
