"""Posting to Slack, with Slack's errors turned into the outbox's two kinds.

``429`` (``ratelimited``) and server or network faults are
:class:`~bot.delivery.RetryLater` (with the ``Retry-After`` Slack gave);
errors that will never succeed for this channel are
:class:`~bot.delivery.Undeliverable`, ``blocked`` when the person cannot be
reached any more. Only Slack's error code travels on, never the response
body (it can echo the message text).

A picture or documents are uploaded after the text with ``files_upload_v2``
(``files.getUploadURLExternal``, the upload, ``files.completeUploadExternal``)
into the same channel and thread, with their alt text and titles. A
message whose text went out but whose upload failed is resumed at the
upload when the deliverer tries it again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery import DeliveryError, RetryLater, Undeliverable
from bot.slack.blocks import render
from bot.slack.events import PLATFORM
from core.messages import OutgoingMessage

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
#: Slack's limit on an uploaded file's alt text.
ALT_TEXT_LIMIT = 1000
#: How many half-sent messages (text posted, upload not yet) to remember.
_PROGRESS_ENTRIES = 1024


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
        return RetryLater(retry_after, code, chat_wide=True, rate_limited=True)
    if status >= 500 or code in PASSING:
        return RetryLater(0.0, code)
    return Undeliverable(code, blocked=code in GONE)


class SlackSender:
    """The outbox's :class:`~bot.delivery.Sender` for Slack, and the clinic channel poster."""

    platform = PLATFORM

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._posted: OrderedDict[tuple[str, str | None, OutgoingMessage], str] = OrderedDict()

    async def send(self, chat: str, message: OutgoingMessage) -> None:
        """Post one message to a DM (or any channel the app is in)."""
        await self.post(chat, message)

    async def post(self, channel: str, message: OutgoingMessage, *,
                   thread: str | None = None) -> str:
        """Post ``message``, then upload its picture or documents; return the text's ``ts``.

        Raises:
            RetryLater: rate limited, or Slack or the network failed for now.
            Undeliverable: Slack refused for good.

        """
        key = (channel, thread, message)
        ts = self._posted.pop(key, None)
        if ts is None and not message.text.strip() and not message.choices \
                and _uploads(message):
            ts = ""  # only files (the deliverer sends a message's files on their own)
        if ts is None:
            text, blocks = render(message)
            response = await _call(lambda: self.client.chat_postMessage(
                channel=channel, text=text, blocks=blocks, thread_ts=thread,
                unfurl_links=False, unfurl_media=False,
            ))
            ts = str(response.get("ts", ""))
        uploads = _uploads(message)
        if uploads:
            try:
                await _call(lambda: self.client.files_upload_v2(
                    file_uploads=uploads, channel=channel, thread_ts=thread))
            except RetryLater:
                self._remember(key, ts)
                raise
        return ts

    def _remember(self, key: tuple[str, str | None, OutgoingMessage], ts: str) -> None:
        self._posted[key] = ts
        while len(self._posted) > _PROGRESS_ENTRIES:
            self._posted.popitem(last=False)


def _uploads(message: OutgoingMessage) -> list[dict[str, Any]]:
    """The files of ``message`` as ``files_upload_v2`` wants them (alt text for pictures)."""
    files: list[dict[str, Any]] = []
    if message.image is not None:
        extension = message.image.mime_type.rpartition("/")[2] or "png"
        files.append({"file": message.image.data, "filename": f"chart.{extension}",
                      "title": "Chart", "alt_txt": message.image.alt[:ALT_TEXT_LIMIT]})
    files.extend({"file": d.data, "filename": d.filename, "title": d.title}
                 for d in message.documents)
    return files


async def _call(request: Callable[[], Awaitable[Any]]) -> Any:
    """One Web API call (or upload), its failure turned into a delivery error."""
    try:
        return await request()
    except SlackApiError as error:
        raise classify(error) from None
    except SlackRequestError:
        raise RetryLater(0.0, "file upload failed") from None
    except (aiohttp.ClientError, TimeoutError, OSError) as error:
        raise RetryLater(0.0, type(error).__name__) from None
