"""The labelled safety corpus is well formed and large enough to measure the reader.

The corpus in ``tests/corpus/safety/`` was written by hand, without sight of the
code that reads it (see its README). ``development.jsonl`` may be read by whoever
changes the safety reader; **``held_out.jsonl`` is only ever used to measure,
never to tune: nobody changing the reader may read it.** These tests check the
shape of both files only, never what any line says, so running them reveals
nothing of the held-out texts.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).parent / "corpus" / "safety"
HALVES = {"development": "d", "held_out": "h"}
LABELS = ("emergency", "see_doctor", "surgical_review", "none")
KEYS = ("id", "text", "expect", "family", "voice")
MINIMUM = {"emergency": 700, "see_doctor": 150, "surgical_review": 80, "none": 650}
MINIMUM_TOTAL = 1600
FAMILY_SIZE = (8, 40)  # lines per family: first round's halves together, and the development file
# The first round (d0001-d0867 and all of held_out) was split line by line between the halves;
# later rounds add development lines only (see the corpus README).
FIRST_ROUND_DEVELOPMENT = 867
SNAKE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


def _load(half: str) -> list[dict[str, Any]]:
    rows = []
    path = CORPUS / f"{half}.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as error:
            pytest.fail(f"{path.name}:{number} is not JSON: {error}")
    return rows


@pytest.fixture(scope="module")
def halves() -> dict[str, list[dict[str, Any]]]:
    return {half: _load(half) for half in HALVES}


def _all(halves: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [row for rows in halves.values() for row in rows]


def _first_round(halves: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    development = halves["development"][:FIRST_ROUND_DEVELOPMENT]
    return {"development": development, "held_out": halves["held_out"]}


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def test_every_line_has_the_keys_in_order(halves: dict[str, list[dict[str, Any]]]) -> None:
    for half, rows in halves.items():
        for row in rows:
            keys = tuple(row)
            assert keys in (KEYS, (*KEYS, "note")), f"{half} {row.get('id')}: keys {keys}"
            assert all(isinstance(row[key], str) and row[key].strip() for key in keys), row["id"]


def test_ids_are_numbered_in_order_within_each_half(
    halves: dict[str, list[dict[str, Any]]],
) -> None:
    for half, prefix in HALVES.items():
        ids = [row["id"] for row in halves[half]]
        assert ids == [f"{prefix}{n:04d}" for n in range(1, len(ids) + 1)], half


def test_no_text_appears_twice_across_both_halves(
    halves: dict[str, list[dict[str, Any]]],
) -> None:
    counts = Counter(_folded(row["text"]) for row in _all(halves))
    # a count only: printing the texts would show held-out lines to whoever runs this
    repeated = sum(1 for count in counts.values() if count > 1)
    assert repeated == 0, f"{repeated} texts repeated (case and spacing ignored)"


def test_labels_are_the_four_alert_levels(halves: dict[str, list[dict[str, Any]]]) -> None:
    unknown = {row["expect"] for row in _all(halves)} - set(LABELS)
    assert not unknown


def test_each_family_has_one_label_and_a_snake_case_name(
    halves: dict[str, list[dict[str, Any]]],
) -> None:
    labels: dict[str, set[str]] = {}
    for row in _all(halves):
        assert SNAKE.fullmatch(row["family"]), row["family"]
        labels.setdefault(row["family"], set()).add(row["expect"])
    mixed = {family: sorted(found) for family, found in labels.items() if len(found) > 1}
    assert not mixed


def test_every_family_is_in_both_halves(halves: dict[str, list[dict[str, Any]]]) -> None:
    families = {half: {row["family"] for row in rows} for half, rows in halves.items()}
    assert families["development"] == families["held_out"]


def test_families_are_neither_token_nor_swamping(
    halves: dict[str, list[dict[str, Any]]],
) -> None:
    low, high = FAMILY_SIZE
    sizes = Counter(row["family"] for row in _all(_first_round(halves)))
    outside = {family: size for family, size in sizes.items() if not low <= size <= high}
    assert not outside
    development = Counter(row["family"] for row in halves["development"])
    outside = {family: size for family, size in development.items() if not low <= size <= high}
    assert not outside


def test_halves_split_each_family_about_evenly(
    halves: dict[str, list[dict[str, Any]]],
) -> None:
    development = Counter(row["family"] for row in _first_round(halves)["development"])
    held_out = Counter(row["family"] for row in halves["held_out"])
    uneven = {
        family: (development[family], held_out[family])
        for family in development | held_out
        if abs(development[family] - held_out[family]) > 1
    }
    assert not uneven


def test_minimum_counts_per_label_are_met(halves: dict[str, list[dict[str, Any]]]) -> None:
    counts = Counter(row["expect"] for row in _all(halves))
    short = {label: counts[label] for label, least in MINIMUM.items() if counts[label] < least}
    assert not short
    assert sum(counts.values()) >= MINIMUM_TOTAL


def test_every_label_is_in_both_halves(halves: dict[str, list[dict[str, Any]]]) -> None:
    for half, rows in halves.items():
        assert {row["expect"] for row in rows} == set(LABELS), half
