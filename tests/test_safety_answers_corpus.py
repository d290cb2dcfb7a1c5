"""Safety questions against the development half of the safety corpus (tests/corpus/safety).

Every line there that a clinician labelled as an alert, typed as the answer to
any safety question, must never be read as a clear "no": at worst the
question is asked again. Only the development half is read here; the
held-out half is for measuring the detector and is never opened by this test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows import safety_words
from flows.checkin import read_cauda_equina
from flows.screening import VOCABULARIES
from flows.spec import Answer, Reader
from flows.yes_no import read_yes_no, safety_reader

DEVELOPMENT = Path(__file__).parent / "corpus" / "safety" / "development.jsonl"
READERS: dict[str, Reader] = {
    "any safety question": read_yes_no,
    "the daily question": read_cauda_equina,
    "saddle": safety_reader(safety_words.SADDLE),
    "bladder and bowels": safety_reader(safety_words.BLADDER_BOWEL),
    "severe weakness": safety_reader(safety_words.SEVERE_WEAKNESS),
    **{name: safety_reader(vocabulary) for name, vocabulary in VOCABULARIES.items()},
}


def _alert_lines() -> list[str]:
    lines = [json.loads(line) for line in DEVELOPMENT.read_text(encoding="utf-8").splitlines()]
    return [line["text"] for line in lines if line["expect"] != "none"]


@pytest.fixture(scope="module")
def alert_lines() -> list[str]:
    lines = _alert_lines()
    assert len(lines) > 400
    return lines


@pytest.mark.parametrize("question", READERS)
def test_no_alert_in_the_development_corpus_is_a_clear_no(question: str,
                                                          alert_lines: list[str]) -> None:
    read = READERS[question]
    noes = [text for text in alert_lines if read(text) == Answer("no")]
    assert noes == []


def test_how_alert_lines_are_read_at_the_daily_question(alert_lines: list[str]) -> None:
    """Figures (with -s): yes, asked again, no; a clear no would fail the test above."""
    readings = [read_cauda_equina(text) for text in alert_lines]
    yes = sum(r == Answer("yes") for r in readings)
    no = sum(r == Answer("no") for r in readings)
    print(f"\ndaily question, {len(readings)} development alert lines: {yes} yes, "
          f"{len(readings) - yes - no} asked again, {no} no")
    assert no == 0
