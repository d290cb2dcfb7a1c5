"""Posting to Slack, with Slack's errors turned into the outbox's two kinds.

``429`` (``ratelimited``) and server or network faults are
:class:`~bot.delivery.RetryLater` (with the ``Retry-After`` Slack gave);
errors that will never succeed for this channel are
:class:`~bot.delivery.Undeliverable`, ``blocked`` when the person cannot be
reached any more. Only Slack's error code travels on, never the response
body (it can echo the message text).
"""

from __future__ import annotations

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery import DeliveryError, RetryLater, Undeliverable
from bot.messages import OutgoingMessage
from bot.slack.blocks import render
from bot.slack.events import PLATFORM

#: The person (or their DM, or the channel) is gone: stop writing to them.
GONE = frozenset({
    "channel_not_found", "is_archived", "account_inactive", "user_not_found",
    "user_disabled", "cannot_dm_bot", "not_in_channel", "restricted_action",
})
#: Slack's own trouble: worth another try.
PASSING = frozenset({
    "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
})
DEFAULT_RETRY_AFTER = 1.0


def classify(error: SlackApiError) -> DeliveryError:
    """The delivery error a failed Web API call means."""
    response = error.response
    code = str(response.get("error", "") if response is not None else "") or "unknown_error"
    status = getattr(response, "status_code", 0) or 0
    if status == 429 or code == "ratelimited":
        headers = getattr(response, "headers", None) or {}
        try:
            retry_after = float(headers.get("Retry-After", DEFAULT_RETRY_AFTER))
        except (TypeError, ValueError):
            retry_after = DEFAULT_RETRY_AFTER
        # chat.postMessage is limited per channel (about one message a second).
        return RetryLater(retry_after, code, chat_wide=True)
    if status >= 500 or code in PASSING:
        return RetryLater(0.0, code)
    return Undeliverable(code, blocked=code in GONE)


class SlackSender:
    """The outbox's :class:`~bot.delivery.Sender` for Slack, and the clinic channel poster."""

    platform = PLATFORM

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def send(self, chat: str, message: OutgoingMessage) -> None:
        """Post one message to a DM (or any channel the app is in)."""
        await self.post(chat, message)

    async def post(self, channel: str, message: OutgoingMessage, *,
                   thread: str | None = None) -> str:
        """Post ``message`` and return its ``ts``.

        Raises:
            RetryLater: rate limited, or Slack or the network failed for now.
            Undeliverable: Slack refused for good.

        """
        text, blocks = render(message)
        try:
            response = await self.client.chat_postMessage(
                channel=channel, text=text, blocks=blocks, thread_ts=thread,
                unfurl_links=False, unfurl_media=False,
            )
        except SlackApiError as error:
            raise classify(error) from None
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            raise RetryLater(0.0, type(error).__name__) from None
        return str(response.get("ts", ""))
