"""Recorded Telegram updates, read into what the engine understands."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from telegram import Update

from bot.telegram.updates import Ignored, NotText, parse_update
from core.messages import ConversationKey, InboundEvent
from fakes.telegram import fixture

NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
ALICE = "5120036874"


def parsed(name: str, **changes: object) -> InboundEvent | NotText | Ignored:
    data = fixture(name)
    data.update(changes)
    return parse_update(Update.de_json(data, None), NOW)


def test_a_text_message_is_a_text_event_keyed_by_update_id() -> None:
    event = parsed("message_text")
    assert event == InboundEvent(platform="telegram", user=ALICE, chat=ALICE,
                                 event_id="483920001",
                                 at=datetime(2026, 3, 2, 7, 0, tzinfo=UTC), text="hello")


def test_a_start_deep_link_reaches_the_engine_unchanged() -> None:
    event = parsed("message_start_deep_link")
    assert isinstance(event, InboundEvent)
    assert event.text == "/start clinic-4F7Q"


def test_a_button_press_carries_the_choice_and_the_reply_token() -> None:
    event = parsed("callback_query")
    assert isinstance(event, InboundEvent)
    assert (event.choice, event.reply_token, event.text) == ("yes", "3", None)
    assert (event.user, event.chat, event.event_id, event.at) == (ALICE, ALICE, "483920003", NOW)


def test_a_press_on_a_message_too_old_to_show_still_counts() -> None:
    event = parsed("callback_query_inaccessible")
    assert isinstance(event, InboundEvent)
    assert (event.choice, event.reply_token, event.chat) == ("yes", "3", ALICE)


def test_garbled_callback_data_is_an_unknown_choice_not_an_error() -> None:
    data = fixture("callback_query")
    data["callback_query"]["data"] = "\x00not ours"
    event = parse_update(Update.de_json(data, None), NOW)
    assert isinstance(event, InboundEvent)
    assert (event.choice, event.reply_token) == ("\x00not ours", None)


@pytest.mark.parametrize(("name", "kind"), [
    ("sticker", "sticker"), ("photo", "photo"), ("voice", "voice"),
])
def test_what_is_not_text_is_answered_with_a_hint(name: str, kind: str) -> None:
    result = parsed(name)
    assert isinstance(result, NotText)
    assert result.key == ConversationKey("telegram", ALICE)
    assert result.chat == ALICE
    assert result.kind == kind


def test_an_edited_message_reaches_the_engine_marked_as_an_edit() -> None:
    result = parsed("edited_message")
    assert isinstance(result, InboundEvent)
    assert result.edited
    assert result.text


def test_group_chats_are_ignored() -> None:
    assert isinstance(parsed("group_message"), Ignored)


def test_a_press_in_a_group_is_ignored() -> None:
    data = fixture("callback_query")
    data["callback_query"]["message"]["chat"] = fixture("group_message")["message"]["chat"]
    assert isinstance(parse_update(Update.de_json(data, None), NOW), Ignored)


def test_messages_from_bots_are_ignored() -> None:
    data = fixture("message_text")
    data["message"]["from"]["is_bot"] = True
    assert isinstance(parse_update(Update.de_json(data, None), NOW), Ignored)


def test_update_kinds_not_asked_for_are_ignored() -> None:
    data = {"update_id": 5, "my_chat_member": {
        "chat": {"id": 1, "type": "private", "first_name": "A"},
        "from": {"id": 1, "is_bot": False, "first_name": "A"}, "date": 1772434800,
        "old_chat_member": {"status": "member", "user": {"id": 7, "is_bot": True,
                                                         "first_name": "B"}},
        "new_chat_member": {"status": "kicked", "until_date": 0,
                            "user": {"id": 7, "is_bot": True, "first_name": "B"}}}}
    assert isinstance(parse_update(Update.de_json(data, None), NOW), Ignored)
