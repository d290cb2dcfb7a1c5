"""deploy/slack/manifest.yml asks for exactly what the app uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.slack.events import COMMAND
from bot.slack.platform import COMMAND_SCOPE, EVENT_SCOPES, METHOD_SCOPES, PATHS

MANIFEST = Path(__file__).parents[2] / "deploy" / "slack" / "manifest.yml"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(MANIFEST.read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_scopes_are_exactly_those_the_app_needs(manifest: dict[str, Any]) -> None:
    needed = {s for scopes in METHOD_SCOPES.values() for s in scopes}
    needed |= {s for s in EVENT_SCOPES.values() if s}
    needed.add(COMMAND_SCOPE)

    assert set(manifest["oauth_config"]["scopes"]["bot"]) == needed


def test_events_are_exactly_those_the_app_listens_to(manifest: dict[str, Any]) -> None:
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == set(EVENT_SCOPES)


def test_the_command_and_interactivity_point_at_the_apps_routes(
        manifest: dict[str, Any]) -> None:
    [command] = manifest["features"]["slash_commands"]
    settings = manifest["settings"]
    urls = {command["url"], settings["event_subscriptions"]["request_url"],
            settings["interactivity"]["request_url"]}

    assert command["command"] == COMMAND
    assert settings["interactivity"]["is_enabled"] is True
    assert {"/" + u.split("/", 3)[3] for u in urls} == set(PATHS)


def test_the_home_tab_and_messages_tab_are_on(manifest: dict[str, Any]) -> None:
    home = manifest["features"]["app_home"]
    assert home["home_tab_enabled"] is True
    assert home["messages_tab_enabled"] is True
    assert home["messages_tab_read_only_enabled"] is False


def test_the_command_gets_mentions_as_ids(manifest: dict[str, Any]) -> None:
    """``clinic clinicians add @name`` and ``details #channel`` read Slack's escaped ids."""
    [command] = manifest["features"]["slash_commands"]
    assert command["should_escape"] is True
