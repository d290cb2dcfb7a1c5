"""The clinic summary's chart: uploaded after the summary, where it went, directions only.

Uses the day of tests/slack/test_clinic_channel.py: Alice checked in on
Monday before agreeing to share and again on Tuesday through the call;
Bob shares and had a flare; Carol shares and never checked in; Dave keeps
his check-ins private.
"""

from __future__ import annotations

import io

from PIL import Image as Picture

from fakes.slack import FakeSlack
from fakes.slack_workspace import SlackWorkspace, dm_of
from tests.slack.test_clinic_channel import (  # noqa: F401  (fixtures of that day)
    CHANNEL,
    PHYSIO,
    TUESDAY_CLOSE,
    members,
    physio_channel,
    tuesday_called,
    tuesday_done,
)


async def test_the_clinician_gets_the_chart_of_the_sharing_members(
        tuesday_done: SlackWorkspace, fake_slack: FakeSlack) -> None:  # noqa: F811
    slack = tuesday_done
    slack.clock.set(TUESDAY_CLOSE)

    await slack.worker.run_once()

    (chart,) = fake_slack.files(dm_of(PHYSIO))
    assert fake_slack.files(CHANNEL) == []
    picture = Picture.open(io.BytesIO(chart["data"]))
    assert picture.format == "PNG"
    assert picture.size[0] >= 1200  # three panels side by side
    assert chart["alt_txt"] == (
        "Pain direction at each shared check-in against the one before, no scores. "
        "Alice: 1 check-in, lower 0 times, higher 0 times, the same 0 times, 0 flare-ups, "
        "pain reaching the thigh; "
        "Bob: 1 check-in, lower 0 times, higher 0 times, the same 0 times, 1 flare-up, "
        "pain reaching below the knee; "
        "Carol: no shared check-ins."
    )


async def test_the_chart_is_uploaded_once_even_if_the_worker_runs_again(
        tuesday_done: SlackWorkspace, fake_slack: FakeSlack) -> None:  # noqa: F811
    slack = tuesday_done
    slack.clock.set(TUESDAY_CLOSE)
    await slack.worker.run_once()
    await slack.worker.run_once()

    assert len(fake_slack.files(dm_of(PHYSIO))) == 1
    assert "Dave" not in fake_slack.files(dm_of(PHYSIO))[0]["alt_txt"]
