"""Layer 2 of the safety reader: spelling mistakes in symptom words.

"bladdder", "gorin", "leakin", "incontinnence": a word that is not in the
symptom vocabulary and is not a common English word is looked up in the
vocabulary with SymSpell (symspellpy), allowing one edit (two for words of
eight letters or more; Damerau-Levenshtein, so a swapped pair is one edit).
A common English word is never changed ("blade" stays "blade", "bowl"
stays "bowl"): the English word list and its frequencies are the ones
symspellpy ships. SymSpell was chosen over rapidfuzz's ``extractOne`` after
measuring both on the corpus's development set (same corrections, SymSpell
faster per word: see docs/clinical-decisions.md, "Spelling").
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from symspellpy import SymSpell

#: Shortest word the layer corrects: shorter ones are too easily another word.
MIN_LENGTH: Final = 4
#: Three-letter words are corrected too when English does not know them at all ("fel").
SHORT_LENGTH: Final = 3
#: Words of this length or more may be two edits from the vocabulary.
TWO_EDITS_FROM: Final = 8
#: An English word seen at least this often in symspellpy's counts is left alone.
COMMON_COUNT: Final = 1_000_000
_DICTIONARY = "frequency_dictionary_en_82_765.txt"
_lock = threading.Lock()


@cache
def english_counts() -> dict[str, int]:
    """English words and their counts in symspellpy's frequency list (read once)."""
    text = resources.files("symspellpy").joinpath(_DICTIONARY).read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in text.splitlines():
        word, _, count = line.partition(" ")
        if count.isdigit():
            counts[word] = int(count)
    return counts


class Speller:
    """Maps a misspelled word to the vocabulary word it was meant to be.

    Thread-safe after construction; results are cached per word.
    """

    def __init__(self, vocabulary: Iterable[str]) -> None:
        from symspellpy import SymSpell

        counts = english_counts()
        self.vocabulary = frozenset(w for w in vocabulary if w.isalpha())
        self._common = frozenset(w for w, n in counts.items() if n >= COMMON_COUNT)
        self._known = frozenset(counts)
        self._symspell: SymSpell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word in self.vocabulary:
            if len(word) >= SHORT_LENGTH + 1:
                # Ties between two vocabulary words go to the commoner English word.
                self._symspell.create_dictionary_entry(word, counts.get(word, 1) + 1)
        self.correct = lru_cache(maxsize=8192)(self._correct)

    def needs_correcting(self, word: str) -> bool:
        """Whether ``word`` is a candidate at all (cheap: two set look-ups)."""
        if not word.isalpha() or word in self.vocabulary or word in self._common:
            return False
        return len(word) >= MIN_LENGTH or (
            len(word) == SHORT_LENGTH and word not in self._known)

    def _correct(self, word: str) -> tuple[str, int] | None:
        """The vocabulary word meant by ``word`` and the edits between them, or ``None``."""
        if not self.needs_correcting(word):
            return None
        from symspellpy import Verbosity

        limit = 2 if len(word) >= TWO_EDITS_FROM else 1
        suggestions = self._symspell.lookup(word, Verbosity.CLOSEST, max_edit_distance=limit)
        if not suggestions:
            return None
        best = suggestions[0]
        return best.term, best.distance


_speller: Speller | None = None


def speller(vocabulary: Iterable[str]) -> Speller:
    """The process's speller, built on first use from ``vocabulary``."""
    global _speller
    with _lock:
        if _speller is None:
            _speller = Speller(vocabulary)
        return _speller
