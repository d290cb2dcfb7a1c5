"""What the concept rules work on: the cues of one message, where they stand.

A :class:`Mention` is one cue of the lexicon found at some tokens; a
:class:`Finding` is a concept the rules made of mentions, with a tier. The
:class:`Scene` indexes one message's mentions by cue, clause and sentence, so
each rule asks "is there a bladder word near this leak word?" in a bounded
neighbourhood and the whole layer stays linear in the length of the message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from flows.symptoms.concerns import Concern
from flows.symptoms.lexicon import Cue
from flows.symptoms.text import SENTENCE_END, Token

#: Words that end a clause as well as a sentence: what follows them is said of something else.
CLAUSE_END: Final = SENTENCE_END | frozenset({
    "but", "however", "although", "though", "except", "whereas", "otherwise",
})
#: How far apart (in tokens) two cues of one concept may stand.
NEAR: Final = 10


class Tier(StrEnum):
    """How fully the words describe the concept."""

    CERTAIN = "certain"
    POSSIBLE = "possible"


@dataclass(frozen=True, slots=True)
class Mention:
    """One cue, at tokens ``start`` to ``end`` (exclusive)."""

    cue: Cue
    start: int
    end: int
    edits: int = 0


@dataclass(frozen=True, slots=True)
class Finding:
    """A concept the words point at, and the cues that make it."""

    concern: Concern
    tier: Tier
    cues: tuple[Mention, ...]

    @property
    def start(self) -> int:
        """First token of the first cue."""
        return min(m.start for m in self.cues)

    @property
    def end(self) -> int:
        """One past the last token of the last cue."""
        return max(m.end for m in self.cues)

    @property
    def edits(self) -> int:
        """Spelling corrections the finding relies on."""
        return sum(m.edits for m in self.cues)

    @property
    def worst_edits(self) -> int:
        """The most corrections any one of its cues needed."""
        return max(m.edits for m in self.cues)


def clause_ids(tokens: Sequence[Token]) -> list[int]:
    """For each token, the number of the clause it is in."""
    return _numbered(tokens, CLAUSE_END)


def sentence_ids(tokens: Sequence[Token]) -> list[int]:
    """For each token, the number of the sentence it is in."""
    return _numbered(tokens, SENTENCE_END)


def _numbered(tokens: Sequence[Token], ends: Collection[str]) -> list[int]:
    """For each token, how many of the ``ends`` come before it (or are it)."""
    ids, current = [], 0
    for token in tokens:
        if token.text in ends:
            current += 1
        ids.append(current)
    return ids


class Scene:
    """The mentions of one message, indexed for the concept rules."""

    def __init__(self, tokens: Sequence[Token], found: Iterable[Mention]) -> None:
        self.texts = [t.text for t in tokens]
        self.clause = clause_ids(tokens)
        self.sentence = sentence_ids(tokens)
        self.whole = [0] * len(tokens)
        self.by_cue: dict[Cue, list[Mention]] = defaultdict(list)
        for m in found:
            self.by_cue[m.cue].append(m)

    def has(self, *cues: Cue) -> bool:
        """Whether any of ``cues`` is mentioned anywhere in the message."""
        return any(self.by_cue.get(c) for c in cues)

    def all(self, *cues: Cue) -> list[Mention]:
        """Every mention of any of ``cues``."""
        return [m for c in cues for m in self.by_cue.get(c, ())]

    def near(self, anchor: Mention, *cues: Cue, within: int = NEAR,
             same: str = "clause") -> list[Mention]:
        """Mentions of ``cues`` in the anchor's clause (or sentence), at most ``within`` apart.

        Nearest first.
        """
        ids = {"clause": self.clause, "sentence": self.sentence,
               "message": self.whole}[same]
        home = ids[anchor.start]
        found = [m for m in self.all(*cues)
                 if ids[m.start] == home and m is not anchor
                 and m.start - anchor.end <= within and anchor.start - m.end <= within]
        return sorted(found, key=lambda m: max(m.start - anchor.end, anchor.start - m.end))

    def inside(self, low: int, high: int, *cues: Cue) -> bool:
        """Whether a mention of ``cues`` lies within tokens ``low`` to ``high``."""
        return any(low <= m.start and m.end <= high for m in self.all(*cues))

    def in_clause(self, anchor: Mention, *cues: Cue) -> list[Mention]:
        """Mentions of ``cues`` anywhere in the anchor's clause."""
        return self.near(anchor, *cues, within=10_000)

    def follows(self, first: Cue, then: Cue, *, gap: int = 3,
                filler: frozenset[str] = frozenset()) -> list[tuple[Mention, Mention]]:
        """Pairs where a ``then`` mention starts at most ``gap`` filler words after a ``first``.

        The composition of "a body part won't / can't" with "lift / hold / tell":
        each part is listed once in the lexicon and combined here.
        """
        pairs = []
        for second in self.all(then):
            for one in self.all(first):
                between = self.texts[one.end:second.start]
                if one.end <= second.start and len(between) <= gap and all(
                        w in filler for w in between):
                    pairs.append((one, second))
                    break
        return pairs


def add(out: list[Finding], concern: Concern, tier: Tier, *cues: Mention) -> None:
    """Append the finding of ``concern`` made of ``cues`` (each cue once, in text order)."""
    out.append(Finding(concern, tier, tuple(sorted(set(cues), key=lambda m: m.start))))
