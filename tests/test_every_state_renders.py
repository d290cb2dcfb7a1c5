"""Every state of every flow on every renderer: no raw template, no empty button, no overflow.

The walk: from each resting state of each flow, in four lives (a newcomer
just screened, someone six weeks in, someone paused for safety, someone who
just reported severe weakness), the bot's
answer to every button of the question and to every command a person may
type; then the messages the bot makes outside a turn (reminders, the home
page, clinic calls, summaries and alerts, a chart, an export). Each message
goes through the terminal, Telegram (HTML) and Slack (Block Kit) renderers,
and each rendering must have no unformatted ``{placeholder}``, no empty
button label and nothing over the platform's limits; on Slack no command may
be written the Telegram way (``/checkin`` instead of ``/sciatica checkin``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from functools import cache

import pytest

from bot import charts
from bot.slack import blocks as slack
from bot.telegram import callbacks
from bot.telegram import render as telegram
from bot.terminal.render import as_text
from core.messages import Alert, Choice, Document, OutgoingMessage
from flows import clinic, home, schedule, texts
from flows.commands import unspelled
from flows.context import Context, Safety
from flows.turn import MACHINES, NEW, choices_of, reply_token, run_turn
from tests.states import NOW, RESTING_STATES, conversation_at, lived_in_context

#: What a person may type in any state: every command, with and without what it needs.
TYPED = (
    "/help", "/tips", "/progress", "/exercises", "/review", "/menu", "/checkin", "/restart",
    "/reminders", "/remind", "/remind 08:30", "/remind 99", "/timezone", "/timezone Berlin",
    "/timezone Atlantis", "/pause", "/pause 3", "/pause forever", "/resume", "/stop",
    "/quiet 22:00-07:00", "/quiet off", "/quiet whenever", "/days mon-fri", "/days x",
    "/snooze", "/sharing", "/clinic", "/clinic leave", "/clinic leave Nowhere", "/export",
    "/delete", "/start", "/chekin", "/abracadabra", "my progress", "\u2603 what", "12", "yes",
    "I can't control my bladder",
)
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")
TAG = re.compile(r"<[^>]+>")


def lives() -> Iterator[tuple[str, Callable[[], Context]]]:
    """Just screened (mid first check-in), six weeks in, paused, and severe weakness reported."""
    def newcomer() -> Context:
        context = lived_in_context()
        context.programme = type(context.programme)(primary=context.programme.primary)
        context.clinics = {}
        context.clinic_asking = None
        return context

    def paused() -> Context:
        context = lived_in_context()
        context.safety = Safety(hold=Alert.SEE_DOCTOR, since=NOW - timedelta(days=2))
        return context

    def severe() -> Context:
        context = lived_in_context()
        context.screening.surgical = True  # a yes to severe pain with weakness, just now
        return context

    yield "newcomer", newcomer
    yield "six weeks in", lived_in_context
    yield "paused", paused
    yield "severe weakness", severe


def _possible(life: Callable[[], Context], flow: str, state: str) -> bool:
    """Whether this life can rest here (a newcomer is never in the middle of a review)."""
    conversation = conversation_at(flow, state)
    conversation.ctx = life()
    try:
        run_turn(conversation, text="/help")
    except LookupError:
        return False
    return True


def _turn_messages(life: Callable[[], Context], flow: str, state: str) -> Iterator[OutgoingMessage]:
    probe = conversation_at(flow, state)
    probe.ctx = life()
    own = [] if state == NEW else [c.id for c in choices_of(probe, MACHINES[flow].flow.step(state))]
    presses = [*own, "skip_today", "snooze"]
    for choice in presses:
        conversation = conversation_at(flow, state)
        conversation.ctx = life()
        run_turn(conversation, choice=choice, reply_token=reply_token(conversation))
        yield from conversation.out
    for text in TYPED:
        conversation = conversation_at(flow, state)
        conversation.ctx = life()
        run_turn(conversation, text=text)
        yield from conversation.out


def _outside_a_turn(contexts: list[Context]) -> Iterator[OutgoingMessage]:
    for kind in ("reminder", "nudge"):
        yield schedule.reminder_message(kind)
    for context in [*contexts, None]:
        page = home.home(context, NOW)
        yield OutgoingMessage("\n".join([page.title, *page.lines]))
    call = clinic.next_call("09:00", "Europe/Berlin", NOW)
    win = clinic.window(call, "Europe/Berlin", 12)
    yield clinic.call_message(1, win, "Europe/Berlin")
    yield clinic.summary(win, "Europe/Berlin", [
        clinic.MemberDay("Anna K.", 3, 5, flare=True, alerts=(Alert.SEE_DOCTOR,)),
        clinic.MemberDay("Ben", None, 4), clinic.MemberDay("Cleo", 6, None)])
    for level in (Alert.EMERGENCY, Alert.SEE_DOCTOR):  # the levels a clinic is alerted of
        yield clinic.alert_message("Anna K.", level.value, NOW, "Europe/Berlin")
    yield OutgoingMessage(texts.menu.PROGRESS_HEADING,
                          image=charts.progress_chart(charts.sample_points(), today=50))
    yield OutgoingMessage(texts.data.EXPORT_READY, documents=tuple(
        Document(b"x", name, title, "text/plain") for name, title in (
            ("s.html", texts.export.SUMMARY_TITLE), ("c.csv", texts.export.CHECKINS_TITLE),
            ("a.json", texts.export.JSON_TITLE))))


@cache
def every_message() -> tuple[OutgoingMessage, ...]:
    """Every message of the walk, each distinct one once."""
    found: dict[OutgoingMessage, None] = {}
    made = [life for _name, life in lives()]
    for life in made:
        for flow, state in [*RESTING_STATES, ("onboarding", NEW)]:
            if not _possible(life, flow, state):
                continue
            for message in _turn_messages(life, flow, state):
                found.setdefault(message)
    for message in _outside_a_turn([life() for life in made]):
        found.setdefault(message)
    return tuple(found)


def _placeholders(where: str, text: str) -> list[str]:
    return [f"{where}: unformatted {p} in {text[:80]!r}" for p in PLACEHOLDER.findall(text)]


def _labels(choices: tuple[Choice, ...]) -> list[str]:
    return [f"empty label on button {c.id!r}" for c in choices if not c.label.strip()]


def terminal_problems(message: OutgoingMessage) -> list[str]:
    shown = as_text(message)
    return [*_placeholders("terminal", shown), *_labels(message.choices)]


def telegram_problems(message: OutgoingMessage) -> list[str]:
    problems = []
    for part in telegram.render(message):
        if isinstance(part, telegram.TextPart):
            text = html.unescape(TAG.sub("", part.html))
            limit = telegram.MAX_TEXT
            markup = part.keyboard
        else:
            text = html.unescape(TAG.sub("", part.caption_html))
            limit = telegram.MAX_CAPTION
            markup = part.keyboard
        problems += _placeholders("telegram", text)
        if telegram.units(text) > limit:
            problems.append(f"telegram: {telegram.units(text)} units over {limit}: {text[:60]!r}")
        if not text.strip() and isinstance(part, telegram.TextPart):
            problems.append("telegram: an empty message")
        for row in markup.inline_keyboard if markup is not None else ():
            for button in row:
                if not button.text.strip():
                    problems.append("telegram: an empty button label")
                problems += _placeholders("telegram button", button.text)
                data = str(button.callback_data)
                if len(data.encode()) > callbacks.MAX_BYTES:
                    problems.append(f"telegram: callback data over 64 bytes: {data!r}")
    shown = sum(len(row) for row in (telegram.keyboard(message.choices, "7") or
                                     _no_keyboard()).inline_keyboard)
    if shown != len(message.choices):
        problems.append(f"telegram: {len(message.choices) - shown} button(s) left off")
    return problems


def _no_keyboard() -> telegram.InlineKeyboardMarkup:
    return telegram.InlineKeyboardMarkup([])


def slack_problems(message: OutgoingMessage) -> list[str]:
    fallback, rendered = slack.render(message)
    problems = _placeholders("slack", fallback)
    if len(fallback) > SLACK_TEXT:
        problems.append(f"slack: fallback text of {len(fallback)} characters")
    if len(rendered) > SLACK_BLOCKS:
        problems.append(f"slack: {len(rendered)} blocks")
    problems += [f"slack: {command} is not a Slack command" for command in unspelled(fallback)]
    for block in rendered:
        text = (block.get("text") or {}).get("text", "")
        limit = SLACK_HEADER if block["type"] == "header" else slack.SECTION_LIMIT
        if len(text) > limit:
            problems.append(f"slack: a {block['type']} of {len(text)} characters")
        if block["type"] == "section" and not text.strip():
            problems.append("slack: an empty section")
        problems += _placeholders("slack block", text)
        buttons = block.get("elements", []) if block["type"] == "actions" else []
        if len(buttons) > SLACK_ACTIONS:
            problems.append(f"slack: {len(buttons)} buttons in one block")
        for button in buttons:
            label = button["text"]["text"]
            if not label.strip():
                problems.append("slack: an empty button label")
            if len(label) > slack.BUTTON_LABEL_LIMIT:
                problems.append(f"slack: button label of {len(label)} characters")
            problems += _placeholders("slack button", label)
            if len(button["value"]) > SLACK_VALUE:
                problems.append(f"slack: button value of {len(button['value'])} characters")
    return problems


#: Block Kit's limits (api.slack.com/reference/block-kit): a message's text, its blocks,
#: a header's text, the elements of an actions block, a button's value.
SLACK_TEXT = 40_000
SLACK_BLOCKS = 50
SLACK_HEADER = 150
SLACK_ACTIONS = 25
SLACK_VALUE = 2000

RENDERERS = {"terminal": terminal_problems, "telegram": telegram_problems,
             "slack": slack_problems}


def test_the_walk_reaches_every_state_of_every_flow() -> None:
    assert {f for f, _ in RESTING_STATES} == set(MACHINES)
    assert all(_possible(lived_in_context, flow, state) for flow, state in RESTING_STATES)
    assert len(every_message()) > 150
    assert {c for m in every_message() for c in [m.alert] if c} == set(Alert)


@pytest.mark.parametrize("renderer", RENDERERS)
def test_every_message_of_every_state_renders_cleanly(renderer: str) -> None:
    check = RENDERERS[renderer]
    problems = sorted({p for message in every_message() for p in check(message)})
    assert problems == []


def test_the_checks_catch_a_raw_template_an_empty_label_and_an_overflow() -> None:
    broken = OutgoingMessage("Check-ins: {sessions}\n" + "x " * 25_000,
                             choices=(Choice("a", " "), Choice("b", "{label}")))
    for renderer, check in RENDERERS.items():
        found = " ".join(check(broken))
        assert "{sessions}" in found, renderer
        assert "{label}" in found, renderer
        assert "empty" in found, renderer
    assert "slack: fallback text of" in " ".join(slack_problems(broken))
    assert unspelled("type /checkin, not /sciatica checkin") == ["/checkin"]
    assert slack_problems(OutgoingMessage("type /checkin")) == []  # spelled for Slack
    assert slack.slack_words("On Telegram, send /start 123; here /join 123") == (
        "On Telegram, send /start 123; here /sciatica join 123")
