"""Reading one Telegram update into what the engine understands.

A private-chat text message or a button press becomes an
:class:`~core.messages.InboundEvent` keyed by the update id (the engine
dedupes on it). Anything else a person sends there (a sticker, a photo, a
voice note, an edited message) becomes :class:`NotText`, answered with a
fixed "I understand text and buttons" so an edit is never taken for a new
answer. Updates from groups, channels, bots or of kinds we did not ask
for are :class:`Ignored`, and so is what Telegram never sends but a forged
update could: a message or press in a private chat that is not the
sender's own (it would move the sender's chat to someone else's), or a
clinic call button (those exist only in Slack channels). Parsing never
raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from telegram import CallbackQuery, Chat, Message, Update, User

from bot.telegram import callbacks
from core.messages import ConversationKey, InboundEvent
from flows import clinic as clinic_flows

PLATFORM = "telegram"
#: The update kinds the bot asks Telegram for (polling and ``setWebhook``).
ALLOWED_UPDATES = ("message", "edited_message", "callback_query")


@dataclass(frozen=True, slots=True)
class NotText:
    """Something the flows cannot read, from a person in a private chat."""

    key: ConversationKey
    chat: str
    event_id: str
    kind: str


@dataclass(frozen=True, slots=True)
class Ignored:
    """An update the bot does not answer; ``reason`` is for logs (no content)."""

    reason: str


Parsed = InboundEvent | NotText | Ignored


def parse_update(update: Update, now: datetime) -> Parsed:
    """What ``update`` means to the engine. ``now`` stamps button presses (they carry no date)."""
    event_id = str(update.update_id)
    if update.callback_query is not None:
        return _pressed(update.callback_query, event_id, now)
    if update.message is not None:
        return _message(update.message, event_id)
    if update.edited_message is not None:
        edited = update.edited_message
        if not isinstance(edited.text, str):
            return _not_text(edited, event_id, "edited_message")
        person = _person(edited.from_user, edited.chat)
        if isinstance(person, Ignored):
            return person
        # Edits are read for safety only (an edit describing an emergency is answered).
        return InboundEvent(platform=PLATFORM, user=str(person.id), chat=str(edited.chat.id),
                            event_id=event_id, at=edited.edit_date or edited.date,
                            text=edited.text, edited=True)
    return Ignored("update kind not handled")


def _message(message: Message, event_id: str) -> Parsed:
    person = _person(message.from_user, message.chat)
    if isinstance(person, Ignored):
        return person
    if not isinstance(message.text, str):  # None, or a forged update's list or number
        return _not_text(message, event_id, _kind(message))
    return InboundEvent(
        platform=PLATFORM, user=str(person.id), chat=str(message.chat.id), event_id=event_id,
        at=message.date, text=message.text,
    )


def _not_text(message: Message, event_id: str, kind: str) -> Parsed:
    person = _person(message.from_user, message.chat)
    if isinstance(person, Ignored):
        return person
    return NotText(ConversationKey(PLATFORM, str(person.id)), str(message.chat.id), event_id,
                   kind)


def _pressed(query: CallbackQuery, event_id: str, now: datetime) -> Parsed:
    if not isinstance(query.data, str):
        return Ignored("callback query without data")
    chat = query.message.chat if query.message is not None else None
    if chat is not None and chat.type != Chat.PRIVATE:
        return Ignored("not a private chat")
    if query.from_user.is_bot:
        return Ignored("sent by a bot")
    if chat is not None and chat.id != query.from_user.id:
        # A private chat's id is its person's: this is someone else's message.
        return Ignored("pressed on a message of another person's chat")
    pressed = callbacks.decode(query.data)
    if clinic_flows.joined_clinic(pressed.choice) is not None:
        # Clinic call buttons are only ever posted in Slack channels.
        return Ignored("a clinic call button, which Telegram never shows")
    return InboundEvent(
        platform=PLATFORM, user=str(query.from_user.id),
        # Without the message (an inline message), the private chat's id is the person's.
        chat=str(chat.id if chat is not None else query.from_user.id),
        event_id=event_id, at=now, choice=pressed.choice, reply_token=pressed.token,
    )


def _person(user: User | None, chat: Chat) -> User | Ignored:
    if chat.type != Chat.PRIVATE:
        return Ignored("not a private chat")
    if user is None or user.is_bot:
        return Ignored("sent by a bot or anonymously")
    if chat.id != user.id:
        return Ignored("a private chat that is not the sender's own")
    return user


_KINDS = ("sticker", "photo", "voice", "video", "video_note", "audio", "document", "animation",
          "location", "contact", "poll", "dice")


def _kind(message: Message) -> str:
    """Which kind of non-text message this is, for logs."""
    for kind in _KINDS:
        if getattr(message, kind, None):
            return kind
    return "other"
