"""Direct messages with the app, end to end: signed requests in, Web API calls out."""

from __future__ import annotations

from bot.slack.events import read_button_value
from fakes.slack import FakeSlack
from fakes.slack_workspace import ALICE, SlackWorkspace, dm_of


def choices(post_buttons: list[dict[str, str]]) -> list[str]:
    decoded = [read_button_value(b["value"]) for b in post_buttons]
    return [d[0] for d in decoded if d is not None]


async def test_first_message_gets_the_welcome_with_a_button(slack: SlackWorkspace) -> None:
    posts = await slack.say("hello")

    assert [p.args["channel"] for p in posts] == [dm_of(ALICE)]
    assert "not a doctor" in posts[0].text
    assert choices(posts[0].buttons()) == ["continue"]


async def test_onboarding_by_buttons_reaches_the_safety_questions(slack: SlackWorkspace) -> None:
    await slack.say("hello")
    consent = await slack.press("continue")
    assert choices(consent[-1].buttons()) == ["yes", "no"]
    timezone = await slack.press("yes")
    assert "time zone" in timezone[-1].text
    await slack.say("Europe/Berlin")
    screening = await slack.press("08:00")

    assert "09:00" not in screening[-1].text
    assert choices(screening[-1].buttons()) == ["yes", "no"]


async def test_a_pressed_question_is_updated_to_show_the_answer(
        slack: SlackWorkspace, fake_slack: FakeSlack) -> None:
    welcome = (await slack.say("hello"))[0]
    await slack.press("continue")

    [update] = fake_slack.of("chat.update")
    assert update.args["channel"] == dm_of(ALICE)
    assert update.args["ts"] == welcome.ts
    assert "✅ Let's start" in update.text
    assert update.buttons() == []


async def test_onboarded_person_does_a_checkin(onboarded_alice: SlackWorkspace) -> None:
    slack = onboarded_alice
    await slack.command("checkin")
    await slack.say("4")
    await slack.press("buttock")
    first = await slack.press("no")
    assert any("Hip" in p.text or "hip" in p.text for p in first)
    await slack.press("done")
    await slack.press("done")
    await slack.press("done")
    wrap_up = await slack.say("3")

    assert any("streak" in p.text.lower() for p in wrap_up)


async def test_emergency_text_mid_checkin_gets_a_prominent_alert(
        onboarded_alice: SlackWorkspace) -> None:
    slack = onboarded_alice
    await slack.command("checkin")
    await slack.say("5")
    posts = await slack.say("I can't control my bladder since this morning")

    alert = posts[0]
    header = alert.blocks()[0]
    assert header["type"] == "header"
    assert "Emergency" in header["text"]["text"]
    assert "EMERGENCY DEPARTMENT" in alert.text


async def test_a_stale_button_is_ignored(onboarded_alice: SlackWorkspace,
                                         fake_slack: FakeSlack) -> None:
    slack = onboarded_alice
    await slack.command("checkin")
    await slack.say("4")
    await slack.say("just my back")
    safety_question = slack.last_question(dm_of(ALICE))
    await slack.press("no")
    replies = await slack.press("no", post=safety_question)

    assert "earlier question" in replies[0].text


async def test_a_stale_button_loses_its_buttons_without_showing_an_answer(
        onboarded_alice: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = onboarded_alice
    await slack.command("checkin")
    await slack.say("4")
    await slack.say("just my back")
    safety_question = slack.last_question(dm_of(ALICE))
    await slack.say("no")  # typed, so the buttons stayed
    await slack.press("no", post=safety_question)

    [update] = [u for u in fake_slack.of("chat.update") if u.args["ts"] == safety_question.ts]
    assert update.buttons() == []
    assert "✅" not in update.text


async def test_a_press_is_taken_when_slack_cannot_say_whose_dm_it_is(
        slack: SlackWorkspace, fake_slack: FakeSlack) -> None:
    await slack.say("hello")
    fake_slack.fail("conversations.open", error="internal_error", status=500)

    consent = await slack.press("continue")

    assert choices(consent[-1].buttons()) == ["yes", "no"]


async def test_slash_command_in_a_channel_answers_in_the_dm(
        onboarded_alice: SlackWorkspace, fake_slack: FakeSlack) -> None:
    slack = onboarded_alice
    before = len(fake_slack.posts(dm_of(ALICE)))
    response = await slack.command("tips", channel="C0RANDOM01", channel_name="random")

    assert response.status_code == 200
    assert "direct messages" in response.text
    assert fake_slack.posts("C0RANDOM01") == []
    assert "ice" in "\n".join(p.text for p in fake_slack.posts(dm_of(ALICE))[before:]).lower()


async def test_unknown_subcommand_shows_the_usage(slack: SlackWorkspace,
                                                  fake_slack: FakeSlack) -> None:
    response = await slack.command("dance")

    assert "Usage: /sciatica" in response.text
    assert fake_slack.posts() == []


async def test_remind_subcommand_sets_the_reminder_time(onboarded_alice: SlackWorkspace,
                                                        fake_slack: FakeSlack) -> None:
    slack = onboarded_alice
    before = len(fake_slack.posts(dm_of(ALICE)))
    await slack.command("remind 07:15")

    assert "07:15" in fake_slack.posts(dm_of(ALICE))[before].text
