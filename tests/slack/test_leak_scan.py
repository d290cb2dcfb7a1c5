"""The leak scan finds leaks: planted ones through the real Slack sender, and none in a clean day.

The scan (``tests/slack/leaks.py``) runs after every Slack test; these show it
can fail. Each plants one leak the way the bot would post it, checks the scan
names it, and takes it back so the test itself ends clean.
"""

from __future__ import annotations

from core.messages import Alert, Document, OutgoingMessage
from fakes.slack_workspace import dm_of
from tests.slack import cast
from tests.slack.conftest import World
from tests.slack.leaks import leaks


def scan(world: World) -> list[str]:
    slack = world.slack
    return leaks(slack.runtime.db, slack.fake, slack.said, slack.answers)


PLANTED = [
    (cast.NORTH, OutgoingMessage("Checked in (1 of 2): Siobhán O'Neill ↓"),
     "Siobhán O'Neill with health words reached"),
    (cast.NORTH_TEAM, OutgoingMessage("Flare-ups: Zoë d'Arcy"),
     "Zoë d'Arcy with health words reached ['U0JORG001', 'U0NORA001']"),
    (dm_of(cast.MO), OutgoingMessage("Your check-in", documents=(Document(
        b"patient,date,pain_before\nAnna K.,2026-03-03,8\n", "x.csv", "export", "text/csv"),)),
     "file x.csv in D0MO00001: Anna K. with health words reached ['U0MO00001']"),
    (dm_of(cast.NORA), OutgoingMessage(cast.ANNA_EMERGENCY),
     "own words reached ['U0NORA001']"),
    (cast.SOUTH, OutgoingMessage("Someone needs care", alert=Alert.EMERGENCY),
     "chat.postMessage to C0SOUTH01: an alert reached ['U0MO00001', 'U0ZOE0001']"),
    (dm_of(cast.SIOBHAN), OutgoingMessage("Patient 2: 8 → 5"),
     "Patient 2 with health words reached ['U0SIOB001']"),
]


async def test_a_clean_day_has_no_leak_and_every_planted_leak_is_found(world: World) -> None:
    fake = world.slack.fake
    assert scan(world) == []
    for where, message, found in PLANTED:
        mark = fake.mark()
        await world.slack.platform.sender().post(where, message)
        try:
            assert any(found in leak for leak in scan(world)), (found, scan(world))
        finally:
            fake.rewind(mark)
        assert scan(world) == []
    world.slack.answers.append((cast.MO, "1. Siobhán O'Neill: 1 of 14 days, pain ↓"))
    try:
        assert scan(world) == [
            "answer to U0MO00001: Siobhán O'Neill with health words reached ['U0MO00001']: "
            "1. Siobhán O'Neill: 1 of 14 days, pain ↓"]
    finally:
        world.slack.answers.pop()
