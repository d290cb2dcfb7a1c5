"""Sentences for the composable concepts, written before they were built.

Written by the second detector engineer on 2026-12-03, from PROTOCOL.md section 1 and
the families issue 12 names, before the concepts of "a body part that won't do its
job", "pain the medicine doesn't control", family history of cancer, both legs,
weight, fever and worsening were composed from parts. None is a corpus line. Each
group is what the reader must give: the level at once, or at least the question.
"""

from __future__ import annotations

from typing import Final

#: Marked weakness with pain that medicine does not control: surgical review (or asked).
SURGICAL: Final[tuple[str, ...]] = (
    "my foot won't lift off the floor and the co-codamol isn't doing a thing for the pain",
    "toes keep catching on the pavement, pain's unreal and the naproxen is useless",
    "I can't bend my ankle up any more and nothing I take touches the pain",
    "leg just won't work properly and the pain is off the scale even on tramadol",
    "can't raise my foot, pain 9/10 despite gabapentin",
    "my foot flops when I walk and the painkillers barely scratch the surface",
    "my leg won't take my weight and the pain is through the roof whatever I take",
    "the foot slaps down on every step and the morphine doesn't help the pain",
)

#: Weakness or numbness getting worse: see a doctor (or asked).
WORSENING: Final[tuple[str, ...]] = (
    "each morning it's harder to get my foot up",
    "the numb patch on my thigh gets bigger every day",
    "my leg is weaker than last week and weaker again today",
    "losing more and more feeling in my foot",
    "the numbness has crept from my ankle up to my knee",
)

#: Sciatica now in both legs (or asked).
BOTH_LEGS: Final[tuple[str, ...]] = (
    "it's gone into my other leg as well now",
    "now my right leg hurts like the left one",
    "both my legs are numb now",
    "the pain's in both legs since yesterday",
)

#: A personal or family history of cancer (or asked).
CANCER: Final[tuple[str, ...]] = (
    "my dad died of lung cancer",
    "my sister had breast cancer a few years ago",
    "I had a tumour removed from my kidney in 2020",
    "my grandmother and my aunt both had cancer",
    "I finished chemo last year",
)

#: Weight, fever and sweats (or asked).
GENERAL: Final[tuple[str, ...]] = (
    "I've dropped a few kilos and I haven't changed what I eat",
    "I've been losing weight without meaning to",
    "I keep waking up soaked in sweat",
    "my temperature was 38.9 this morning",
)

#: Cauda equina signs said through a body part that won't do its job (or asked).
EMERGENCIES: Final[tuple[str, ...]] = (
    "I can't stop my bowels from emptying",
    "I couldn't hold my wee long enough to reach the loo",
    "I can't tell any more whether I need a wee",
    "when I go to the toilet I can't tell if anything's coming out",
    "can't squeeze to hold a poo in",
)

#: Near-misses for the same concepts: no alert and no question.
NEAR_MISSES: Final[tuple[str, ...]] = (
    "my friend's dad has cancer",
    "no one in my family has had cancer",
    "my foot lifts fine and the tablets are working",
    "I can lift my foot and walk on my heels no problem",
    "both legs feel great after the stretches",
    "the numbness in my foot is getting better every day",
    "my leg is getting stronger each week",
    "I've lost weight on my diet, on purpose",
    "I can't lift heavy boxes at work with this back",
    "I can't sit for long because of the pain",
)
