"""Slack people are told commands that work in Slack: ``/sciatica checkin``, never ``/checkin``.

Slack keeps a leading "/" for its own commands, so ``/checkin`` typed in the
app's messages is "not a valid command" there. Real slack-bolt, signed
requests, the fake Web API.
"""

from __future__ import annotations

from fakes.slack_workspace import ALICE, SlackWorkspace, dm_of
from flows.commands import unspelled


async def test_every_message_of_a_first_hour_names_commands_the_slack_way(
        slack: SlackWorkspace) -> None:
    await slack.onboard()
    for typed in ("help", "my progress", "stop reminders", "resume", "tips", "export"):
        await slack.say(typed)
    await slack.checkin(5, 4)
    await slack.command("progress")
    await slack.command("delete")

    posts = slack.fake.posts(dm_of(ALICE))
    shown = "\n".join(post.text for post in posts)
    assert "/sciatica checkin" in shown  # help lists it
    assert "/sciatica resume" in shown
    assert "/sciatica export and /sciatica delete" in shown  # the consent question
    assert [(post.text[:60], unspelled(post.text)) for post in posts
            if unspelled(post.text)] == []


async def test_plain_words_work_as_commands_in_the_app_s_messages(
        slack: SlackWorkspace) -> None:
    await slack.onboard()

    asked = await slack.say("delete")

    assert "cannot be undone" in asked[-1].text


async def test_a_mistyped_subcommand_gets_the_nearest_one_spelled_for_slack(
        slack: SlackWorkspace) -> None:
    await slack.onboard()

    response = await slack.command("chekin")

    answer = response.text
    assert "Did you mean /sciatica checkin?" in answer


async def test_quiet_hours_and_days_work_as_subcommands(slack: SlackWorkspace) -> None:
    await slack.onboard()
    before = len(slack.fake.posts(dm_of(ALICE)))

    await slack.command("quiet 22:00-07:00")
    await slack.command("days mon-fri")

    shown = "\n".join(p.text for p in slack.fake.posts(dm_of(ALICE))[before:])
    assert "no reminders between 22:00 and 07:00" in shown
    assert "Monday, Tuesday, Wednesday, Thursday, Friday" in shown
