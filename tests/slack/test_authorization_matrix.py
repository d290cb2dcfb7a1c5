"""The authorization matrix: every clinician command and clinic button, by everyone who might try.

Actors (``tests/slack/cast.py``): North's clinician Nora, North's patient
Siobhán, Mo (in #physio-north, not a patient), South's clinician Sam (also in
#physio-north) and Łukasz (North's patient on another platform, by invite).
Each command is typed in #physio-north (Łukasz types it in his own chat);
each answer is checked, with the audit line it wrote, and for a refusal that
nothing else changed and nothing was posted anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from bot.slack.events import PLATFORM
from fakes.slack import TEAM
from fakes.slack_workspace import dm_of
from flows import texts
from storage.tables import identities
from tests.slack import cast
from tests.slack.conftest import World, ask, call_choice, the_call
from tests.stored import everything, user_id_of

CLINIC_TABLES = ("clinics", "clinicians", "clinic_members", "clinic_invites", "clinic_rounds",
                 "clinic_alerts")


@dataclass(frozen=True)
class Allowed:
    """What the clinician sees (a fragment) and the audit line it writes (kind, detail start)."""

    answer: str
    kind: str
    detail: str


NORA = f"slack:{TEAM}:{cast.NORA}"
#: The clinician's column, in the order she types them (changes last).
FOR_THE_CLINICIAN = {
    "patients": Allowed("1. Siobhán O'Neill: 1 of 14 days", "clinic_viewed",
                        f"clinic 1: patients by {NORA}"),
    "patient 1": Allowed("Recent check-ins of Siobhán O'Neill", "clinic_viewed",
                         "clinic 1: patient "),
    "patient Siobhán O'Neill": Allowed("Tue 3 Mar: 6 → 3", "clinic_viewed", "clinic 1: patient "),
    "export": Allowed(texts.clinic_reports.EXPORT_COMING, "clinic_export",
                      f"clinic 1: 2 check-ins by {NORA}"),
    "clinic export": Allowed(texts.clinic_reports.EXPORT_COMING, "clinic_export",
                             f"clinic 1: 2 check-ins by {NORA}"),
    "clinic invite Łukasz W.": Allowed("/sciatica join ", "clinic_invite",
                                       f"clinic 1: invite created by {NORA}"),
    "clinic clinicians list": Allowed("2. Jörg Müller-Lüdenscheidt, since Mon 2 Mar",
                                      "clinic_viewed", f"clinic 1: clinicians by {NORA}"),
    f"clinic clinicians add <@{cast.MO}|mo>": Allowed(
        "Mo Ibrahim is now a clinician of #physio-north", "clinician_added",
        f"clinic 1: slack:{TEAM}:{cast.MO} by {NORA}"),
    f"clinic clinicians remove <@{cast.JORG}|jorg>": Allowed(
        "Jörg Müller-Lüdenscheidt is no longer a clinician", "clinician_removed",
        f"clinic 1: slack:{TEAM}:{cast.JORG} by {NORA}"),
    "clinic settings": Allowed("a call every day at 09:30 (Europe/Berlin)", "clinic_viewed",
                               f"clinic 1: settings by {NORA}"),
    "clinic setup 08:00": Allowed("#physio-north has its new settings", "clinic_changed",
                                  "clinic 1: 08:00 Europe/Berlin 12h, details to G0NTEAM01"),
    "clinic off": Allowed("Daily check-in calls are off for #physio-north", "clinic_off",
                          f"clinic 1 by {NORA}"),
}
assert list(FOR_THE_CLINICIAN) == cast.CLINICIAN_COMMANDS


def on_telegram(command: str) -> str:
    """How Łukasz types a clinician's command in his chat (``/export`` is his own data)."""
    return "/clinic export" if command == "export" else f"/{command}"


def words(command: str) -> str:
    """The command's name as refusals say it (no arguments)."""
    first, _, rest = command.partition(" ")
    if first == "clinic":
        return f"clinic {rest.split()[0]}"
    return first


def audit_lines(world: World) -> list[dict[str, Any]]:
    return everything(world.slack.runtime.db)["audit_log"]


