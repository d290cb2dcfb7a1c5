"""Slack as the server wires it: HTTP routes in the web app, or Socket Mode.

HTTP mode (``sciatica-bot serve``) needs ``SLACK_BOT_TOKEN`` and
``SLACK_SIGNING_SECRET`` and mounts ``/slack/events``,
``/slack/interactions`` and ``/slack/commands``; bolt verifies every
request's signature (forged, unsigned or more than five minutes old: 401).
Socket Mode (``sciatica-bot slack``) is :mod:`bot.slack.socket_mode`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.request.internals import parse_body
from slack_sdk.web.async_client import AsyncWebClient
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.delivery import Rate
from bot.service import SHUTDOWN_GRACE_SECONDS, BotService
from bot.settings import ConfigurationError, Settings
from bot.slack.app import SlackAdapter
from bot.slack.channel import SlackChannelPoster
from bot.slack.events import PLATFORM
from bot.slack.people import People
from bot.slack.sender import SlackSender

log = logging.getLogger(__name__)

PATHS = ("/slack/events", "/slack/interactions", "/slack/commands")

#: What the app uses, and the bot scope each needs: ``deploy/slack/manifest.yml``
#: asks for exactly these (a test keeps the two in step).
METHOD_SCOPES: dict[str, tuple[str, ...]] = {
    "auth.test": (),
    "chat.postMessage": ("chat:write",),
    "chat.update": ("chat:write",),
    "chat.postEphemeral": ("chat:write",),
    "conversations.open": ("im:write",),
    # A clinic channel may be public or private: membership of each needs its own scope.
    "conversations.members": ("channels:read", "groups:read"),
    "users.info": ("users:read",),
    "views.publish": (),
    "files.getUploadURLExternal": ("files:write",),
    "files.completeUploadExternal": ("files:write",),
    # Socket Mode only, with the app-level token (scope connections:write, not a bot scope).
    "apps.connections.open": (),
}
EVENT_SCOPES: dict[str, str | None] = {"message.im": "im:history", "app_home_opened": None}
COMMAND_SCOPE = "commands"


def signing_secret(settings: Settings) -> str:
    """The secret every HTTP request from Slack is signed with.

    Raises:
        ConfigurationError: it is not set; the HTTP endpoints refuse to start
            rather than take requests from anyone.

    """
    if settings.slack_signing_secret is None:
        raise ConfigurationError(
            "SLACK_SIGNING_SECRET is not set: Slack's HTTP endpoints need it to tell Slack's "
            "requests from anyone else's (Basic Information → App Credentials → Signing "
            "Secret); or run `sciatica-bot slack` for Socket Mode, which needs SLACK_APP_TOKEN "
            "instead")
    return settings.slack_signing_secret.get_secret_value()


class SlackPlatform:
    """The Slack adapter's parts, built from settings (the bot token is required)."""

    name = PLATFORM

    def __init__(self, settings: Settings) -> None:
        if settings.slack_bot_token is None:
            raise ValueError("SLACK_BOT_TOKEN is not set")
        self.settings = settings
        self.client = AsyncWebClient(token=settings.slack_bot_token.get_secret_value(),
                                     base_url=settings.slack_api_url)
        self.rate = Rate(per_chat=settings.slack_rate_per_channel,
                         overall=settings.slack_rate_global)
        self._sender = SlackSender(self.client)
        self._people = People(self.client)

    def sender(self) -> SlackSender:
        """Posts outbox messages to people's DMs."""
        return self._sender

    def channel_poster(self) -> SlackChannelPoster:
        """Posts clinic calls and summaries in team channels."""
        return SlackChannelPoster(self._sender, self._people)

    def adapter(self, service: BotService) -> SlackAdapter:
        """The bolt app over ``service`` (verifying signatures when a secret is set)."""
        secret = self.settings.slack_signing_secret
        return SlackAdapter(service, self.client,
                            signing_secret=secret.get_secret_value() if secret else None)

    def web_plugin(self, service: BotService) -> SlackWebPlugin:
        """The HTTP routes.

        Raises:
            ConfigurationError: no ``SLACK_SIGNING_SECRET`` (see :func:`signing_secret`).

        """
        signing_secret(self.settings)
        return SlackWebPlugin(self.adapter(service))


class SlackWebPlugin:
    """Slack's three endpoints in the shared web app; bolt tells the payloads apart."""

    def __init__(self, adapter: SlackAdapter) -> None:
        self.adapter = adapter
        self.handler = AsyncSlackRequestHandler(adapter.app)

    async def _endpoint(self, request: Request) -> Response:
        """Bolt's answer, for a body bolt can read; 400 for any other.

        Bolt parses the body before it checks the signature and raises on one
        that is not UTF-8, not JSON, nested too deep or not an object: anyone
        could have had a 500 and a traceback for the asking.
        """
        if not _payload_shaped(await request.body(), request.headers.get("content-type")):
            log.info("a slack request body that is no payload refused")
            return JSONResponse({"error": "not a Slack payload"}, status_code=400)
        return await self.handler.handle(request)

    def routes(self) -> Sequence[BaseRoute]:
        """POST routes for events, interactions and commands."""
        return [Route(path, self._endpoint, methods=["POST"]) for path in PATHS]

    async def startup(self) -> None:
        """Nothing to prepare: bolt checks the token on the first request."""

    async def shutdown(self, grace: float = SHUTDOWN_GRACE_SECONDS) -> None:
        """Finish background deliveries and message updates, for ``grace`` seconds."""
        await self.adapter.drain(grace)


def _payload_shaped(body: bytes, content_type: str | None) -> bool:
    """Whether bolt's own parser makes an object of ``body`` (an empty one is bolt's to refuse)."""
    try:
        parsed = parse_body(body.decode("utf-8"),
                            content_type.split(";")[0].strip() if content_type else None)
    except (ValueError, RecursionError):  # JSON and UTF-8 errors are ValueErrors
        return False
    return isinstance(parsed, dict)
