"""The safety reader's shortcuts change its speed, never what it reads.

The context layer gives a window to ConText only when a rule phrase there could
reach the finding (:meth:`flows.symptoms.assertion.Judge.any_modifier`), and
shares one ConText run among the findings of one window. These tests read
every development line, and messages written to sit on the edges of the
shortcut, with a judge that always runs ConText, and expect the same reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import pytest

from bench.detector import DEVELOPMENT, load
from flows.symptoms.assertion import Assessed, Judge
from flows.symptoms.concepts import Finding, Mention
from flows.symptoms.reading import Reading, read, read_with
from flows.symptoms.text import Token

#: Messages on the shortcut's edges: a denial inside a symptom phrase, "haven't had any"
#: reaching further than "haven't", modifiers before, after and around the symptom.
EDGES = [
    "I haven't had any real bladder or bowel accidents",
    "I haven't had any real actual major big bladder problems",
    "haven't had any of the numbness in my groin that the leaflet talks about",
    "not numb, my groin feels normal",
    "can't feel anything when I wipe, not at all",
    "no feeling down there at all when I wipe",
    "groin numbness? not that I know of",
    "numb groin years ago after my op, fine now",
    "what if my groin goes numb",
    "my husband wet himself and didn't notice",
    "I didn't notice until today that my groin is numb",
    "never wet myself, never lost control, but my bum is numb on both sides",
    "nothing comes out when I try to pee and I don't know why",
    "bladder: fine. bowels: fine. groin: numb",
]


class AlwaysContext(Judge):
    """The reader's judge without the shortcut: every window goes to ConText."""

    def any_modifier(self, texts: Sequence[str], targets: Sequence[tuple[int, int]] = (),
                     own: Sequence[tuple[int, int]] | None = None) -> bool:
        """Always: let ConText say."""
        return True


@cache
def always_context() -> AlwaysContext:
    """One judge for the module (spaCy and ConText load once)."""
    return AlwaysContext()


def read_always(text: str) -> Reading:
    """The reader's reading with ConText run on every finding's window."""
    judge = always_context()

    def assess(tokens: Sequence[Token], finding: Finding,
               others: Sequence[Mention]) -> Assessed:
        return judge.assess(tokens, finding, others)

    return read_with(text, assess, statistical=True)


@pytest.mark.parametrize("text", EDGES)
def test_a_message_on_the_shortcuts_edge_reads_as_with_context_on_every_window(
        text: str) -> None:
    assert read(text) == read_always(text)


def test_every_development_line_reads_as_with_context_on_every_window() -> None:
    differ = [line.id for line in load(DEVELOPMENT) if read(line.text) != read_always(line.text)]
    assert differ == []
