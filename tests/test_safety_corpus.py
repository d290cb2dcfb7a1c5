"""The safety reader on the labelled corpus (tests/corpus/safety, see its README).

The development half is the reader's test: every line must get what its label
asks, except the misses listed in :data:`KNOWN_MISSES` (which are the
reader's honest failures, reported in docs/clinical-decisions.md; a listed
line that now passes must be taken off the list). **The held-out half is only
ever measured, never tuned on, and its lines are never read**: its test prints
the figures per label (no text) and asserts the issue's goals where the reader
meets them, and the measured floor where it does not yet.
"""

from __future__ import annotations

from functools import cache

import pytest

from bench.detector import (
    DEVELOPMENT,
    HELD_OUT,
    Line,
    Outcome,
    goals_met,
    label_rows,
    load,
    outcome,
    score,
)

#: Development lines the reader gets wrong today (ids only). Layer 6 is trained on this
#: half, so a line it catches here is in-sample: the held-out figures say what it is worth.
KNOWN_MISSES = frozenset({
    "d0465", "d0921", "d0931", "d0967", "d1004", "d1008", "d1010", "d1014", "d1103", "d1176",
    "d1223", "d1309",
})
#: Floors on the held-out set where a goal is not met yet (no regression below them).
#: Measured on 2026-12-03, third round (recall 88.6%, at once 79.7%, false alarms 2.9%):
#: the issue's goals (100%, 97%, 2%) are not met; see docs/clinical-decisions.md.
HELD_OUT_FLOORS = {"recall": 0.88, "immediate": 0.79, "false_alarms": 0.03}

DEVELOPMENT_LINES = load(DEVELOPMENT)


@cache
def _outcome(line: Line) -> Outcome:
    return outcome(line)


def _right(o: Outcome) -> bool:
    """What the label asks: the alert or a question; for a near-miss, no emergency reply."""
    if o.line.expect == "none":
        return o.alerted != 3
    return o.caught


@pytest.mark.parametrize("line", DEVELOPMENT_LINES, ids=lambda line: line.id)
def test_development_line(line: Line) -> None:
    if line.id in KNOWN_MISSES:
        assert not _right(_outcome(line)), "now right: take it off KNOWN_MISSES"
    else:
        assert _right(_outcome(line))


def test_held_out_figures_meet_the_goals(capsys: pytest.CaptureFixture[str]) -> None:
    """Measured only: prints figures per label, never a line's text."""
    by_label, _ = score(outcome(line) for line in load(HELD_OUT))
    goals = goals_met(by_label, p99_ms=0.0)
    with capsys.disabled():
        print("\n" + "\n".join(label_rows(by_label, "held-out")))
        for name, (value, met) in goals.items():
            print(f"  {name}: {value:.3f} {'met' if met else 'NOT met'}")
    assert goals["false_alarms"][0] <= HELD_OUT_FLOORS["false_alarms"]
    assert goals["questions"][1]
    assert goals["recall"][0] >= HELD_OUT_FLOORS["recall"]
    assert goals["immediate"][0] >= HELD_OUT_FLOORS["immediate"]
