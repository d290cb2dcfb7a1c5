"""Buttons answered in words: "did all 10 reps" is Done, "it hurt down my leg" Too painful.

A step lists, for each of its choices, the everyday phrases that mean it
(:class:`Phrases`). A message that *is* one of them counts like a button's
label, before any global intent ("start over" at the restart question is a
yes, not another restart). Otherwise a choice is taken when its phrases
appear in the message as whole words; where phrases of two choices overlap,
the longer counts ("don't agree" over "agree"); where two choices remain,
the message is ambiguous and the step asks again. Steps where nothing
clinical rides on the answer also accept a near miss ("i agre"), matched with
rapidfuzz; safety steps never do: a typo must not lift a pause.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process

from core.messages import Choice
from flows.plain_text import plain

#: Lowest rapidfuzz ratio (0-100) at which a near miss counts as the phrase.
NEAR_MISS = 86
#: Shortest message matched as a near miss (shorter ones collide: "no" and "ok").
NEAR_MISS_FROM = 4
#: Longest: a misspelt button is a few words, and longer texts are not worth the comparison.
NEAR_MISS_UP_TO = 60


#: Words that carry no choice of their own ("change *the* time", "turn *them* off").
_LITTLE_WORDS = frozenset({
    "the", "a", "an", "my", "me", "them", "it", "please", "ok", "okay", "lets", "i", "id",
    "want", "to", "like", "would", "can", "you", "just", "now", "thanks", "pls",
})


def by_label_words(choices: Sequence[Choice], text: str) -> str | None:
    """The one button whose label holds every word of the message that matters.

    "turn them off" is "Turn off", "change my time zone" is "Change time zone",
    "stop sharing" is "Stop sharing with #physio-team". At least two words
    must matter (one word is a label, a phrase or a command); where several
    labels hold them, the shortest wins if it is the only one that short.
    """
    words = {w for w in plain(text).split() if w not in _LITTLE_WORDS}
    if len(words) < 2:
        return None
    fits = sorted((len(label), c.id) for c in choices
                  if words <= (label := set(plain(c.label).split())))
    if not fits or (len(fits) > 1 and fits[0][0] == fits[1][0]):
        return None
    return fits[0][1]


class Phrases:
    """The everyday phrases of a step's choices, compiled once at import.

    Args:
        by_choice: choice id -> phrases in :func:`flows.plain_text.plain`
            form (lower case, no punctuation or apostrophes).
        near_misses: whether a misspelt phrase may count (never on a
            safety step).

    Raises:
        ValueError: a phrase is listed for two choices (caught at import).

    """

    def __init__(self, by_choice: Mapping[str, Sequence[str]], *, near_misses: bool = True
                 ) -> None:
        self.near_misses = near_misses
        self._exact: dict[str, str] = {}
        for choice, options in by_choice.items():
            for phrase in options:
                if self._exact.setdefault(phrase, choice) != choice:
                    raise ValueError(f"{phrase!r} is listed for two choices")
        # One pass: at each place the longest phrase wins ("dont agree" over "agree").
        # A one-letter phrase ("y", "k") counts only as the whole message.
        longest_first = sorted((p for p in self._exact if len(p) > 1), key=len, reverse=True)
        self._any = re.compile(
            r"(?<![a-z0-9])(?:" + "|".join(re.escape(p) for p in longest_first) + r")(?![a-z0-9])"
        )

    def exact(self, text: str) -> str | None:
        """The choice whose phrase is the whole message."""
        return self._exact.get(plain(text))

    def within(self, text: str) -> set[str]:
        """Choices whose phrases occur in the message, a phrase inside a longer one not counted."""
        return {self._exact[m.group(0)] for m in self._any.finditer(plain(text))}

    def near_miss(self, text: str) -> str | None:
        """The choice of a phrase the message misspells, where near misses are allowed."""
        words = plain(text)
        if not self.near_misses or not NEAR_MISS_FROM <= len(words) <= NEAR_MISS_UP_TO:
            return None
        best = process.extractOne(words, list(self._exact), scorer=fuzz.ratio,
                                  score_cutoff=NEAR_MISS)
        return self._exact[best[0]] if best is not None else None
