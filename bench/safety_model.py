"""Build layer 6 of the safety reader from the development half of the corpus (only).

    python -m bench.safety_model            # rebuild flows/symptoms/resemblance.json, print figures
    python -m bench.safety_model --check    # exit 1 if the committed file is not what this builds

A TF-IDF logistic regression (scikit-learn) over :func:`flows.symptoms.resemblance.features`,
emergency against everything else. Its threshold is chosen by 5-fold cross-validation on
the development half: the lowest decision value that, out of fold, at most
:data:`QUESTION_BUDGET` of the near-miss lines reach (the model on its own). The
held-out half is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from bench.detector import DEVELOPMENT, Line, load
from flows.symptoms.assertion import assess
from flows.symptoms.concepts import mentions
from flows.symptoms.reading import corrected, finds_emergency, opens_gate, read_with
from flows.symptoms.resemblance import MODEL_FILE, features
from flows.symptoms.text import Token

OUT = Path(__file__).resolve().parent.parent / "flows" / "symptoms" / MODEL_FILE
#: Share of near-miss lines the layer may add a question to (out of fold, development).
QUESTION_BUDGET = 0.02
#: Inverse regularisation strength of the logistic regression.
C = 10.0
FOLDS = 5
#: Significant digits kept in the model file (the score is checked against scikit-learn's).
DIGITS = 7


def _analyse(tokens: Sequence[Token]) -> list[str]:
    return list(features(tokens))


def vectoriser() -> TfidfVectorizer:
    """The vectoriser the run-time score reproduces (sublinear tf, smooth idf, l2)."""
    return TfidfVectorizer(analyzer=_analyse, sublinear_tf=True, min_df=2, norm="l2",
                           smooth_idf=True, lowercase=False)


def classifier() -> LogisticRegression:
    """Balanced classes: emergencies are fewer than everything else."""
    return LogisticRegression(C=C, class_weight="balanced", solver="liblinear", max_iter=5000)


@dataclass(frozen=True)
class Prepared:
    """The development lines as the layer sees them."""

    lines: list[Line]
    tokens: list[list[Token]]
    emergency: np.ndarray
    #: The rules already alert or ask about an emergency (the layer is not consulted).
    by_rules: np.ndarray
    #: The message names a word of the gate (the layer is consulted).
    gated: np.ndarray


def prepare() -> Prepared:
    """Read the development half and the rules' verdict on each line."""
    lines = load(DEVELOPMENT)
    tokens = [corrected(line.text) for line in lines]
    return Prepared(
        lines, tokens,
        np.array([line.expect == "emergency" for line in lines]),
        np.array([finds_emergency(read_with(line.text, assess)) for line in lines]),
        np.array([opens_gate(mentions(t)) for t in tokens]),
    )


def out_of_fold(data: Prepared) -> np.ndarray:
    """Each line's decision value from a model trained without its fold."""
    scores = np.zeros(len(data.lines))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    for train, test in folds.split(np.zeros(len(data.lines)), data.emergency):
        vec = vectoriser()
        x = vec.fit_transform([data.tokens[i] for i in train])
        model = classifier().fit(x, data.emergency[train])
        scores[test] = model.decision_function(vec.transform([data.tokens[i] for i in test]))
    return scores


def threshold(data: Prepared, scores: np.ndarray) -> float:
    """The lowest score that at most :data:`QUESTION_BUDGET` of near-misses reach, out of fold.

    Taken over every near-miss, as if the model stood alone (no gate, no rules): the
    lines the rules leave to it are too few on the development half for a stable cut.
    """
    none = np.array([line.expect == "none" for line in data.lines])
    ordered = np.sort(scores[none])[::-1]
    allowed = int(QUESTION_BUDGET * len(ordered))
    return float(np.nextafter(ordered[allowed], np.inf))


def figures(data: Prepared, scores: np.ndarray, cut: float) -> list[str]:
    """What the layer adds, out of fold, on the development half."""
    asked = data.gated & ~data.by_rules & (scores >= cut)
    rows = []
    for label in ("emergency", "see_doctor", "surgical_review", "none"):
        mask = np.array([line.expect == label for line in data.lines])
        caught = (mask & data.by_rules).sum()
        rows.append(f"{label:16} {mask.sum():4} lines: rules weigh an emergency concept in "
                    f"{caught / mask.sum():6.1%}, layer 6 adds a question to "
                    f"{(mask & asked).sum() / mask.sum():6.1%}")
    missed = data.emergency & ~data.by_rules
    rows.append(f"emergencies the rules miss: {missed.sum()}, layer 6 asks about "
                f"{(missed & asked).sum()} (the gate lets {(missed & data.gated).sum()} through)")
    return rows


def build(data: Prepared, cut: float) -> dict[str, Any]:
    """The model trained on the whole development half, as plain numbers."""
    vec = vectoriser()
    x = vec.fit_transform(data.tokens)
    model = classifier().fit(x, data.emergency)
    coef = model.coef_[0]
    weights = {feature: [_round(vec.idf_[i]), _round(coef[i])]
               for feature, i in sorted(vec.vocabulary_.items())}
    return {"about": "flows/symptoms/resemblance.py; built by python -m bench.safety_model",
            "intercept": _round(model.intercept_[0]), "threshold": _round(cut),
            "weights": weights}


def _round(value: float) -> float:
    return float(f"{value:.{DIGITS}g}")


def serialise(model: dict[str, Any]) -> str:
    """One stable text for the model (sorted, compact, one trailing newline)."""
    return json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n"


def main() -> None:
    """Rebuild (or check) the model file and print the cross-validated figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the committed model differs from a rebuild")
    args = parser.parse_args()
    data = prepare()
    scores = out_of_fold(data)
    cut = threshold(data, scores)
    print(f"threshold (decision value) {cut:.4f}, {FOLDS}-fold on development, "
          f"question budget {QUESTION_BUDGET:.0%} of near-misses")
    print("\n".join(figures(data, scores, cut)))
    text = serialise(build(data, cut))
    if args.check:
        same = OUT.exists() and OUT.read_text("utf-8") == text
        print("model file up to date" if same else "model file differs from a rebuild")
        sys.exit(0 if same else 1)
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT} ({len(text) // 1024} KiB, {len(json.loads(text)['weights'])} features)")


if __name__ == "__main__":
    main()
