"""Global intents: recognised in words and commands, and each one handled."""

from __future__ import annotations

import pytest

from flows.intents import NAMES, Intent, parse_intent
from flows.turn import run_turn
from tests.states import conversation_at


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("help", Intent("help")), ("/help", Intent("help")), ("/help@SciaticaBot", Intent("help")),
        ("Menu", Intent("menu")), ("pain relief tips", Intent("tips")),
        ("/remind 08:30", Intent("remind", "08:30")), ("remind me at 7pm", Intent("remind", "7pm")),
        ("/timezone Europe/Berlin", Intent("timezone", "Europe/Berlin")),
        ("time zone berlin", Intent("timezone", "berlin")),
        ("/pause 3", Intent("pause", "3")), ("pause for 3 days", Intent("pause", "3 days")),
        ("stop reminders", Intent("stop")), ("/start abc123", Intent("start", "abc123")),
        ("check in", Intent("checkin")), ("/check_in", Intent("checkin")),
        ("/clinic leave", Intent("leave_clinic")), ("leave clinic", Intent("leave_clinic")),
        ("/clinic leave #Physio-North", Intent("leave_clinic", "#Physio-North")),
        ("Leave the clinic.", Intent("leave_clinic")), ("/clinic", Intent("clinic")),
    ],
)
def test_recognised(text: str, intent: Intent) -> None:
    assert parse_intent(text) == intent


@pytest.mark.parametrize("text", ["/nonsense", "helpful", "I stopped", "7", ""])
def test_not_an_intent(text: str) -> None:
    assert parse_intent(text) is None


@pytest.mark.parametrize("name", sorted(NAMES))
def test_every_intent_is_handled_from_the_menu(name: str) -> None:
    conversation = conversation_at("menu", "idle")
    run_turn(conversation, choice=name)
    assert conversation.out
