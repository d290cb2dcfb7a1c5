"""Layer 6 of the safety reader: the statistical model asks, never alerts, and is what we built.

The model is trained on the development half only (``python -m bench.safety_model``);
these tests never read the held-out half.
"""

from __future__ import annotations

import numpy as np
import pytest

from bench import safety_model
from flows.symptoms import Concern, read
from flows.symptoms.assertion import assess
from flows.symptoms.reading import corrected, read_with
from flows.symptoms.resemblance import Model, model

#: Said of a normal bladder, in the words of an emergency: the rules let it be.
SHARED_WORDS = "I can feel when my bladder is full"


def test_a_message_that_only_resembles_an_emergency_gets_the_question_never_the_alert() -> None:
    assert read_with(SHARED_WORDS, assess).ask is None
    reading = read(SHARED_WORDS)
    assert reading.certain == ()
    assert reading.ask is Concern.NERVE_EMERGENCY
    assert reading.touched


def test_a_denial_the_rules_weighed_is_not_overruled_by_the_model() -> None:
    text = "I haven't wet myself"
    assert model().resembles(corrected(text))
    assert (read(text).certain, read(text).ask) == ((), None)


def test_one_body_word_alone_does_not_open_the_model() -> None:
    text = "I need to pee"
    assert model().resembles(corrected(text))
    assert read(text).ask is None


def test_chat_without_a_word_of_the_cauda_equina_questions_is_never_weighed() -> None:
    assert read("my back hurts and my leg is sore after the walk").ask is None


@pytest.fixture(scope="module")
def trained_on_development() -> tuple[safety_model.Prepared, Model, np.ndarray]:
    """scikit-learn's model on the development half, its run-time copy, and its scores."""
    data = safety_model.prepare()
    vec = safety_model.vectoriser()
    x = vec.fit_transform(data.tokens)
    clf = safety_model.classifier().fit(x, data.emergency)
    built = safety_model.build(data, 0.0)
    copy = Model({f: (idf, coef) for f, (idf, coef) in built["weights"].items()},
                 built["intercept"], 0.0)
    return data, copy, clf.decision_function(x)


def test_the_run_time_score_is_scikit_learns(
    trained_on_development: tuple[safety_model.Prepared, Model, np.ndarray],
) -> None:
    data, copy, expected = trained_on_development
    ours = np.array([copy.score(tokens) for tokens in data.tokens])
    assert np.allclose(ours, expected, atol=1e-4)


@pytest.mark.slow
def test_the_committed_model_is_what_the_script_builds() -> None:
    data = safety_model.prepare()
    cut = safety_model.threshold(data, safety_model.out_of_fold(data))
    built = safety_model.serialise(safety_model.build(data, cut))
    assert safety_model.OUT.read_text("utf-8") == built
