"""Looking people and channels up in Slack: DMs, names, time zones, channel privacy, members.

Names and time zones are never stored or logged; they are kept in memory
for :data:`INFO_SECONDS` (bounded), so a clinician's patient list does not
ask Slack for every name every time. DM channel ids are cached (bounded),
since they never change.

Request handlers must answer Slack within 3 seconds whatever the Web API
does: they wrap every lookup in :func:`promptly`, which gives up after
:data:`LOOKUP_BUDGET` seconds with :class:`SlackSlow`.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TypeVar

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery import DeliveryError, RetryLater
from bot.slack.sender import classify

CACHE_SIZE = 10_000
#: How long a looked-up name or time zone is reused (memory only).
INFO_SECONDS = 600.0
#: What a request handler may spend on Slack lookups before it answers anyway.
LOOKUP_BUDGET = 1.5

T = TypeVar("T")


class SlackSlow(Exception):
    """Slack did not answer a lookup within the handler's budget."""


async def promptly(lookup: Awaitable[T], budget: float = LOOKUP_BUDGET) -> T:
    """The lookup's answer, or :class:`SlackSlow` after ``budget`` seconds."""
    try:
        return await asyncio.wait_for(lookup, budget)
    except TimeoutError:
        raise SlackSlow from None


@dataclass(frozen=True, slots=True)
class ChannelFacts:
    """What Slack says about a channel, as far as a clinic needs it."""

    id: str
    name: str
    private: bool  # a private channel (or a group DM): only its members can read it
    direct: bool  # a direct message
    member: bool  # the app is in it


class People:
    """Slack's directory, as the adapter needs it."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._dms: OrderedDict[str, str] = OrderedDict()
        self._info: OrderedDict[str, tuple[float, dict[str, object]]] = OrderedDict()
        self._bot_user: str | None = None

    async def dm(self, user: str) -> str:
        """The id of the direct-message channel between ``user`` and the app.

        Raises:
            DeliveryError: Slack would not open it.

        """
        cached = self._dms.get(user)
        if cached is not None:
            self._dms.move_to_end(user)
            return cached
        try:
            response = await self.client.conversations_open(users=user)
        except SlackApiError as error:
            raise classify(error) from None
        channel = str((response.get("channel") or {}).get("id", ""))
        if not channel:
            raise DeliveryError("conversations.open returned no channel")
        self._dms[user] = channel
        if len(self._dms) > CACHE_SIZE:
            self._dms.popitem(last=False)
        return channel

    async def _user(self, user: str) -> dict[str, object]:
        cached = self._info.get(user)
        if cached is not None and time.monotonic() - cached[0] < INFO_SECONDS:
            return cached[1]
        try:
            response = await self.client.users_info(user=user)
        except SlackApiError:
            return {}
        found = response.get("user")
        info = found if isinstance(found, dict) else {}
        self._info[user] = (time.monotonic(), info)
        self._info.move_to_end(user)
        if len(self._info) > CACHE_SIZE:
            self._info.popitem(last=False)
        return info

    async def name(self, user: str) -> str | None:
        """How the workspace shows ``user``; ``None`` if Slack does not say.

        Not a ``<@user>`` mention in its place: texts to a channel are escaped,
        so a mention would show as its raw code.
        """
        info = await self._user(user)
        profile = info.get("profile")
        candidates = [
            profile.get("display_name") if isinstance(profile, dict) else None,
            profile.get("real_name") if isinstance(profile, dict) else None,
            info.get("real_name"), info.get("name"),
        ]
        for candidate in candidates:
            if isinstance(candidate, str) and candidate.strip():
                return candidate.strip()
        return None

    async def timezone(self, user: str) -> str | None:
        """The IANA time zone ``user`` set in Slack, if any."""
        tz = (await self._user(user)).get("tz")
        return tz if isinstance(tz, str) and tz else None

    async def is_bot(self, user: str) -> bool:
        """Whether ``user`` is an app rather than a person (Slack's word)."""
        info = await self._user(user)
        return bool(info.get("is_bot") or info.get("is_app_user"))

    async def channel(self, channel: str) -> ChannelFacts | None:
        """What Slack says about ``channel``; ``None`` if the app cannot see it.

        Raises:
            DeliveryError: Slack failed for now (a 429 or a fault).

        """
        try:
            response = await self.client.conversations_info(channel=channel)
        except SlackApiError as error:
            failure = classify(error)
            if isinstance(failure, RetryLater):
                raise failure from None
            return None  # not found, or the app is not in a private channel
        found = response.get("channel") or {}
        return ChannelFacts(
            id=str(found.get("id") or channel),
            name=str(found.get("name") or channel),
            private=bool(found.get("is_private") or found.get("is_group")
                         or found.get("is_mpim")),
            direct=bool(found.get("is_im")),
            member=bool(found.get("is_member")),
        )

    async def members(self, channel: str) -> set[str]:
        """Everyone in ``channel`` now, but the app itself (Slack's word, every time).

        Raises:
            DeliveryError: Slack would not say.

        """
        found: set[str] = set()
        cursor: str | None = None
        try:
            while True:
                answer = await self.client.conversations_members(
                    channel=channel, cursor=cursor, limit=200)
                found.update(str(m) for m in answer.get("members") or [])
                cursor = (answer.get("response_metadata") or {}).get("next_cursor") or None
                if cursor is None:
                    break
        except SlackApiError as error:
            raise classify(error) from None
        found.discard(await self.bot_user())
        return found

    async def bot_user(self) -> str:
        """The app's own user id (asked once)."""
        if self._bot_user is None:
            try:
                answer = await self.client.auth_test()
            except SlackApiError as error:
                raise classify(error) from None
            self._bot_user = str(answer.get("user_id") or "")
        return self._bot_user

