"""Where Slack is switched on: by its settings."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from bot.cli import build_parser
from bot.clinics import HasChannels
from bot.server import configured_platforms
from bot.settings import Settings
from bot.slack.platform import SlackPlatform
from bot.slack.socket_mode import run_socket_mode


def test_no_slack_without_a_bot_token() -> None:
    assert configured_platforms(Settings(database_url="sqlite://")) == []


def test_a_bot_token_switches_slack_on_with_clinic_channels() -> None:
    [platform] = configured_platforms(Settings(database_url="sqlite://",
                                               slack_bot_token=SecretStr("xoxb-1")))
    assert isinstance(platform, SlackPlatform)
    assert isinstance(platform, HasChannels)
    assert platform.rate.per_chat == 1.0


def test_socket_mode_needs_the_app_token() -> None:
    settings = Settings(database_url="sqlite://", slack_bot_token=SecretStr("xoxb-1"))

    with pytest.raises(RuntimeError, match="SLACK_APP_TOKEN"):
        run_socket_mode(settings)


def test_socket_mode_is_a_subcommand() -> None:
    args = build_parser().parse_args(["slack"])
    assert args.command == "slack"


def test_secrets_never_show_in_the_settings_repr() -> None:
    settings = Settings(database_url="sqlite://", slack_bot_token=SecretStr("xoxb-b0t"),
                        slack_signing_secret=SecretStr("s1gn1ng"),
                        slack_app_token=SecretStr("xapp-4pp"))
    shown = repr(settings) + str(settings)
    assert not any(value in shown for value in ("xoxb-b0t", "s1gn1ng", "xapp-4pp"))
