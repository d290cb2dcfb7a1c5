"""The bolt ``AsyncApp`` and its listeners: Slack requests in, neutral events to the service.

The app runs with ``process_before_response``: a listener commits the turn
(milliseconds) before Slack gets its answer, so an acknowledged event is
never lost, and a failure answers 500 so Slack retries. Deliveries and
cosmetic calls (updating the pressed message, publishing the Home tab) run
after the answer. A retried event (``X-Slack-Retry-Num``) carries the same
``event_id`` and is a duplicate for the engine: no second effect.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Coroutine, Mapping
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery import DeliveryError
from bot.service import BotService, finish
from bot.slack import events
from bot.slack.blocks import ACTION_PREFIX, answered, escaped, slack_words
from bot.slack.channel import ClinicChannels
from bot.slack.home import HomeTab
from bot.slack.people import People
from bot.slack.sender import SlackSender
from flows import clinic as clinic_flows
from flows import texts

log = logging.getLogger(__name__)
#: Bolt's own logger for this app.
BOLT_LOG = logging.getLogger("slack_bolt.sciatica")

Body = Mapping[str, Any]


class _NotTheTokenWarning(logging.Filter):
    """Drops bolt's "token will be unused" warning, which every start would log.

    Bolt reads ``SLACK_BOT_TOKEN`` from the environment itself and warns that
    the client we hand it takes precedence; the client holds that very token.
    """

    TEXT = warning_client_prioritized_and_token_skipped()

    def filter(self, record: logging.LogRecord) -> bool:
        """Every record but that warning."""
        return record.getMessage() != self.TEXT


BOLT_LOG.addFilter(_NotTheTokenWarning())


class SlackAdapter:
    """Owns the bolt app; every listener only translates and hands over."""

    def __init__(self, service: BotService, client: AsyncWebClient, *,
                 signing_secret: str | None) -> None:
        runtime = service.runtime
        self.service = service
        self.client = client
        self.sender = SlackSender(client)
        self.people = People(client)
        self.home = HomeTab(runtime.db, runtime.clock, client)
        self.clinics = ClinicChannels(runtime.db, runtime.clock, self.sender, self.people,
                                      runtime.settings)
        self._background: set[asyncio.Task[None]] = set()
        self.app = AsyncApp(
            client=client,
            signing_secret=signing_secret or "",
            # Socket Mode needs no signature; HTTP mode always verifies one.
            request_verification_enabled=signing_secret is not None,
            process_before_response=True,
            logger=BOLT_LOG,
        )
        self.app.event("message")(self.on_message)
        self.app.event("app_home_opened")(self.on_home_opened)
        self.app.action(re.compile(rf"^{re.escape(ACTION_PREFIX)}\d+$"))(self.on_press)
        self.app.command(events.COMMAND)(self.on_command)

    async def on_message(self, body: Body) -> None:
        """A DM to the app: one turn."""
        event = events.message(body)
        if event is not None:
            await self.service.handle_then_deliver_later(event)

    async def on_home_opened(self, body: Body) -> None:
        """The Home tab was opened: publish it after answering Slack."""
        opened = events.home_opened(body)
        if opened is not None:
            self._later(self.home.publish(*opened))

    async def on_press(self, ack: AsyncAck, body: Body) -> None:
        """A button: in a DM an answer to the question; in a channel a clinic call."""
        await ack()
        pressed = events.press(body)
        if pressed is None:
            return
        if not pressed.in_dm:
            await self.clinics.press(pressed, self.service)
            return
        if clinic_flows.joined_clinic(pressed.choice) is not None:
            log.warning("a clinic call button arrived from a DM; ignored")
            return
        if not await self._own_dm(pressed):
            return
        result = await self.service.handle_then_deliver_later(pressed.event(pressed.channel))
        if not result.duplicate and pressed.message_ts:
            self._later(self._show_answer(pressed, body, taken=result.press_taken))

    async def on_command(self, ack: AsyncAck, body: Body) -> None:
        """``/sciatica ...``: conversation commands are answered in the person's DM."""
        command = events.read_command(str(body.get("text") or ""),
                                      in_channel=str(body.get("channel_id", ""))[:1] in "CG")
        if command.kind == "usage":
            await self._reply(ack, _usage(command))
            return
        if command.kind == "clinic_setup":
            await self._reply(ack, await self.clinics.setup(body, command.args))
            return
        if command.kind == "clinic_off":
            await self._reply(ack, await self.clinics.off(body))
            return
        if command.kind == "clinic_invite":
            await self._reply(ack, await self.clinics.invite(body, command.args))
            return
        if command.kind in ("clinic_patients", "clinic_patient"):
            await self._reply(ack, await self.clinics.report(body, command.kind, command.args))
            return
        if command.kind == "clinic_export":
            clinic = await self.clinics.allowed_clinic(body)
            if isinstance(clinic, str):
                await self._reply(ack, clinic)
                return
            await self._reply(ack, texts.clinic_reports.EXPORT_COMING)
            self._later(self.clinics.export(clinic, body))
            return
        try:
            dm = await self.people.dm(str(body["user_id"]))
        except DeliveryError as error:
            log.warning("could not open a slack DM for a command: %s", error)
            await self._reply(ack, texts.common.SOMETHING_WRONG)
            return
        await self.service.handle_then_deliver_later(events.command_event(body, dm, command.text))
        await self._reply(ack, "" if body.get("channel_id") == dm else texts.slash.SENT_TO_DM)

    @staticmethod
    async def _reply(ack: AsyncAck, text: str) -> None:
        """Answer the command with ``text`` (escaped: names in it must not ping or link)."""
        if text:
            await ack(text=escaped(slack_words(text)))
        else:
            await ack()

    async def _own_dm(self, pressed: events.Press) -> bool:
        """Whether a DM press came from the presser's own DM with the app.

        Slack sends nothing else, but a payload crafted with another person's
        DM would answer there and move the presser's chat to it. When Slack
        cannot say right now, the press goes ahead: the request was signed by
        Slack, and dropping a real answer silently is the worse failure.
        """
        try:
            own = await self.people.dm(pressed.user)
        except Exception as error:  # noqa: BLE001 - any failure of the lookup: fail open
            log.info("could not look up a slack DM for a press (%s); taking it",
                     type(error).__name__)
            return True
        if own != pressed.channel:
            log.warning("a button press from another person's DM; ignored")
            return False
        return True

    async def _show_answer(self, pressed: events.Press, body: Body, *, taken: bool) -> None:
        """Replace the pressed question's buttons with the answer, if the engine took it.

        A stale or garbled press only loses its buttons: the engine explains it.
        """
        original = body.get("message") or {}
        blocks = original.get("blocks")
        if not isinstance(blocks, list) or pressed.message_ts is None:
            return
        try:
            await self.client.chat_update(
                channel=pressed.channel, ts=pressed.message_ts,
                text=str(original.get("text") or escaped(pressed.label)),
                blocks=answered(blocks, pressed.label if taken else None),
            )
        except SlackApiError as error:
            log.info("chat.update of a pressed message failed: %s",
                     error.response.get("error", "unknown"))

    def _later(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def drain(self, grace: float | None = None) -> int:
        """Wait for the adapter's and the service's background work (shutdown, tests).

        With ``grace``, what is still running after it is cancelled and left
        to the outbox relay (see :meth:`Service.drain`).
        """
        started = asyncio.get_running_loop().time()
        left = await finish(self._background, grace)
        spent = asyncio.get_running_loop().time() - started
        return left + await self.service.drain(
            None if grace is None else max(0.0, grace - spent))


def _usage(command: events.Command) -> str:
    """How ``/sciatica`` is used, after the nearest command to a mistyped one."""
    if command.args:
        (nearest,) = command.args
        return texts.slash.DID_YOU_MEAN.format(command=f"/{nearest}") + "\n" + texts.slash.USAGE
    return texts.slash.USAGE
