"""Clinician commands: patients, one patient's history, the CSV export, for clinicians only.

Each clinic's physio set it up and is its clinician; Alice, Bob, Carol and
Dave are patients and members of the channels (which does not make anyone a
clinician: the role is checked, never membership).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.slack.events import read_button_value
from fakes.slack import FakeSlack
from fakes.slack_workspace import ALICE, BOB, CAROL, DAVE, SlackWorkspace, dm_of
from tests.stored import everything

NORTH, SOUTH = "C0PHYSIO1", "C0PHYSIO2"
PHYSIO_NORTH, PHYSIO_SOUTH = "U0PHYSNTH", "U0PHYSSTH"
MONDAY_10 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
TUESDAY_CALL = datetime(2026, 3, 3, 8, 30, tzinfo=UTC)  # 09:30 in Berlin


async def answer_call(slack: SlackWorkspace, user: str, channel: str, share: bool) -> None:
    """Press the channel's call button and answer the sharing question."""
    [call] = [p for p in slack.fake.posts(channel) if p.ts is not None and p.buttons()]
    choice = read_button_value(call.buttons()[0]["value"])
    assert choice is not None
    await slack.press(choice[0], user, post=call)
    await slack.press("yes" if share else "no", user)


async def ask(slack: SlackWorkspace, text: str, user: str, channel: str) -> str:
    """What the requester alone sees in answer to ``/sciatica text`` in ``channel``."""
    response = await slack.command(text, user, channel=channel, channel_name="physio")
    assert response.status_code == 200
    return response.text


@pytest.fixture
async def two_clinics(slack: SlackWorkspace, fake_slack: FakeSlack) -> SlackWorkspace:
    """North: Alice (checked in Monday 5→4) and Bob share, Dave does not; south: Carol shares.

    Each channel was set up by its physio; the patients are members too.
    """
    fake_slack.names.update({PHYSIO_NORTH: "Nora", PHYSIO_SOUTH: "Sam"})
    fake_slack.channel_members.update({NORTH: [PHYSIO_NORTH, ALICE, BOB, DAVE],
                                       SOUTH: [PHYSIO_SOUTH, CAROL]})
    for user in (ALICE, BOB, CAROL, DAVE):
        await slack.onboard(user)
    await slack.checkin(5, 4, ALICE)
    slack.clock.set(MONDAY_10)
    for channel, physio in ((NORTH, PHYSIO_NORTH), (SOUTH, PHYSIO_SOUTH)):
        await slack.command("clinic setup 09:30", physio, channel=channel, channel_name="physio")
    slack.clock.set(TUESDAY_CALL)
    await slack.worker.run_once()
    await answer_call(slack, ALICE, NORTH, share=True)
    await answer_call(slack, BOB, NORTH, share=True)
    await answer_call(slack, DAVE, NORTH, share=False)
    await answer_call(slack, CAROL, SOUTH, share=True)
    return slack


async def test_patients_lists_only_that_clinics_sharing_members(
        two_clinics: SlackWorkspace) -> None:
    answer = await ask(two_clinics, "patients", PHYSIO_NORTH, NORTH)

    assert "1. Alice: 1 of 14 days, pain (first check-in), last check-in Mon 2 Mar" in answer
    assert "2. Bob: 0 of 14 days" in answer
    for hidden in ("Dave", "Carol"):
        assert hidden not in answer


async def test_the_other_clinic_sees_only_its_own(two_clinics: SlackWorkspace) -> None:
    answer = await ask(two_clinics, "patients", PHYSIO_SOUTH, SOUTH)

    assert "1. Carol" in answer
    for hidden in ("Alice", "Bob", "Dave"):
        assert hidden not in answer


async def test_a_member_of_clinic_a_cannot_reach_clinic_b_from_its_channel(
        two_clinics: SlackWorkspace) -> None:
    answer = await ask(two_clinics, "patient Carol", PHYSIO_NORTH, NORTH)

    assert "couldn't find that patient" in answer


async def test_the_other_clinics_clinician_is_refused(two_clinics: SlackWorkspace) -> None:
    answer = await ask(two_clinics, "patients", PHYSIO_SOUTH, NORTH)

    assert answer.startswith("/sciatica patients is for the clinicians of #physio,")


async def test_a_patient_in_the_channel_is_refused(two_clinics: SlackWorkspace) -> None:
    answer = await ask(two_clinics, "patients", ALICE, NORTH)

    assert "is for the clinicians of" in answer
    assert "Bob" not in answer


async def test_a_clinician_asking_in_another_channel_gets_her_own_clinic(
        two_clinics: SlackWorkspace, fake_slack: FakeSlack) -> None:
    fake_slack.channel_members["C0RANDOM1"] = [PHYSIO_NORTH]
    answer = await ask(two_clinics, "patients", PHYSIO_NORTH, "C0RANDOM1")

    assert "1. Alice" in answer


async def test_one_patients_history_by_number(two_clinics: SlackWorkspace) -> None:
    answer = await ask(two_clinics, "patient 1", PHYSIO_NORTH, NORTH)

    assert answer.splitlines() == [
        "Recent check-ins of Alice (pain before → after, out of 10):",
        "Mon 2 Mar: 5 → 4",
    ]


