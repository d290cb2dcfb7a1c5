"""The cauda equina detector: everyday phrasing triggers, denials do not."""

from __future__ import annotations

import pytest

from flows.emergency import describes_cauda_equina

REPORTS = [
    "I can't control my bladder",
    "I cant control my bladder anymore",
    "my groin feels numb",
    "numb down there when I wipe",
    "I wet myself",
    "I wet myself this morning and didn't notice",
    "I peed my pants without feeling it",
    "I've lost control of my bowels",
    "I can't hold my pee",
    "I couldn't start peeing this morning",
    "I can't pee",
    "I haven't peed since yesterday",
    "numbness in my inner thigh and groin",
    "tingling around my anus",
    "pins and needles between my legs",
    "no feeling in my genitals",
    "I can't feel anything when I wipe",
    "when I wipe it feels numb",
    "my saddle area is numb",
    "my privates feel numb",
    "bowel incontinence since Tuesday",
    "I've become incontinent",
    "I soiled myself",
    "I have bladder problems since the pain started",
    "Numbness in the perineum",
    "MY CROTCH IS NUMB",
    "I don't feel when I need to pee",
    "lost the urge to pee",
    "leaking urine",
    "No, I can't control my bladder",
    "no numbness down there but my groin feels numb now",
    "I'm fine otherwise, though my groin is numb",
]

DENIALS = [
    "no bladder problems",
    "No bladder or bowel problems",
    "I don't have any numbness in my groin",
    "I haven't wet myself",
    "my bladder is fine",
    "I can control my bladder fine",
    "no numbness down there",
    "not incontinent",
    "never had any bladder issues",
    "no tingling between my legs",
    "without any numbness in the saddle area",
    "nothing wrong with my bladder",
]

UNRELATED = [
    "my leg is numb",
    "numb toes",
    "tingling in my foot",
    "I need to pee",
    "my inner thigh hurts",
    "the pain goes down to my calf",
    "7",
    "yes",
    "I had an accident at work last year",
    "I couldn't sleep this week",
    "",
    "   ",
    "bladder",
]


@pytest.mark.parametrize("text", REPORTS)
def test_everyday_report_triggers(text: str) -> None:
    assert describes_cauda_equina(text)


@pytest.mark.parametrize("text", DENIALS)
def test_denial_does_not_trigger(text: str) -> None:
    assert not describes_cauda_equina(text)


@pytest.mark.parametrize("text", UNRELATED)
def test_unrelated_text_does_not_trigger(text: str) -> None:
    assert not describes_cauda_equina(text)
