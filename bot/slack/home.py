"""The App Home tab: streak, last pain scores and next reminder of the person opening it."""

from __future__ import annotations

import asyncio
import logging

from pydantic import ValidationError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock
from bot.slack.blocks import home_view
from bot.slack.events import PLATFORM
from flows.context import Context
from flows.home import home
from storage.database import Database
from storage.turns import stored_context

log = logging.getLogger(__name__)


class HomeTab:
    """Publishes a person's Home tab when they open it (read-only: no turn, no state)."""

    def __init__(self, db: Database, clock: Clock, client: AsyncWebClient) -> None:
        self.db = db
        self.clock = clock
        self.client = client

    async def context(self, person: str) -> Context | None:
        """What the bot remembers about ``person``, if anything readable."""
        raw = await asyncio.to_thread(stored_context, self.db, PLATFORM, person)
        if raw is None:
            return None
        try:
            return Context.model_validate_json(raw)
        except ValidationError:
            log.warning("stored context unreadable for a home tab; showing the intro")
            return None

    async def publish(self, person: str, user: str) -> None:
        """Render and publish the tab; a Slack error is logged, not raised."""
        view = home_view(home(await self.context(person), self.clock.now()))
        try:
            await self.client.views_publish(user_id=user, view=view)
        except SlackApiError as error:
            log.warning("views.publish failed: %s", error.response.get("error", "unknown"))
