"""A Slack workspace for tests: the real app behind signed HTTP requests, a fake Web API.

Requests are built from the recorded-shape payloads in
``tests/fixtures/slack`` and signed like Slack signs them (v0 HMAC-SHA256
of ``v0:<timestamp>:<body>``). They go to the real Starlette app of
``sciatica-bot serve`` (``bot.web.create_app`` with the Slack plug-in)
over an in-process ASGI transport; the app's slack_sdk client calls the
fake Web API on 127.0.0.1.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import itertools
import json
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from pydantic import SecretStr

from bot.clinics import ClinicDispatcher
from bot.clock import ManualClock
from bot.engine import Engine
from bot.reminders import ReminderDispatcher
from bot.runtime import Runtime
from bot.server import assemble
from bot.settings import Settings
from bot.slack.events import PLATFORM, read_button_value
from bot.slack.platform import METHOD_SCOPES, SlackPlatform, SlackWebPlugin
from bot.web import create_app
from fakes.harness import ChatHarness
from fakes.slack import TEAM, Call, FakeSlack
from storage import clinics, invites
from storage.database import Database

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "slack"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
ALICE, BOB, CAROL, DAVE = "U0ALICE01", "U0BOB0001", "U0CAROL01", "U0DAVE001"


def fixture(name: str) -> dict[str, Any]:
    """A recorded-shape payload, fresh for each use."""
    return copy.deepcopy(json.loads((FIXTURES / f"{name}.json").read_text()))


def dm_of(user: str) -> str:
    """The DM channel the fake opens for ``user``."""
    return f"D{user[1:]}"


def _answer_text(response: httpx.Response) -> str:
    """What the person sees of a slash command's answer (JSON ``text``, or the plain body)."""
    try:
        body = response.json()
    except ValueError:
        return response.text
    return str(body.get("text", "")) if isinstance(body, dict) else response.text


