"""Layer 6 of the safety reader: how much a message resembles the emergencies people wrote.

The rules of layers 3 to 5 know the words they were written around; people
find other words. This layer is a linear model over the message's word and
character n-grams (TF-IDF, logistic regression), trained on the development
half of the labelled corpus only (``tools/safety_model.py`` builds it and
chose its threshold by cross-validation there). It can only ever lead to the
safety question, never to an alert, so a false positive costs one question.

Why a TF-IDF linear model: character n-grams are robust to typos and new
spellings, the model is a dictionary of weights (no pickle, no scikit-learn at
run time, one pass over the text, linear in its length), and its score can be
checked against scikit-learn's exactly (``tests/test_safety_model.py``).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from flows.symptoms.text import Token

#: The model file, next to this module (built by ``tools/safety_model.py``).
MODEL_FILE: Final = "resemblance.json"
#: Character n-gram lengths, inside a word padded with spaces (as scikit-learn's ``char_wb``).
CHAR_SIZES: Final = (3, 4, 5)


def features(tokens: Sequence[Token]) -> Iterator[str]:
    """The n-grams the model weighs: words, word pairs, letters within each word.

    Shared by the training script and the run-time score, so both see the same features.
    """
    words = [t.text for t in tokens if any(c.isalnum() for c in t.text)]
    for i, word in enumerate(words):
        yield f"w {word}"
        if i:
            yield f"b {words[i - 1]} {word}"
        padded = f" {word} "
        for size in CHAR_SIZES:
            for start in range(len(padded) - size + 1):
                yield f"c {padded[start:start + size]}"


@dataclass(frozen=True, slots=True)
class Model:
    """A trained TF-IDF logistic regression, as plain numbers.

    ``weights`` maps a feature to its inverse document frequency and its coefficient.
    """

    weights: dict[str, tuple[float, float]]
    intercept: float
    threshold: float

    def score(self, tokens: Sequence[Token]) -> float:
        """The decision value (log-odds of an emergency) for the tokens.

        Sublinear term frequency, l2-normalised, as the training vectoriser.
        """
        counts = Counter(f for f in features(tokens) if f in self.weights)
        norm = dot = 0.0
        for feature, count in counts.items():
            idf, coef = self.weights[feature]
            value = (1.0 + math.log(count)) * idf
            norm += value * value
            dot += value * coef
        if norm == 0.0:
            return self.intercept
        return dot / math.sqrt(norm) + self.intercept

    def resembles(self, tokens: Sequence[Token]) -> bool:
        """Whether the tokens resemble an emergency enough to ask about one."""
        return self.score(tokens) >= self.threshold


@cache
def model() -> Model:
    """The shipped model, read once from the package.

    Raises:
        FileNotFoundError: the package was installed without its model file.

    """
    raw = json.loads(resources.files("flows.symptoms").joinpath(MODEL_FILE).read_text("utf-8"))
    weights = {f: (float(idf), float(coef)) for f, (idf, coef) in raw["weights"].items()}
    return Model(weights, float(raw["intercept"]), float(raw["threshold"]))
