"""Concepts of the body as a whole: fever, night sweats, weight loss, cancer.

Weight loss is composed of a weight word ("weight", "a stone", "kilos":
``WEIGHT``) near a word of losing ("lost", "dropped", "coming down": ``LOSE``),
unless the person says they meant to (a diet, the gym) and does not also say
they did not. Cancer counts for the person and for their blood relatives
(PROTOCOL.md: "a personal or family history of cancer"), now or in the past:
:func:`family_history` tells "my mum had bowel cancer" from "my friend's dog
has cancer", and the reading layer lets history and family stand for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from flows.symptoms.concerns import Concern
from flows.symptoms.lexicon import Cue
from flows.symptoms.scene import Finding, Scene, Tier, add
from flows.symptoms.text import SENTENCE_END, Token

#: Blood relatives: their cancer is the person's family history.
RELATIVES: Final = frozenset({
    "mum", "mom", "mam", "mother", "ma", "dad", "da", "father", "pa", "brother", "sister",
    "bro", "sis", "son", "daughter", "gran", "granny", "nan", "nana", "nanna", "grandma",
    "grandmother", "grandad", "granddad", "grandpa", "grandfather", "aunt", "auntie", "aunty",
    "uncle", "cousin", "parents", "parent", "family", "twin", "sibling", "siblings",
    "grandparents", "niece", "nephew", "folks", "mother's", "father's", "mum's", "dad's",
})
#: People and animals who are not blood relatives: their cancer is not the person's history.
OTHERS: Final = frozenset({
    "friend", "friends", "mate", "neighbour", "neighbor", "colleague", "boss", "husband",
    "wife", "partner", "boyfriend", "girlfriend", "hubby", "missus", "fiance", "fiancee",
    "dog", "cat", "pet", "puppy", "horse", "patient", "patients", "client", "clients",
    "flatmate", "housemate", "roommate", "teacher", "celebrity", "someone", "somebody",
    "in-law", "law", "step", "stepmum", "stepdad", "ex", "pup",
})


def findings(s: Scene, out: list[Finding]) -> None:
    """Fever, night sweats, weight loss and cancer in the scene."""
    for fever in s.all(Cue.FEVER):
        add(out, Concern.FEVER, Tier.CERTAIN, fever)
    for sweats in s.all(Cue.SWEATS):
        add(out, Concern.NIGHT_SWEATS, Tier.CERTAIN, sweats)
    if not s.has(Cue.ON_PURPOSE) or s.has(Cue.NOT_ON_PURPOSE):
        for loss in s.all(Cue.WEIGHT_LOSS):
            add(out, Concern.WEIGHT_LOSS, Tier.CERTAIN, loss)
        for weight in s.all(Cue.WEIGHT):
            lose = s.near(weight, Cue.LOSE, within=5, same="sentence")
            if lose and not s.near(weight, Cue.WEIGHT_LOSS, within=5, same="sentence"):
                add(out, Concern.WEIGHT_LOSS, Tier.CERTAIN, lose[0], weight)
    for cancer in s.all(Cue.CANCER):
        add(out, Concern.CANCER, Tier.CERTAIN, cancer)


def family_history(tokens: Sequence[Token], finding: Finding) -> bool:
    """Whether the sentence of a cancer finding is about a blood relative (and no one else)."""
    low = finding.start
    while low > 0 and tokens[low - 1].text not in SENTENCE_END:
        low -= 1
    high = finding.end
    while high < len(tokens) and tokens[high].text not in SENTENCE_END:
        high += 1
    words = {t.text for t in tokens[low:high]}
    return bool(words & RELATIVES) and not words & OTHERS
