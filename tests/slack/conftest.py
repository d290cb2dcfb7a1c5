"""Fixtures of the Slack tests: a fake Web API on 127.0.0.1 and a workspace over it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from fakes.http import LocalServer
from fakes.slack import FakeSlack
from fakes.slack_workspace import ALICE, BOB, CAROL, DAVE, SlackWorkspace
from storage.database import Database
from tests.conftest import START


@pytest.fixture
def fake_slack() -> FakeSlack:
    """The fake Web API's state (names and time zones of the workspace's people)."""
    return FakeSlack(names={ALICE: "Alice", BOB: "Bob", CAROL: "Carol", DAVE: "Dave"})


@pytest.fixture
def slack_api(fake_slack: FakeSlack) -> Iterator[str]:
    """The fake Web API served on loopback; its base URL."""
    with LocalServer(fake_slack.app) as server:
        yield server.url


@pytest.fixture
async def slack(db: Database, fake_slack: FakeSlack, slack_api: str
                ) -> AsyncIterator[SlackWorkspace]:
    """The bot's web app with the Slack plug-in, on a fresh database, at Monday 08:00 Berlin."""
    workspace = SlackWorkspace(db, fake_slack, slack_api, START)
    yield workspace
    await workspace.close()


@pytest.fixture
async def onboarded_alice(slack: SlackWorkspace) -> SlackWorkspace:
    """Alice finished onboarding and screening in her DM with the app."""
    await slack.onboard(ALICE)
    return slack
