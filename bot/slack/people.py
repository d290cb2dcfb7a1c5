"""Looking people up in Slack: their DM with the app, their name, their time zone.

Names and time zones are fetched when needed and never stored or logged;
DM channel ids are cached (bounded), since they never change.
"""

from __future__ import annotations

from collections import OrderedDict

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery import DeliveryError
from bot.slack.sender import classify

CACHE_SIZE = 10_000


class People:
    """Slack's directory, as the adapter needs it."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._dms: OrderedDict[str, str] = OrderedDict()

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

    async def _info(self, user: str) -> dict[str, object]:
        try:
            response = await self.client.users_info(user=user)
        except SlackApiError:
            return {}
        found = response.get("user")
        return found if isinstance(found, dict) else {}

    async def name(self, user: str) -> str | None:
        """How the workspace shows ``user``; ``None`` if Slack does not say.

        Not a ``<@user>`` mention in its place: texts to a channel are escaped,
        so a mention would show as its raw code.
        """
        info = await self._info(user)
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
        tz = (await self._info(user)).get("tz")
        return tz if isinstance(tz, str) and tz else None
