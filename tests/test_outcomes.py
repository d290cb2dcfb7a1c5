"""The outcome questions on the real engine and database (PROTOCOL.md section 5).

The transcripts (``tests/transcripts/outcomes_*.txt``) tell the stories; these
pin down what a transcript cannot show: taps counted, rows stored, encryption,
erasure.
"""

from __future__ import annotations

from sqlalchemy import select, text

from fakes.harness import ChatHarness
from storage.crypto import PREFIX
from storage.tables import activities, outcome_scores
from tests.stored import everything

#: Answers an ordinary check-in took before the outcome questions: pain, the safety
#: question, three exercises, pain after (PROTOCOL.md section 4).
ANSWERS_BEFORE = 6


def scores(bot: ChatHarness) -> list[tuple[str, str, int, str]]:
    with bot.db.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(  # type: ignore[misc]
            select(outcome_scores.c.measure, outcome_scores.c.item, outcome_scores.c.score,
                   outcome_scores.c.occasion).order_by(outcome_scores.c.id))]


def test_an_ordinary_day_costs_one_answer_more_than_before(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.checkin(3, 3, weekly=["skip_rest"])  # day 1 brings the first weekly questions
    bot.advance(days=1)
    answers = [bot.say("/checkin")]  # the command itself is not an answer
    for step in (lambda: bot.say("3"), lambda: bot.press("thigh"), lambda: bot.press("no"),
                 lambda: bot.press("done"), lambda: bot.press("done_up"),
                 lambda: bot.press("done"), lambda: bot.say("3")):
        answers.append(step())
    assert len(answers) - 1 == ANSWERS_BEFORE + 1
    assert bot.position() == "menu.idle"
    assert [s[:3] for s in scores(bot)][-2:] == [("reach", "", 2),
                                                 ("movement", "pressup_extension", -1)]


def test_each_answer_is_stored_with_its_turn_and_a_redelivery_adds_nothing(
        onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.say("/checkin")
    bot.say("4")
    event = bot.event("alice", choice="below_knee", token=bot.last["alice"].token)
    bot.send_event(event)
    assert scores(bot) == [("reach", "", 3, "daily")]
    before = everything(bot.db)
    assert not bot.send_event(event)
    assert everything(bot.db) == before


def test_activities_are_kept_in_the_persons_words_and_encrypted_at_rest(
        encryption_key: str, bot: ChatHarness) -> None:
    bot.onboard(activities=[("Walking the dog", 3), ("sitting through a meeting", None)])
    with bot.db.engine.connect() as connection:
        named = connection.execute(select(activities.c.slot, activities.c.name)).all()
        raw = connection.execute(text("SELECT name FROM functional_activities")).scalars().all()
    assert [tuple(r) for r in named] == [(1, "Walking the dog"), (2, "sitting through a meeting")]
    assert all(r.startswith(PREFIX) and "dog" not in r for r in raw)
    assert scores(bot) == [("psfs", "1", 3, "setup")]
    assert bot.context().outcomes.activities == ["Walking the dog", "sitting through a meeting"]


def test_a_restart_keeps_the_activities_and_does_not_ask_again(bot: ChatHarness) -> None:
    bot.onboard(activities=[("gardening", 4)])
    bot.say("/restart")
    bot.press("yes")
    bot.press("continue")
    bot.press("yes")
    bot.say("Europe/Berlin")
    bot.say("09:00")
    for _question in range(9):
        bot.press("no")
    bot.say("45")
    bot.press("yes")
    shown = bot.press("no")
    assert shown.choices == ["start", "later"]
    assert bot.context().outcomes.activities == ["gardening"]


def test_erasing_removes_every_outcome_answer_and_activity(onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    bot.checkin(4, 4, reach="foot", movement="done_down", weekly=["5", "5", "5", "5"])
    assert scores(bot)
    bot.say("/delete")
    bot.press("erase")
    assert everything(bot.db)["outcome_scores"] == []
    assert everything(bot.db)["functional_activities"] == []


def test_the_weekly_questions_come_again_a_week_later_not_sooner(
        onboarded_bot: ChatHarness) -> None:
    bot = onboarded_bot
    assert bot.checkin(3, 3, weekly=[]).has("past week")
    for _day in range(6):
        bot.advance(days=1)
        assert not bot.checkin(3, 3).has("past week")
    bot.advance(days=1)
    assert bot.checkin(3, 3, weekly=[]).has("past week")
