"""Neutral messages to Block Kit.

Text goes in ``plain_text`` sections (nothing the bot says is read as
markup), split to Slack's 3,000-character section limit; the fallback
``text`` has ``&``, ``<`` and ``>`` escaped, so no name in it can mention
anyone (:func:`escaped`). An ``alert`` message opens with a header block
so it stands out; choices become one ``actions`` block of buttons whose
value carries the choice id and the question's reply token
(:func:`bot.slack.events.button_value`). Pictures
and files are uploaded after the message (:mod:`bot.slack.sender`). Every
message also has a plain ``text`` fallback for notifications and screen
readers. Commands named in a text are spelled the Slack way (``/sciatica
checkin``), since Slack keeps a leading "/" for its own commands
(:func:`flows.commands.spell`).
"""

from __future__ import annotations

from typing import Any

from bot import text_split
from bot.slack.events import COMMAND, button_value
from core.messages import Alert, OutgoingMessage
from flows.commands import CommandSyntax, spell
from flows.home import Home

Block = dict[str, Any]

SECTION_LIMIT = 3000
BUTTON_LABEL_LIMIT = 75
ACTION_PREFIX = "choice:"

ALERT_HEADINGS = {
    Alert.EMERGENCY: "🚨 Emergency: act now",
    Alert.SEE_DOCTOR: "⚠️ Please see a doctor",
    Alert.SURGICAL_REVIEW: "⚠️ Medical review needed",
}


def escaped(text: str) -> str:
    """``text`` as Slack message text: ``&``, ``<`` and ``>`` as the entities Slack shows.

    Message text (the fallback of a post, the answer to a slash command) is
    read for ``<!channel>``, ``<@U...>`` and ``<url|label>``: unescaped, a
    name someone chose could notify a whole channel or hide a link.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def sections(text: str) -> list[Block]:
    """``text`` as plain-text section blocks."""
    return [{"type": "section", "text": _plain(chunk)}
            for chunk in text_split.split(text, SECTION_LIMIT)]


def slack_words(text: str) -> str:
    """``text`` with its commands as they are typed in Slack (``/sciatica checkin``)."""
    return spell(text, CommandSyntax.SUBCOMMAND, command=COMMAND)


def render(message: OutgoingMessage) -> tuple[str, list[Block]]:
    """The fallback text and the blocks of one message."""
    blocks: list[Block] = []
    text = slack_words(message.text)
    fallback = escaped(text)
    if message.alert is not None:
        heading = ALERT_HEADINGS[message.alert]
        blocks.append({"type": "header", "text": _plain(heading)})
        fallback = escaped(f"{heading}\n{text}")
    blocks.extend(sections(text))
    if message.alert is not None:
        blocks.append({"type": "divider"})
    if message.choices:
        blocks.append({
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": f"{ACTION_PREFIX}{n}",
                    "text": _plain(choice.label[:BUTTON_LABEL_LIMIT]),
                    "value": button_value(choice.id, message.reply_token),
                }
                for n, choice in enumerate(message.choices)
            ],
        })
    return fallback, blocks


def answered(blocks: list[Block], label: str | None) -> list[Block]:
    """The question as it was, its buttons replaced by the answer given (if it was taken)."""
    kept = [b for b in blocks if b.get("type") != "actions"]
    if label is None:
        return kept
    return [*kept, {"type": "context", "elements": [_plain(f"✅ {label}")]}]


def home_view(home: Home) -> dict[str, Any]:
    """The App Home tab."""
    blocks: list[Block] = [{"type": "header", "text": _plain(home.title)}]
    for line in home.lines:
        blocks.extend(sections(slack_words(line)))
    return {"type": "home", "blocks": blocks}
