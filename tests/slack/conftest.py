"""Fixtures of the Slack tests: a fake Web API on 127.0.0.1 and a workspace over it.

Every test that uses the workspace ends with the leak scan
(:mod:`tests.slack.leaks`): a test whose posts, files or answers reached
someone who may not see them fails there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from bot.slack.events import PLATFORM, read_button_value
from fakes.harness import ChatHarness
from fakes.http import LocalServer
from fakes.slack import TEAM, Call, FakeSlack
from fakes.slack_workspace import ALICE, BOB, CAROL, DAVE, SlackWorkspace
from storage import clinics
from storage.database import Database
from tests.conftest import START
from tests.slack import cast
from tests.slack.leaks import leaks

MONDAY_10 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
TUESDAY_CALL = datetime(2026, 3, 3, 8, 30, tzinfo=UTC)  # 09:30 in Berlin
TUESDAY_CLOSE = datetime(2026, 3, 3, 20, 30, tzinfo=UTC)  # 21:30 in Berlin


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
    found = leaks(db, fake_slack, workspace.said, workspace.answers)
    assert not found, "health data reached someone who may not see it:\n" + "\n".join(found)


@pytest.fixture
async def onboarded_alice(slack: SlackWorkspace) -> SlackWorkspace:
    """Alice finished onboarding and screening in her DM with the app."""
    await slack.onboard(ALICE)
    return slack


# --- two clinics, their clinicians, patients and a bystander (tests/slack/cast.py) ---------


@dataclass
class World:
    """The Slack workspace of two clinics, and Łukasz, who chats elsewhere (a harness)."""

    slack: SlackWorkspace
    lukasz: ChatHarness
    north: int
    south: int


async def answer_call(slack: SlackWorkspace, user: str, channel: str, *, share: bool) -> None:
    """Press the day's call in ``channel`` and answer the sharing question."""
    await slack.press(call_choice(the_call(slack.fake, channel)), user,
                      post=the_call(slack.fake, channel))
    await slack.press("yes" if share else "no", user)


def the_call(fake: FakeSlack, channel: str) -> Call:
    """The (latest) call posted in ``channel``."""
    return [p for p in fake.posts(channel) if p.ts is not None and p.buttons()][-1]


def call_choice(call: Call) -> str:
    """The choice id of a call's button."""
    decoded = read_button_value(call.buttons()[0]["value"])
    assert decoded is not None
    return decoded[0]


async def ask(slack: SlackWorkspace, text: str, user: str, channel: str) -> str:
    """What ``user`` alone sees in answer to ``/sciatica text`` typed in ``channel``."""
    response = await slack.command(text, user, channel=channel, channel_name="physio")
    assert response.status_code == 200, response.text
    return slack.answers[-1][1] if response.text else ""


@pytest.fixture
async def world(slack: SlackWorkspace, fake_slack: FakeSlack) -> World:
    """Two clinics on a Tuesday, the day's check-ins done (``tests/slack/cast.py``).

    Monday: Nora sets North up (details in #physio-north-team) and adds Jörg; Sam
    sets South up (details to DMs); Nora invites Łukasz, who shares from his chat.
    Tuesday 09:30: the calls. Siobhán shares with North and checks in 6 → 3; Anna shares
    with North and tells of an emergency; Zoë shares with South and checks in 4 → 7; Łukasz
    checks in 8 → 5. Mo is in #physio-north and #physio-south and does nothing.
    """
    fake_slack.names.update(cast.NAMES)
    fake_slack.channel_members.update({k: list(v) for k, v in cast.MEMBERS.items()})
    fake_slack.private.update(cast.PRIVATE)
    fake_slack.channel_names.update({cast.NORTH: "physio-north",
                                     cast.NORTH_TEAM: "physio-north-team",
                                     cast.SOUTH: "physio-south", cast.LOBBY: "general"})
    for user in (cast.SIOBHAN, cast.ANNA, cast.ZOE):
        await slack.onboard(user)
    slack.clock.set(MONDAY_10)
    await ask(slack, f"clinic setup 09:30 details <#{cast.NORTH_TEAM}|physio-north-team>",
              cast.NORA, cast.NORTH)
    await ask(slack, f"clinic clinicians add <@{cast.JORG}|jorg>", cast.NORA, cast.NORTH_TEAM)
    await ask(slack, "clinic setup 09:30", cast.SAM, cast.SOUTH)
    invite = await ask(slack, f"clinic invite {cast.LUKASZ_LABEL}", cast.NORA, cast.NORTH)
    code = invite.split("/sciatica join ")[1].split()[0]
    lukasz = ChatHarness(slack.runtime.db, slack.clock.now())
    lukasz.onboard(cast.LUKASZ)
    assert lukasz.say(f"/start {code}", cast.LUKASZ).has(cast.LUKASZ_LABEL)
    lukasz.press("yes", cast.LUKASZ)
    slack.clock.set(TUESDAY_CALL)
    lukasz.clock.set(TUESDAY_CALL)
    await slack.worker.run_once()
    await answer_call(slack, cast.SIOBHAN, cast.NORTH, share=True)
    await slack.answers_checkin(*cast.SIOBHAN_PAIN, cast.SIOBHAN, reach="thigh")
    await answer_call(slack, cast.ANNA, cast.NORTH, share=True)
    await slack.say(cast.ANNA_EMERGENCY, cast.ANNA)
    await answer_call(slack, cast.ZOE, cast.SOUTH, share=True)
    await slack.answers_checkin(*cast.ZOE_PAIN, cast.ZOE, reach="thigh")
    lukasz.checkin(*cast.LUKASZ_PAIN, cast.LUKASZ)
    await slack.worker.run_once()
    north = clinics.clinic_in_channel(slack.runtime.db, PLATFORM, TEAM, cast.NORTH)
    south = clinics.clinic_in_channel(slack.runtime.db, PLATFORM, TEAM, cast.SOUTH)
    assert north is not None
    assert south is not None
    return World(slack, lukasz, north.id, south.id)
