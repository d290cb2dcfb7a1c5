"""Telegram is switched on by its token, with the configured limits."""

from __future__ import annotations

from bot.delivery import Rate
from bot.server import configured_platforms
from bot.telegram.platform import TelegramPlatform
from fakes.telegram import FakeTelegram, settings_for


def test_a_token_switches_telegram_on_with_its_rate_limits(fake_telegram: FakeTelegram) -> None:
    settings = settings_for(fake_telegram, telegram_rate_per_chat=1.0, telegram_rate_global=30.0)
    (platform,) = configured_platforms(settings)
    assert isinstance(platform, TelegramPlatform)
    assert platform.name == platform.sender().platform == "telegram"
    assert platform.rate == Rate(per_chat=1.0, overall=30.0)


def test_no_token_no_telegram(fake_telegram: FakeTelegram) -> None:
    assert configured_platforms(settings_for(fake_telegram, telegram_bot_token=None)) == []
    assert configured_platforms(settings_for(fake_telegram, telegram_bot_token="")) == []
