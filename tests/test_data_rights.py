"""A person's data rights through the engine: /export sends everything, /delete erases it.

Runs on SQLite and PostgreSQL. What counts as "everything" is found by
scanning every table of the schema (tests/stored.py), not by asking the
code under test.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest

from bot.attachments import Attachments
from core.messages import Attachment, OutgoingMessage
from fakes.harness import PLATFORM, ChatHarness
from flows import texts
from storage import invites
from storage.clinics import save_clinic
from tests.stored import everything, traces, user_id_of

ALICE, BOB = "alice-7f3k", "bob-2q9z"


def references(user: str) -> list[str]:
    """How the platform knows ``user``: their account and their chat."""
    return [user, f"chat-{user}"]


@pytest.fixture
def two_people_with_history(bot: ChatHarness) -> ChatHarness:
    """Alice and Bob onboarded, two check-ins each, both sharing with a clinic, an apology.

    Alice also used an invite that names her.
    """
    clinic = save_clinic(bot.db, name="#physio", platform=PLATFORM, team="T1", channel="C1",
                         call_time="09:00", timezone="Europe/Berlin", window_hours=12,
                         next_call_at=bot.clock.now() + timedelta(days=1), now=bot.clock.now())
    for user in (ALICE, BOB):
        bot.onboard(user)
        bot.checkin(5, 4, user)
        bot.clock.advance(timedelta(days=1))
        bot.checkin(4, 3, user)
        bot.press(f"clinic:{clinic.id}", user)
        bot.press("yes", user)
    code = invites.create(bot.db, clinic.id, bot.clock.now(), timedelta(days=7),
                          label="Alice Example")
    bot.say(f"/join {code}", ALICE)  # an invite spent, naming her
    bot.say("I feel numb down there when I wipe", ALICE)  # an alert, on the record
    bot.say("yes, a doctor examined me", ALICE)
    for number, user in enumerate((ALICE, BOB)):  # a sticker's answer: to the chat only
        bot.engine.reply_only(PLATFORM, f"chat-{user}", f"sticker-{number}",
                              OutgoingMessage(texts.common.NOT_TEXT))
    return bot


def attachment_of(replies: list[OutgoingMessage], kind: Attachment) -> OutgoingMessage:
    (message,) = [m for m in replies if m.attachment is kind]
    return message


def test_export_sends_every_row_stored_about_the_person_as_json_and_csv(
        two_people_with_history: ChatHarness) -> None:
    bot = two_people_with_history
    replies = bot.say("/export", ALICE)
    request = attachment_of(replies, Attachment.DATA_EXPORT)
    assert texts.data.EXPORT_READY in request.text
    user_id = user_id_of(bot.db, PLATFORM, ALICE)
    stored = traces(bot.db, user_id, references(ALICE))

    sent = Attachments(bot.db, bot.clock).resolve(user_id, request)

    page, checkins, json_file = sent.documents
    assert sent.attachment is None
    assert json_file.filename.endswith(".json")
    exported = json.loads(json_file.data)["tables"]
    assert {name: len(rows) for name, rows in exported.items() if rows} == {
        name: len(rows) for name, rows in stored.items()}
    assert {"users", "identities", "conversations", "screening_answers", "exercise_sessions",
            "safety_events", "reminders", "clinic_members", "outbox",
            "audit_log"} <= set(stored)
    rows = list(csv.DictReader(io.StringIO(checkins.data.decode("utf-8-sig"))))
    assert len(rows) == len(stored["exercise_sessions"])
    assert [r["Pain before (0-10)"] for r in rows] == ["5", "4"]
    assert page.data.decode().count("<tr>") == len(rows) + 1


def test_an_export_request_is_written_in_the_audit_log_once(
        two_people_with_history: ChatHarness) -> None:
    bot = two_people_with_history
    request = attachment_of(bot.say("/export", ALICE), Attachment.DATA_EXPORT)
    user_id = user_id_of(bot.db, PLATFORM, ALICE)

    for _delivery_attempt in range(2):  # a retried delivery makes the files again
        Attachments(bot.db, bot.clock).resolve(user_id, request)

    exports = [r for r in everything(bot.db)["audit_log"] if r["kind"] == "data_exported"]
    assert [(r["user_id"], r["detail"]) for r in exports] == [
        (user_id, "copy of all data requested")]


def test_export_holds_nothing_of_anyone_else(two_people_with_history: ChatHarness) -> None:
    bot = two_people_with_history
    request = attachment_of(bot.say("/export", ALICE), Attachment.DATA_EXPORT)
    sent = Attachments(bot.db, bot.clock).resolve(user_id_of(bot.db, PLATFORM, ALICE), request)
    for document in sent.documents:
        assert BOB not in document.data.decode()
    assert ALICE in sent.documents[-1].data.decode()  # the complete copy names her account


def test_delete_asks_first_with_buttons(two_people_with_history: ChatHarness) -> None:
    asked = two_people_with_history.say("/delete", ALICE)
    assert asked.has("cannot be undone")
    assert asked.choices == ["erase", "keep"]


def test_cancelling_delete_keeps_everything(two_people_with_history: ChatHarness) -> None:
    bot = two_people_with_history
    user_id = user_id_of(bot.db, PLATFORM, ALICE)
    kept_tables = ("users", "identities", "screening_answers", "exercise_sessions",
                   "safety_events", "reminders", "clinic_members", "reviews")
    before = traces(bot.db, user_id, references(ALICE))
    bot.say("/delete", ALICE)

    answer = bot.press("keep", ALICE)

    assert answer.has(texts.data.KEPT)
    after = traces(bot.db, user_id, references(ALICE))
    assert {t: after.get(t) for t in kept_tables} == {t: before.get(t) for t in kept_tables}
    assert bot.position(ALICE) == "menu.idle"


def test_a_vague_answer_deletes_nothing_and_asks_again(
        two_people_with_history: ChatHarness) -> None:
    bot = two_people_with_history
    bot.say("/delete", ALICE)
    answer = bot.say("maybe", ALICE)
    assert answer.has(texts.data.ERASE_HINT)
    assert answer.choices == ["erase", "keep"]
    assert bot.position(ALICE) == "erase.confirm"


@pytest.mark.parametrize("confirm", ["typed yes", "pressed button"])
def test_confirmed_delete_leaves_nothing_of_the_person_in_any_table(
        two_people_with_history: ChatHarness, confirm: str) -> None:
    bot = two_people_with_history
    user_id = user_id_of(bot.db, PLATFORM, ALICE)
    bob_before = traces(bot.db, user_id_of(bot.db, PLATFORM, BOB), references(BOB))
    bot.say("/delete", ALICE)

    done = bot.say("yes", ALICE) if confirm == "typed yes" else bot.press("erase", ALICE)

    assert done.has(texts.data.ERASED)
    assert traces(bot.db, user_id, references(ALICE)) == {}
    assert traces(bot.db, user_id_of(bot.db, PLATFORM, BOB), references(BOB)) == bob_before


def test_after_delete_a_message_starts_again_from_the_beginning(
        two_people_with_history: ChatHarness) -> None:
    bot = two_people_with_history
    bot.say("/delete", ALICE)
    bot.press("erase", ALICE)

    again = bot.say("hello", ALICE)

    assert again.choices == ["continue"]
    assert bot.position(ALICE) == "onboarding.welcome"
    assert bot.context(ALICE).programme.checkins == 0


def test_delete_leaves_only_an_anonymous_line_in_the_audit_log(
        two_people_with_history: ChatHarness) -> None:
    bot = two_people_with_history
    bot.say("/delete", ALICE)
    bot.press("erase", ALICE)
    erased = [r for r in everything(bot.db)["audit_log"] if r["kind"] == "erased"]
    assert len(erased) == 1
    assert erased[0]["user_id"] is None
