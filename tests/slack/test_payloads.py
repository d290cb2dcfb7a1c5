"""Slack payloads to neutral events, and neutral messages to Block Kit (no network)."""

from __future__ import annotations

from bot.slack.blocks import SECTION_LIMIT, answered, render
from bot.slack.events import (
    Command,
    home_opened,
    mentioned_channel,
    mentioned_user,
    message,
    press,
    read_command,
)
from core.messages import Alert, Choice, OutgoingMessage
from fakes.slack_workspace import fixture


def test_a_dm_message_becomes_text_from_team_and_user() -> None:
    event = message(fixture("message_im"))

    assert event is not None
    assert (event.platform, event.user, event.chat) == ("slack", "T0CLINIC1:U0ALICE01",
                                                        "D0ALICE01")
    assert (event.event_id, event.text) == ("Ev0000000001", "hello")


def test_slack_escapes_are_undone() -> None:
    payload = fixture("message_im")
    payload["event"]["text"] = "pain &lt; 5 &amp; better"
    event = message(payload)
    assert event is not None
    assert event.text == "pain < 5 & better"


def test_bot_messages_and_channel_messages_are_not_turns() -> None:
    from_bot = fixture("message_im")
    from_bot["event"]["bot_id"] = "B0BOT0001"
    channel = fixture("message_im")
    channel["event"]["channel_type"] = "channel"

    assert [message(p) for p in (from_bot, channel)] == [None, None]


def _edit_of(text: str, **changed: object) -> dict[str, object]:
    payload = fixture("message_im")
    original = payload["event"]
    payload["event"] = {
        "type": "message", "subtype": "message_changed", "channel": original["channel"],
        "channel_type": "im", "ts": original["ts"], "event_ts": original["ts"],
        "message": {"type": "message", "user": original["user"], "text": text,
                    "ts": original["ts"], **changed},
    }
    return payload


def test_a_persons_edit_is_read_as_an_edit() -> None:
    event = message(_edit_of("my groin feels numb"))
    assert event is not None
    assert (event.text, event.edited) == ("my groin feels numb", True)


def test_the_bots_own_edits_are_not_turns() -> None:
    assert message(_edit_of("Pain now?", bot_id="B0BOT0001")) is None


def test_a_press_carries_choice_and_reply_token() -> None:
    payload = fixture("block_actions")
    payload["actions"][0]["value"] = '{"c":"08:00","t":"12"}'
    pressed = press(payload)

    assert pressed is not None
    assert (pressed.choice, pressed.token, pressed.in_dm) == ("08:00", "12", True)
    event = pressed.event(pressed.channel)
    assert event.event_id == "action:1772434801.000300:U0ALICE01"
    assert (event.choice, event.reply_token) == ("08:00", "12")


def test_a_button_value_this_app_did_not_make_is_ignored() -> None:
    payload = fixture("block_actions")
    payload["actions"][0]["value"] = "something else"
    assert press(payload) is None


def test_home_opened_on_the_messages_tab_is_ignored() -> None:
    payload = fixture("app_home_opened")
    assert home_opened(payload) == ("T0CLINIC1:U0ALICE01", "U0ALICE01")
    payload["event"]["tab"] = "messages"
    assert home_opened(payload) is None


def test_subcommands_become_the_conversations_own_commands() -> None:
    assert read_command("") == Command("say", "/menu")
    assert read_command("remind 08:30") == Command("say", "/remind 08:30")
    assert read_command("PAUSE 3") == Command("say", "/pause 3")
    assert read_command("clinic setup 09:00 Berlin") == Command(
        "clinic_setup", args=("09:00", "Berlin"), name="clinic setup")
    assert read_command("clinic off") == Command("clinic_off", name="clinic off")
    assert read_command("weather").kind == "usage"


def test_clinician_commands_are_read_and_export_is_the_clinics_only_in_a_channel() -> None:
    assert read_command("patients") == Command("clinic_patients", name="patients")
    assert read_command("patient 2") == Command("clinic_patient", args=("2",), name="patient")
    assert read_command("export", in_channel=True) == Command("clinic_export", name="export")
    assert read_command("export").kind != "clinic_export"  # in a DM: the person's own
    assert read_command("clinic export").kind == "clinic_export"  # anywhere: the clinic's


def test_mentions_in_a_command_are_kept_and_entities_unescaped() -> None:
    """Slack sends @person and #channel as ids and escapes & < > (should_escape)."""
    added = read_command("clinic clinicians add <@U0JORG001|jorg> <@U0MO00001>")
    invited = read_command("clinic invite Siobhán O'Neill &amp; co &lt;3")
    setup = read_command("clinic setup 09:30 details <#G0NTEAM01|physio-north-team>")

    assert added == Command("clinic_clinicians", args=(
        "add", "<@U0JORG001|jorg>", "<@U0MO00001>"), name="clinic clinicians")
    assert [mentioned_user(a) for a in added.args[1:]] == [("U0JORG001", "jorg"),
                                                           ("U0MO00001", "")]
    assert invited.args == ("Siobhán", "O'Neill", "&", "co", "<3")
    assert mentioned_channel(setup.args[-1]) == ("G0NTEAM01", "physio-north-team")
    assert mentioned_user("@jorg") is None


def test_long_text_is_split_into_sections_slack_accepts() -> None:
    _, blocks = render(OutgoingMessage("\n".join(["word " * 100] * 20)))

    assert len(blocks) > 1
    assert all(len(b["text"]["text"]) <= SECTION_LIMIT for b in blocks)


def test_an_alert_has_a_header_and_its_heading_in_the_fallback() -> None:
    fallback, blocks = render(OutgoingMessage("See a doctor today.", alert=Alert.SEE_DOCTOR))

    assert blocks[0]["type"] == "header"
    assert fallback.startswith("⚠️ Please see a doctor")


def test_answering_replaces_the_buttons_with_the_answer() -> None:
    _, blocks = render(OutgoingMessage("Ready?", choices=(Choice("yes", "Yes"),)))
    after = answered(blocks, "Yes")

    assert [b["type"] for b in after] == ["section", "context"]
    assert after[-1]["elements"][0]["text"] == "✅ Yes"
