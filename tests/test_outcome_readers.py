"""Reading the outcome answers as people type them (written before the readers).

Where the pain reaches, an activity in the person's words, a 0-10 rating and
the global change at the review.
"""

from __future__ import annotations

import pytest

from flows.outcomes_reading import read_activity, read_global_change, read_reach, read_score
from flows.spec import ANSWER, Answer, Unreadable


@pytest.mark.parametrize(
    ("text", "reach"),
    [
        ("back only", "back_only"), ("just my back", "back_only"),
        ("only in my lower back", "back_only"), ("lower back", "back_only"),
        ("it's only my back now", "back_only"), ("nothing in the leg, just the back", "back_only"),
        ("buttock", "buttock"), ("my bum", "buttock"), ("butt cheek", "buttock"),
        ("left buttock", "buttock"), ("in my glute", "buttock"), ("my backside", "buttock"),
        ("hip and buttock", "buttock"), ("Bottom", "buttock"),
        ("thigh", "thigh"), ("back of my thigh", "thigh"), ("down to the knee", "thigh"),
        ("to my knee", "thigh"), ("hamstring", "thigh"), ("upper leg", "thigh"),
        ("the back of the knee", "thigh"), ("top of my leg", "thigh"),
        ("calf", "below_knee"), ("down to my calf", "below_knee"), ("shin", "below_knee"),
        ("below the knee", "below_knee"), ("ankle", "below_knee"), ("lower leg", "below_knee"),
        ("to the ankle", "below_knee"), ("past the knee", "below_knee"),
        ("just under my knee", "below_knee"),
        ("foot", "foot"), ("into my foot", "foot"), ("toes", "foot"),
        ("all the way to my toes", "foot"), ("heel", "foot"), ("the sole of my foot", "foot"),
        ("from my bum right down to my foot", "foot"), ("all the way down", "foot"),
        ("down to my calf but not my foot", "below_knee"),
        ("thigh, not below the knee", "thigh"),
        ("skip", "skip"), ("not sure", "skip"), ("don't know", "skip"), ("pass", "skip"),
    ],
)
def test_where_the_pain_reaches_in_everyday_words(text: str, reach: str) -> None:
    assert read_reach(text) == Answer(reach)


@pytest.mark.parametrize("text", ["hmm", "it hurts", "my leg", "everywhere", "", "5"])
def test_unclear_reach_is_asked_again(text: str) -> None:
    assert not isinstance(read_reach(text), Answer)


@pytest.mark.parametrize(
    ("text", "score"),
    [("7", 7), ("7/10", 7), ("seven", 7), ("about 6", 6), ("maybe a 4", 4), ("10", 10),
     ("0", 0), ("a solid 8", 8), ("not great, maybe a 2", 2), ("8 out of 10", 8)],
)
def test_ratings(text: str, score: int) -> None:
    assert read_score(text) == Answer(ANSWER, score)


@pytest.mark.parametrize("text", ["12", "-3", "6 or 7"])
def test_a_rating_out_of_range_or_doubled_gets_a_hint(text: str) -> None:
    assert isinstance(read_score(text), Unreadable)


@pytest.mark.parametrize("text", ["no pain", "none", "nothing", "fine", "better"])
def test_words_that_are_not_a_rating_are_asked_again(text: str) -> None:
    """'No pain' is 0 for pain, but means nothing on a scale of how well one copes."""
    assert not isinstance(read_score(text), Answer)


@pytest.mark.parametrize(
    "text",
    ["walking the dog", "Sitting through a meeting", "picking up my son", "sleep",
     "gardening", "tying my shoelaces", "driving more than 30 minutes", "5-a-side football"],
)
def test_an_activity_is_taken_in_the_persons_words(text: str) -> None:
    assert read_activity(text) == Answer(ANSWER, text)


def test_an_activity_loses_stray_spaces_and_full_stops() -> None:
    assert read_activity("  walking the dog.  ") == Answer(ANSWER, "walking the dog")


@pytest.mark.parametrize(
    "text", ["no", "none", "nothing", "that's all", "nope", "no more", "that's it", "done",
             "skip", "no thanks", "n/a", "later", "not now", "Maybe later"])
def test_no_more_activities(text: str) -> None:
    assert read_activity(text) == Answer("no_more")


@pytest.mark.parametrize("text", ["5", "7/10", "x" * 81, "   ", "??"])
def test_not_an_activity(text: str) -> None:
    assert not isinstance(read_activity(text), Answer)


@pytest.mark.parametrize(
    "text", ["yes", "Yeah", "ok", "sure thing", "y", "idk", "dunno", "not sure", "hmm",
             "what do you mean?", "Yes there are loads", "like what?", "all of them really"])
def test_an_answer_that_names_no_activity_is_asked_again(text: str) -> None:
    """A yes or a shrug is not an activity: "How well can you manage yes now?" must not follow."""
    reading = read_activity(text)
    assert isinstance(reading, Unreadable)
    assert "few words" in reading.hint


@pytest.mark.parametrize(
    ("text", "change"),
    [("very much better", "very_much_better"), ("massively better", "very_much_better"),
     ("much better", "much_better"), ("a lot better", "much_better"),
     ("loads better", "much_better"), ("better", "little_better"),
     ("a bit better", "little_better"), ("slightly better", "little_better"),
     ("a little better", "little_better"),
     ("about the same", "no_change"), ("same", "no_change"), ("no different", "no_change"),
     ("no change", "no_change"),
     ("a bit worse", "little_worse"), ("slightly worse", "little_worse"),
     ("much worse", "much_worse"), ("a lot worse", "much_worse"),
     ("very much worse", "very_much_worse"), ("skip", "skip")],
)
def test_global_change_in_everyday_words(text: str, change: str) -> None:
    assert read_global_change(text) == Answer(change)


@pytest.mark.parametrize("text", ["worse", "hmm", "not sure what you mean", "7"])
def test_unclear_global_change_is_asked_again(text: str) -> None:
    assert not isinstance(read_global_change(text), Answer)