async def test_export_arrives_as_a_csv_file_in_the_requesters_dm(
        two_clinics: SlackWorkspace, fake_slack: FakeSlack) -> None:
    answer = await ask(two_clinics, "export", PHYSIO_NORTH, NORTH)

    assert "direct messages" in answer
    (csv_file,) = fake_slack.files(dm_of(PHYSIO_NORTH))
    assert csv_file["name"].endswith(".csv")
    assert csv_file["data"].decode().splitlines() == [
        "patient,date,pain_before,pain_after,flare,reach", "Alice,2026-03-02,5,4,no,"]


async def test_export_puts_nothing_in_the_channel(two_clinics: SlackWorkspace,
                                                  fake_slack: FakeSlack) -> None:
    posts_before = len(fake_slack.posts(NORTH))
    await ask(two_clinics, "export", PHYSIO_NORTH, NORTH)

    assert len(fake_slack.posts(NORTH)) == posts_before
    assert fake_slack.files(NORTH) == []


async def test_export_is_refused_to_a_patient_and_sends_nothing(
        two_clinics: SlackWorkspace, fake_slack: FakeSlack) -> None:
    answer = await ask(two_clinics, "export", ALICE, NORTH)

    assert answer.startswith("/sciatica export is for the clinicians of #physio,")
    assert fake_slack.files() == []


async def test_export_is_written_in_the_audit_log_without_names(
        two_clinics: SlackWorkspace) -> None:
    await ask(two_clinics, "export", PHYSIO_NORTH, NORTH)

    exports = [r for r in everything(two_clinics.runtime.db)["audit_log"]
               if r["kind"] == "clinic_export"]
    assert [(r["user_id"], r["detail"]) for r in exports] == [
        (None, f"clinic 1: 1 check-in by slack:T0CLINIC1:{PHYSIO_NORTH}")]
    assert "Alice" not in exports[0]["detail"]


async def test_a_patient_on_another_platform_is_listed_by_the_invites_name(
        two_clinics: SlackWorkspace) -> None:
    anna = two_clinics.patient_elsewhere(NORTH, "Anna K.")
    anna.checkin(6, 4, "anna", go_on=True)

    answer = await ask(two_clinics, "patients", PHYSIO_NORTH, NORTH)
    history = await ask(two_clinics, "patient Anna K.", PHYSIO_NORTH, NORTH)

    assert "3. Anna K.: 1 of 14 days" in answer
    assert history.splitlines()[1:] == ["Tue 3 Mar: 6 → 4"]


async def test_export_waits_out_a_retry_after_and_still_arrives(
        two_clinics: SlackWorkspace, fake_slack: FakeSlack) -> None:
    fake_slack.fail("chat.postMessage", retry_after=1, channel=dm_of(PHYSIO_NORTH))

    await ask(two_clinics, "export", PHYSIO_NORTH, NORTH)

    (csv_file,) = fake_slack.files(dm_of(PHYSIO_NORTH))
    assert "Alice,2026-03-02,5,4,no," in csv_file["data"].decode()


async def test_a_patient_slack_cannot_name_is_listed_as_a_numbered_patient(
        two_clinics: SlackWorkspace, fake_slack: FakeSlack) -> None:
    fake_slack.fail("users.info", error="user_not_found", times=10)

    answer = await ask(two_clinics, "patients", PHYSIO_NORTH, NORTH)

    assert "1. Patient " in answer
    assert "<@" not in answer
    assert "&lt;@" not in answer


async def alice_checks_in_with_outcome_answers(slack: SlackWorkspace) -> None:
    """Tuesday: pain 4 reaching below the knee, spreading down with the press-ups."""
    await slack.command("checkin", ALICE)
    await slack.say("4", ALICE)
    await slack.press("below_knee", ALICE)
    await slack.press("no", ALICE)
    await slack.press("done", ALICE)
    assert any("Stop the press-ups" in c.args.get("text", "")
               for c in await slack.press("done_down", ALICE))
    await slack.press("done", ALICE)
    await slack.say("4", ALICE)


async def test_a_patients_history_shows_where_the_pain_reaches_and_the_press_ups_answer(
        two_clinics: SlackWorkspace) -> None:
    await alice_checks_in_with_outcome_answers(two_clinics)

    answer = await ask(two_clinics, "patient 1", PHYSIO_NORTH, NORTH)

    assert answer.splitlines() == [
        "Recent check-ins of Alice (pain before → after, out of 10):",
        "Tue 3 Mar: 4 → 4, reaches below the knee",
        "Mon 2 Mar: 5 → 4",
        "Outcome measures (first shared answer, then the latest; 0-10 unless said):",
        "- pain reached below the knee at the first shared check-in, below the knee at the "
        "latest",
        "- leg pain with the press-ups or knee hugs: moved up 0, no change 0, spread down 1 "
        "(sessions)",
    ]


async def test_the_export_adds_the_outcome_answers_as_a_second_file(
        two_clinics: SlackWorkspace, fake_slack: FakeSlack) -> None:
    await alice_checks_in_with_outcome_answers(two_clinics)

    await ask(two_clinics, "export", PHYSIO_NORTH, NORTH)

    check_ins, answers = fake_slack.files(dm_of(PHYSIO_NORTH))
    assert "Alice,2026-03-03,4,4,no,below_knee" in check_ins["data"].decode()
    assert answers["data"].decode().splitlines() == [
        "patient,date,measure,item,score,occasion",
        "Alice,2026-03-03,reach,,3,daily",
        "Alice,2026-03-03,movement,pressup_extension,1,daily",
    ]
