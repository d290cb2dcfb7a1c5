"""Charts and files in Slack: /sciatica progress uploads the chart, export two files, delete.

The real app behind signed requests; uploads go through slack_sdk's
files_upload_v2 (get an upload URL, POST the bytes, complete the upload)
against the fake Web API on 127.0.0.1.
"""

from __future__ import annotations

import io
import json
from datetime import timedelta

from PIL import Image as Picture

from fakes.slack_workspace import ALICE, BOB, SlackWorkspace, dm_of
from flows import texts
from tests.stored import traces, user_id_of


async def test_progress_posts_the_summary_then_uploads_the_chart_with_alt_text(
        onboarded_alice: SlackWorkspace) -> None:
    slack = onboarded_alice
    for before, after in ((5, 4), (4, 3)):
        slack.clock.advance(timedelta(days=1))
        await slack.checkin(before, after)
    posted = len(slack.fake.posts(dm_of(ALICE)))

    await slack.command("progress")

    summary = slack.fake.posts(dm_of(ALICE))[posted]
    assert "Check-ins: 2" in summary.text
    (chart,) = slack.fake.files(dm_of(ALICE))
    assert chart["alt_txt"].startswith(
        "Leg pain at 2 check-ins, from day 1 to day 2 of the programme")
    assert chart["name"].endswith(".png")
    picture = Picture.open(io.BytesIO(chart["data"]))
    assert (picture.format, picture.size) == ("PNG", (1000, 880))


async def test_export_uploads_a_summary_page_a_csv_and_the_json_to_the_dm(
        onboarded_alice: SlackWorkspace) -> None:
    slack = onboarded_alice
    await slack.checkin(5, 4)
    posted = len(slack.fake.posts(dm_of(ALICE)))

    await slack.command("export")

    assert texts.data.EXPORT_READY in slack.fake.posts(dm_of(ALICE))[posted].text
    page, checkins, everything = slack.fake.files(dm_of(ALICE))
    assert [f["name"].rsplit(".", 1)[1] for f in (page, checkins, everything)] == [
        "html", "csv", "json"]
    assert "<h2>Check-ins</h2>" in page["data"].decode()
    assert checkins["data"].decode("utf-8-sig").splitlines()[1].split(",")[3:5] == ["5", "4"]
    (identity,) = json.loads(everything["data"])["tables"]["identities"]
    assert identity["platform_user"].endswith(ALICE)


async def test_delete_confirmed_by_button_leaves_nothing_of_the_person(
        onboarded_alice: SlackWorkspace) -> None:
    slack = onboarded_alice
    await slack.onboard(BOB)
    await slack.checkin(5, 4)
    user_id = user_id_of(slack.runtime.db, "slack", f"T0CLINIC1:{ALICE}")
    await slack.command("delete")

    done = await slack.press("erase")

    assert texts.data.ERASED in done[-1].text
    assert traces(slack.runtime.db, user_id, [ALICE, dm_of(ALICE)]) == {}
    assert traces(slack.runtime.db, -1, [BOB]) != {}


async def test_delete_cancelled_keeps_the_person(onboarded_alice: SlackWorkspace) -> None:
    slack = onboarded_alice
    await slack.command("delete")

    kept = await slack.press("keep")

    assert texts.data.KEPT in kept[0].text
    assert user_id_of(slack.runtime.db, "slack", f"T0CLINIC1:{ALICE}") > 0