def signature(body: bytes, timestamp: str, secret: str = SECRET) -> str:
    """Slack's v0 request signature."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def message_payload(text: str, user: str, event_id: str) -> dict[str, Any]:
    """The Events API payload of ``user`` writing ``text`` in their DM with the app."""
    payload = fixture("message_im")
    payload["event_id"] = event_id
    event = payload["event"]
    event.update(user=user, text=text, channel=dm_of(user))
    event["blocks"][0]["elements"][0]["elements"][0]["text"] = text
    return payload


def action_payload(post: Call, choice: str, user: str, stamp: str) -> dict[str, Any]:
    """A ``block_actions`` payload: ``user`` presses the button ``choice`` of ``post``."""
    for button in post.buttons():
        decoded = read_button_value(button["value"])
        if decoded is not None and decoded[0] == choice:
            break
    else:
        raise AssertionError(f"no button {choice!r} in the question")
    payload = fixture("block_actions")
    channel = str(post.args["channel"])
    payload["user"].update(id=user, username=user.lower(), name=user.lower())
    payload["container"].update(channel_id=channel, message_ts=post.ts)
    payload["channel"]["id"] = channel
    payload["message"].update(ts=post.ts, text=post.args.get("text"), blocks=post.blocks())
    payload["actions"][0].update(action_id=button["action_id"], value=button["value"],
                                 text=button["text"], action_ts=stamp)
    payload["trigger_id"] = f"{stamp}.trigger"
    return payload


def signed_headers(body: bytes, content_type: str, secret: str = SECRET) -> dict[str, str]:
    """The headers Slack sends with ``body``: its type, a timestamp of now and the signature."""
    stamp = str(int(time.time()))
    return {"content-type": content_type, "x-slack-request-timestamp": stamp,
            "x-slack-signature": signature(body, stamp, secret)}


class SlackWorkspace:
    """Talk to the bot as Slack users do, and see what it posted."""

    def __init__(self, db: Database, fake: FakeSlack, api_url: str, start: datetime, *,
                 rate: float = 1000.0) -> None:
        self.fake = fake
        self.clock = ManualClock(start)
        self.settings = Settings(
            database_url="sqlite://", slack_bot_token=SecretStr("xoxb-test-token"),
            slack_signing_secret=SecretStr(SECRET), slack_api_url=f"{api_url}/api/",
            slack_rate_per_channel=rate, slack_rate_global=rate,
            telegram_bot_username="SciaticaTestBot",
        )
        self.runtime = Runtime(self.settings, self.clock, db, Engine(db, self.clock),
                               ReminderDispatcher(db, self.clock))
        self.platform = SlackPlatform(self.settings)
        self.service, self.worker = assemble(self.runtime, [self.platform])
        plugin = self.platform.web_plugin(self.service)
        assert isinstance(plugin, SlackWebPlugin)
        self.plugin = plugin
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(self.runtime, [plugin])),
            base_url="http://bot.test",
        )
        self._ids = itertools.count(1)
        self.said: list[tuple[str, str]] = []  # (Slack user, text) typed in a DM
        self.answers: list[tuple[str, str]] = []  # (Slack user, slash-command answer)

    @property
    def clinics(self) -> ClinicDispatcher:
        """The worker's clinic dispatcher."""
        assert self.worker.clinics is not None
        return self.worker.clinics

    async def close(self) -> None:
        """Finish background work; every Web API method called must be in the manifest."""
        await self.settle()
        await self.http.aclose()
        used = {c.method for c in self.fake.calls}
        unknown = used - set(METHOD_SCOPES)
        assert not unknown, f"Web API methods not covered by the manifest: {unknown}"

    async def settle(self) -> None:
        """Wait for deliveries and message updates the last requests started."""
        await self.plugin.adapter.drain()

    # --- raw requests -----------------------------------------------------------

    async def post(self, path: str, body: bytes, content_type: str, *,
                   timestamp: str | None = None, sign: str | None = None,
                   headers: dict[str, str] | None = None) -> httpx.Response:
        """POST a request signed like Slack does (or with the given signature)."""
        stamp = timestamp or str(int(time.time()))
        all_headers = {"content-type": content_type, "x-slack-request-timestamp": stamp,
                       "x-slack-signature": sign or signature(body, stamp)}
        all_headers.update(headers or {})
        return await self.http.post(path, content=body, headers=all_headers)

    async def send_event(self, payload: dict[str, Any], **options: Any) -> httpx.Response:
        body = json.dumps(payload).encode()
        response = await self.post("/slack/events", body, "application/json", **options)
        await self.settle()
        return response

    async def send_action(self, payload: dict[str, Any], **options: Any) -> httpx.Response:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        response = await self.post("/slack/interactions", body,
                                   "application/x-www-form-urlencoded", **options)
        await self.settle()
        return response

    # --- as a person ----------------------------------------------------------------

    def message_event(self, text: str, user: str = ALICE) -> dict[str, Any]:
        return message_payload(text, user, f"Ev{next(self._ids):010d}")

    async def say(self, text: str, user: str = ALICE) -> list[Call]:
        """``user`` writes ``text`` in their DM; returns what the bot posted there."""
        before = len(self.fake.posts(dm_of(user)))
        self.said.append((user, text))
        response = await self.send_event(self.message_event(text, user))
        assert response.status_code == 200, response.text
        return self.fake.posts(dm_of(user))[before:]

    def last_question(self, channel: str) -> Call:
        """The latest post with buttons in ``channel``."""
        for call in reversed(self.fake.posts(channel)):
            if call.buttons():
                return call
        raise AssertionError(f"no question with buttons in {channel}")

    def action_payload(self, post: Call, choice: str, user: str = ALICE) -> dict[str, Any]:
        """A ``block_actions`` payload for the button of ``post`` whose choice is ``choice``."""
        return action_payload(post, choice, user, f"1772434801.{next(self._ids):06d}")

    async def press(self, choice: str, user: str = ALICE, *,
                    post: Call | None = None) -> list[Call]:
        """Press a button (of the last question in the DM unless ``post`` is given)."""
        question = post or self.last_question(dm_of(user))
        before = len(self.fake.posts(dm_of(user)))
        response = await self.send_action(self.action_payload(question, choice, user))
        assert response.status_code == 200, response.text
        return self.fake.posts(dm_of(user))[before:]

    async def command(self, text: str, user: str = ALICE, *, channel: str | None = None,
                      channel_name: str = "directmessage") -> httpx.Response:
        """``/sciatica text`` typed by ``user`` (in their DM unless ``channel`` is given)."""
        fields = fixture("slash_command")
        if channel is not None and channel[:1] in ("C", "G"):
            self.fake.channel_names.setdefault(channel, channel_name)  # as Slack knows it
        fields.update(text=text, user_id=user, user_name=user.lower(),
                      channel_id=channel or dm_of(user), channel_name=channel_name,
                      trigger_id=f"1772434802.{next(self._ids):06d}.trigger", team_id=TEAM)
        body = urlencode(fields).encode()
        response = await self.post("/slack/commands", body,
                                   "application/x-www-form-urlencoded")
        if response.status_code == 200 and response.text:
            self.answers.append((user, _answer_text(response)))
        await self.settle()
        return response

    async def onboard(self, user: str = ALICE) -> None:
        """Welcome, consent, Berlin, reminders at 09:00, a clear screening (disc-type, 45).

        The activities question that follows a clear screening is skipped.
        """
        await self.say("hello", user)
        await self.press("continue", user)
        await self.press("yes", user)
        await self.say("Europe/Berlin", user)
        await self.press("08:00", user)
        for _question in range(9):
            await self.press("no", user)
        await self.say("45", user)
        await self.press("yes", user)
        await self.press("no", user)
        await self.press("no_more", user)

    async def checkin(self, before: int, after: int, user: str = ALICE, *,
                      reach: str = "skip") -> list[Call]:
        """A whole check-in started with ``/sciatica checkin``; returns the last replies.

        ``reach`` answers how far down the pain goes (when asked); this week's
        questions, if they follow, are put off (Not now).
        """
        await self.command("checkin", user)
        return await self.answers_checkin(before, after, user, reach=reach)

    async def answers_checkin(self, before: int, after: int, user: str = ALICE, *,
                              reach: str = "skip") -> list[Call]:
        """The answers of a check-in already asking for the pain score, as :meth:`checkin`."""
        replies = await self.say(str(before), user)
        if has_button(replies, "back_only"):
            await self.press(reach, user)
        replies = await self.press("no", user)
        if has_button(replies, "go_on"):
            replies = await self.press("go_on", user)
        for _exercise in range(3):
            replies = await self.press("done", user)
        replies = await self.say(str(after), user)
        if has_button(replies, "skip_rest"):
            await self.press("skip_rest", user)
        return replies

    def patient_elsewhere(self, channel: str, label: str, user: str = "anna") -> ChatHarness:
        """Someone chatting on another platform, set up, who took the channel's clinic invite.

        The invite names them ``label``; they agreed to share. The returned harness drives
        the same engine and database, as the Telegram adapter would.
        """
        db = self.runtime.db
        clinic = clinics.clinic_in_channel(db, PLATFORM, TEAM, channel)
        assert clinic is not None, f"no clinic in {channel}"
        code = invites.create(db, clinic.id, self.clock.now(), timedelta(days=7), label)
        patient = ChatHarness(db, self.clock.now())
        patient.onboard(user)
        assert patient.say(f"/start {code}", user).has(label)
        patient.press("yes", user)
        return patient


def has_button(calls: list[Call], choice: str) -> bool:
    """Whether any of ``calls`` offers the button ``choice``."""
    return any((read_button_value(b["value"]) or ("",))[0] == choice
               for c in calls for b in c.buttons())
