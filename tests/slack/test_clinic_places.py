"""Two audiences, two places: named details only where only clinicians are.

North keeps them in its private channel #physio-north-team, South in each
clinician's direct messages; #physio-north and #physio-south (where patients
are) only get the call. The leak scan (``tests/slack/leaks.py``) checks every
test here as well.
"""

from __future__ import annotations

from fakes.slack import Call, FakeSlack
from fakes.slack_workspace import SlackWorkspace, dm_of
from flows import texts
from storage.outbox import unsent
from tests.slack import cast
from tests.slack.conftest import (
    MONDAY_10,
    TUESDAY_CALL,
    TUESDAY_CLOSE,
    World,
    answer_call,
    ask,
)
from tests.stored import everything


def accepted(fake: FakeSlack, channel: str) -> list[Call]:
    return [p for p in fake.posts(channel) if p.ts is not None]


async def test_annas_emergency_reaches_the_clinicians_channel_only(world: World) -> None:
    fake = world.slack.fake
    [alert] = [p for p in accepted(fake, cast.NORTH_TEAM) if "🚨" in p.text]

    assert "Anna K. (#physio-north) reported warning signs" in alert.text
    assert "Patient alert: emergency department advised" in alert.text
    assert "Emergency: act now" not in alert.text
    assert [p for p in accepted(fake, cast.NORTH) if "🚨" in p.text] == []


async def test_the_summary_and_chart_reach_each_clinics_own_place(world: World) -> None:
    slack, fake = world.slack, world.slack.fake
    slack.clock.set(TUESDAY_CLOSE)
    await slack.worker.run_once()

    [north] = [p for p in accepted(fake, cast.NORTH_TEAM) if "check-ins for" in p.text]
    assert north.text.splitlines()[:3] == [
        "#physio-north: check-ins for Tuesday 3 March (closed 21:30)",
        "Checked in (2 of 3): Siobhán O'Neill (first check-in), Łukasz W. (first check-in)",
        "Missed (1): Anna K.",
    ]
    [south] = [p for p in accepted(fake, dm_of(cast.SAM)) if "check-ins for" in p.text]
    assert "Flare-ups: Zoë d'Arcy" in south.text
    assert [f["name"] for f in fake.files(cast.NORTH_TEAM)] == ["chart.png"]
    assert [f["name"] for f in fake.files(dm_of(cast.SAM))] == ["chart.png"]
    for patients_channel in (cast.NORTH, cast.SOUTH):
        assert [p.text for p in accepted(fake, patients_channel) if not p.buttons()] == [
            p.text for p in accepted(fake, patients_channel)
            if "Daily check-ins are set up" in p.text]
        assert fake.files(patients_channel) == []


async def test_the_consent_question_names_who_will_see_it_and_where(world: World) -> None:
    fake = world.slack.fake
    north = next(p.text for p in fake.posts(dm_of(cast.SIOBHAN)) if "Who would see it" in p.text)
    south = next(p.text for p in fake.posts(dm_of(cast.ZOE)) if "Who would see it" in p.text)
    invited = world.lukasz.say("/sharing", cast.LUKASZ)

    assert ("Who would see it: Dr. Nora O'Brien and Jörg Müller-Lüdenscheidt, the clinicians "
            "of #physio-north. They read it in their private channel #physio-north-team, "
            "where only they are.") in north
    assert "Nobody else: #physio-north itself only shows the daily call" in north
    assert ("Who would see it: Sam Ó Dálaigh, the clinicians of #physio-south. Each of them "
            "reads it in their own direct messages with me.") in south
    assert invited.has("#physio-north")