def clinic_rows(world: World) -> dict[str, Any]:
    rows = everything(world.slack.runtime.db)
    return {table: rows[table] for table in CLINIC_TABLES}


def user_of(world: World, user: str) -> int | None:
    """The ``users.id`` of a Slack user, or ``None`` for someone who never talked to the bot."""
    with world.slack.runtime.db.engine.connect() as connection:
        value = connection.execute(
            select(identities.c.user_id).where(identities.c.platform == PLATFORM,
                                               identities.c.platform_user == f"{TEAM}:{user}")
        ).scalar_one_or_none()
    return int(value) if value is not None else None


async def test_the_clinician_may_run_every_clinician_command(world: World) -> None:
    slack = world.slack
    for command, allowed in FOR_THE_CLINICIAN.items():
        before = len(audit_lines(world))
        answer = await ask(slack, command, cast.NORA, cast.NORTH)
        new = audit_lines(world)[before:]

        assert allowed.answer in answer, (command, answer)
        assert [(line["kind"], line["detail"].startswith(allowed.detail)) for line in new
                if line["kind"] != "data_exported"] == [(allowed.kind, True)], (command, new)
        assert "Siobhán" not in str(new)


async def test_the_clinicians_export_reaches_her_dm_alone(world: World) -> None:
    slack = world.slack
    await ask(slack, "export", cast.NORA, cast.NORTH)
    await slack.worker.run_once()

    checkins, answers = slack.fake.files(dm_of(cast.NORA))
    rows = checkins["data"].decode().splitlines()
    assert rows[0] == "patient,date,pain_before,pain_after,flare,reach"
    assert sorted(rows[1:]) == ["Siobhán O'Neill,2026-03-03,6,3,no,thigh",
                                "Łukasz W.,2026-03-03,8,5,no,"]
    answered = answers["data"].decode().splitlines()
    assert answered[0] == "patient,date,measure,item,score,occasion"
    assert all(row.startswith(("Siobhán O'Neill,", "Łukasz W.,")) for row in answered[1:])
    assert any(row.startswith("Siobhán O'Neill,2026-03-03,reach,") for row in answered[1:])


@pytest.mark.parametrize("actor", ["patient of this clinic", "channel member who is not a patient",
                                   "clinician of another clinic"])
async def test_everyone_else_on_slack_is_refused_every_clinician_command(
        world: World, actor: str) -> None:
    slack = world.slack
    user, may = cast.ACTORS[actor]
    assert not may
    expected_user_id = user_of(world, user)
    posts_before = len(slack.fake.calls)
    files_before = len(slack.fake.files())
    rows_before = clinic_rows(world)
    for command in cast.CLINICIAN_COMMANDS:
        before = len(audit_lines(world))
        answer = await ask(slack, command, user, cast.NORTH)
        new = audit_lines(world)[before:]

        assert answer == texts.clinic_reports.NOT_A_CLINICIAN.format(
            command=words(command), clinic="#physio-north"), (command, answer)
        assert [(line["kind"], line["detail"], line["user_id"]) for line in new] == [
            ("clinician_refused", f"clinic {world.north}: {words(command)} by slack:{TEAM}:{user}",
             expected_user_id)], command
    await slack.worker.run_once()
    assert clinic_rows(world) == rows_before
    assert [c.method for c in slack.fake.calls[posts_before:]
            if c.method not in ("users.info", "conversations.info")] == []
    assert len(slack.fake.files()) == files_before


async def test_the_telegram_patient_is_refused_every_clinician_command(world: World) -> None:
    slack, lukasz = world.slack, world.lukasz
    lukasz_id = user_id_of(slack.runtime.db, "test", cast.LUKASZ)
    rows_before = clinic_rows(world)
    posts_before = len(slack.fake.calls)
    for command in cast.CLINICIAN_COMMANDS:
        before = len(audit_lines(world))
        replies = lukasz.say(on_telegram(command), cast.LUKASZ)
        new = audit_lines(world)[before:]

        assert replies.has(texts.clinic.CLINICIAN_ONLY_HERE), (command, replies.text)
        for private in ("Siobhán", "Anna", "Zoë", "6 → 3", "/sciatica join"):
            assert private not in replies.text
        assert [(line["kind"], line["detail"], line["user_id"]) for line in new] == [
            ("clinician_refused",
             f"no clinic: {words(on_telegram(command)[1:])} typed in a chat", lukasz_id)]
    assert clinic_rows(world) == rows_before
    assert slack.fake.calls[posts_before:] == []


