"""Socket Mode, end to end: an envelope over a real WebSocket, acknowledged after the turn."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

from bot.slack.app import SlackAdapter
from fakes.slack import FakeSlack
from fakes.slack_socket import FakeSocketMode
from fakes.slack_workspace import ALICE, SlackWorkspace, dm_of, fixture


@pytest.fixture
async def socket_mode(fake_slack: FakeSlack) -> AsyncIterator[FakeSocketMode]:
    """Slack's WebSocket end, announced by apps.connections.open."""
    socket = FakeSocketMode()
    fake_slack.socket_url = await socket.start()
    yield socket
    await socket.stop()


async def test_an_event_over_socket_mode_is_answered_and_acknowledged(
        slack: SlackWorkspace, fake_slack: FakeSlack, socket_mode: FakeSocketMode) -> None:
    adapter = SlackAdapter(slack.service, slack.platform.client, signing_secret=None)
    handler = AsyncSocketModeHandler(adapter.app, "xapp-1-test", web_client=slack.platform.client)
    await handler.connect_async()  # type: ignore[no-untyped-call]
    try:
        await socket_mode.send({
            "envelope_id": "0d5f5e3c-envelope-1", "type": "events_api",
            "accepts_response_payload": False, "retry_attempt": 0, "retry_reason": "",
            "payload": fixture("message_im"),
        })
        await asyncio.wait_for(socket_mode.acked.wait(), timeout=10)
        await adapter.drain()
    finally:
        await handler.close_async()  # type: ignore[no-untyped-call]

    assert socket_mode.acks == [{"envelope_id": "0d5f5e3c-envelope-1"}]
    [welcome] = fake_slack.posts(dm_of(ALICE))
    assert "not a doctor" in welcome.text