async def test_a_new_clinician_is_announced_to_every_sharing_patient(world: World) -> None:
    slack = world.slack
    answer = await ask(slack, f"clinic clinicians add <@{cast.MO}|mo>", cast.JORG,
                       cast.NORTH_TEAM)
    await slack.worker.run_once()

    assert "Mo Ibrahim is now a clinician of #physio-north" in answer
    for patient in (cast.SIOBHAN, cast.ANNA):
        assert any("#physio-north added a clinician: Mo Ibrahim." in p.text
                   for p in slack.fake.posts(dm_of(patient)))
    assert not any("added a clinician" in p.text for p in slack.fake.posts(dm_of(cast.ZOE)))
    told = [q.message.text for q in unsent(slack.runtime.db, "test", f"chat-{cast.LUKASZ}")]
    assert [t for t in told if "added a clinician" in t] == [
        texts.clinic.NEW_CLINICIAN.format(clinic="#physio-north", name="Mo Ibrahim")]


async def test_a_stranger_in_the_clinicians_channel_sends_named_details_to_their_dms(
        slack: SlackWorkspace, fake_slack: FakeSlack) -> None:
    """#physio-north-team holds Mo, who is no clinician: Siobhán's alert goes to Nora's DM."""
    fake_slack.names.update(cast.NAMES)
    fake_slack.channel_members.update({cast.NORTH: [cast.NORA, cast.SIOBHAN],
                                       cast.NORTH_TEAM: [cast.NORA, cast.MO]})
    fake_slack.channel_names.update({cast.NORTH: "physio-north", cast.NORTH_TEAM: "physio-team"})
    await slack.onboard(cast.SIOBHAN)
    slack.clock.set(MONDAY_10)
    answer = await ask(slack, f"clinic setup 09:30 details <#{cast.NORTH_TEAM}|physio-team>",
                       cast.NORA, cast.NORTH)
    slack.clock.set(TUESDAY_CALL)
    await slack.worker.run_once()
    await answer_call(slack, cast.SIOBHAN, cast.NORTH, share=True)
    await slack.say("I can't control my bladder since this morning", cast.SIOBHAN)
    await slack.worker.run_once()

    assert "#physio-team has members who are not clinicians of #physio-north yet (1)" in answer
    assert [p for p in accepted(fake_slack, cast.NORTH_TEAM) if "Siobhán" in p.text] == []
    [alert] = [p for p in accepted(fake_slack, dm_of(cast.NORA)) if "🚨" in p.text]
    assert "Siobhán O'Neill (#physio-north) reported warning signs" in alert.text
    assert "#physio-team has members who are not #physio-north's clinicians" in alert.text


async def test_named_details_in_a_public_channel_are_refused_with_the_reason(
        world: World) -> None:
    slack = world.slack
    before = clinics_row(world)
    answers = [await ask(slack, f"clinic setup 09:30 details <#{cast.LOBBY}|general>",
                         cast.NORA, cast.NORTH),
               await ask(slack, "clinic setup 09:30 details here", cast.NORA, cast.NORTH)]

    assert answers[0].startswith("#general is a public channel: anyone in the workspace can "
                                 "read it, so I won't post patients' names, scores or alerts")
    assert answers[1].startswith("#physio-north is a public channel")
    assert clinics_row(world) == before


async def test_a_channel_the_app_cannot_see_or_another_clinics_is_refused(world: World) -> None:
    slack, fake = world.slack, world.slack.fake
    fake.private.add("G0HIDDEN1")
    fake.outside.add("G0HIDDEN1")
    hidden = await ask(slack, "clinic setup details <#G0HIDDEN1|>", cast.SAM, cast.SOUTH)
    taken = await ask(slack, f"clinic setup details <#{cast.NORTH_TEAM}|physio-north-team>",
                      cast.SAM, cast.SOUTH)
    typed_there = await ask(slack, "clinic setup 10:00", cast.NORA, cast.NORTH_TEAM)

    assert "I can't see that channel" in hidden
    assert "already belongs to another clinic" in taken
    assert "This is the private channel where #physio-north's clinicians" in typed_there


def clinics_row(world: World) -> list[dict[str, object]]:
    return everything(world.slack.runtime.db)["clinics"]