async def test_a_refused_clinician_command_typed_in_a_dm_is_refused_and_audited(
        world: World) -> None:
    answer = await ask(world.slack, "patients", cast.SIOBHAN, dm_of(cast.SIOBHAN))

    assert answer == texts.clinic_reports.NOT_A_CLINICIAN_ANYWHERE.format(command="patients")
    [line] = audit_lines(world)[-1:]
    assert line["detail"] == f"no clinic: patients by slack:{TEAM}:{cast.SIOBHAN}"


async def test_the_clinician_may_ask_in_her_dm_with_the_app(world: World) -> None:
    answer = await ask(world.slack, "patients", cast.NORA, dm_of(cast.NORA))

    assert "1. Siobhán O'Neill" in answer


# --- clinic buttons -----------------------------------------------------------------------


ON_SLACK = ("clinician", "patient of this clinic", "channel member who is not a patient",
            "clinician of another clinic")


async def test_the_call_button_opens_only_the_pressers_own_check_in(world: World) -> None:
    """Anyone who sees the call may check in privately; it shows nothing of anyone else."""
    slack = world.slack
    call = the_call(slack.fake, cast.NORTH)
    for actor in ON_SLACK:
        user, _clinician = cast.ACTORS[actor]
        others_before = [len(slack.fake.posts(c)) for c in (cast.NORTH, cast.NORTH_TEAM)]

        in_dm = await slack.press(call_choice(call), user, post=call)
        if actor != "patient of this clinic":  # the others are asked first
            assert "Who would see it: Dr. Nora O'Brien" in in_dm[-1].text, actor
            await slack.press("yes", user)

        assert [len(slack.fake.posts(c)) for c in (cast.NORTH, cast.NORTH_TEAM)
                ] == others_before, actor
        shown = "\n".join(p.text for p in slack.fake.posts(dm_of(user)))
        for someone in ("Anna K.", "Zoë", "Łukasz"):
            assert someone not in shown, actor
        sharing = [line["detail"] for line in audit_lines(world)
                   if line["kind"] == "sharing_given" and line["user_id"] == user_of(world, user)]
        assert sharing == [f"clinic {world.north}"], actor


async def test_the_call_button_carried_into_another_channel_is_refused_and_audited(
        world: World) -> None:
    slack = world.slack
    call = the_call(slack.fake, cast.NORTH)
    rows_before = clinic_rows(world)
    for actor in ON_SLACK:
        user, _clinician = cast.ACTORS[actor]
        payload = slack.action_payload(call, call_choice(call), user)
        payload["container"]["channel_id"] = payload["channel"]["id"] = cast.SOUTH
        dm_before = len(slack.fake.posts(dm_of(user)))

        response = await slack.send_action(payload)

        assert response.status_code == 200
        assert len(slack.fake.posts(dm_of(user))) == dm_before, actor
        line = audit_lines(world)[-1]
        assert (line["kind"], line["detail"], line["user_id"]) == (
            "clinic_button_refused",
            f"clinic {world.north}: call pressed in {cast.SOUTH} by slack:{TEAM}:{user}",
            user_of(world, user))
    assert clinic_rows(world) == rows_before


async def test_a_stop_sharing_switch_changes_only_the_pressers_own_sharing(world: World) -> None:
    slack = world.slack
    await slack.command("sharing", cast.SIOBHAN)
    await slack.press(f"stop:{world.north}", cast.SIOBHAN)

    line = audit_lines(world)[-1]
    assert (line["kind"], line["detail"], line["user_id"]) == (
        "sharing_withdrawn", f"clinic {world.north}", user_of(world, cast.SIOBHAN))
    answer = await ask(slack, "patients", cast.NORA, cast.NORTH)
    assert "Siobhán" not in answer
    assert "Anna K." in answer

