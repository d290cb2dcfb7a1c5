"""Optional encryption at rest of free-text health data."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from fakes.harness import ChatHarness
from storage.crypto import PREFIX, cipher
from storage.tables import conversations, outbox


def raw_values(bot: ChatHarness, column: str, table: str) -> list[str]:
    with bot.db.engine.connect() as connection:
        return [r[0] for r in connection.execute(text(f"SELECT {column} FROM {table}"))]  # noqa: S608


def test_context_and_messages_are_stored_encrypted(encryption_key: str, bot: ChatHarness) -> None:
    bot.onboard()
    bot.checkin(4, 6)
    contexts = raw_values(bot, "context", "conversations")
    payloads = raw_values(bot, "payload", "outbox")
    assert all(c.startswith(PREFIX) for c in contexts)
    assert all(p.startswith(PREFIX) for p in payloads)
    assert not any("Europe/Berlin" in c or "pain" in p.lower() for c, p in
                   zip(contexts, payloads, strict=False))
    assert bot.context().schedule.timezone == "Europe/Berlin"  # still reads back


def test_rows_from_before_the_key_stay_readable(bot: ChatHarness) -> None:
    bot.say("hi")
    cipher.configure(Fernet.generate_key().decode())
    try:
        assert bot.press("continue").has("store")
        with bot.db.engine.connect() as connection:
            stored = connection.execute(select(conversations.c.context)).scalar_one()
            assert stored  # decrypted by the column type
            raw = connection.execute(text("SELECT context FROM conversations")).scalar_one()
        assert raw.startswith(PREFIX)
    finally:
        cipher.configure(None)


def test_a_missing_key_is_a_clear_error(encryption_key: str, bot: ChatHarness) -> None:
    bot.say("hi")
    cipher.configure(None)
    with pytest.raises(RuntimeError, match="DATA_ENCRYPTION_KEY is not set"):
        bot.context()


def test_keys_rotate(bot: ChatHarness) -> None:
    old = Fernet.generate_key().decode()
    cipher.configure(old)
    try:
        bot.say("hi")
        cipher.configure(f"{Fernet.generate_key().decode()},{old}")
        assert bot.position() == "onboarding.welcome"
        with bot.db.engine.connect() as connection:
            assert connection.execute(select(outbox.c.payload)).first() is not None
    finally:
        cipher.configure(None)


def test_a_bad_key_is_refused() -> None:
    with pytest.raises(ValueError, match="not a valid Fernet key"):
        cipher.configure("not-a-key")
