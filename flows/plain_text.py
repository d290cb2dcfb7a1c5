"""Text as the readers see it: folded, lower case, punctuation and emoji set apart.

One place for the forms every reader starts from, so "Don\u2019t", "dont" and
"DON'T" are the same word everywhere and a reader never trips on a curly
quote, a trailing emoji or "yesss".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_REPEATS = re.compile(r"([a-z])\1{2,}")
_NOT_WORD = re.compile(r"[^a-z0-9'/.:\-+ ]+")
_LOOSE_MARKS = re.compile(r"(?<!\d)[./:\-+]|[./:\-+](?!\d)")
#: The few emoji that are answers in themselves; others are dropped.
_EMOJI_WORDS = str.maketrans({"\u2705": " done ", "\u2714": " done ", "\u2611": " done ",
                              "\U0001f44d": " ok ", "\U0001f44c": " ok "})
_CLAUSE = re.compile(r"[,;!?\n]|\.(?!\d)|\s(?:but|though|although|however)\s")


def normalise(text: str) -> str:
    """Lower-case, fold accents and curly quotes, collapse spaces."""
    folded = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(folded.lower().split())


@lru_cache(maxsize=512)
def plain(text: str) -> str:
    """Words only: no punctuation or emoji, no apostrophes, letters run three times squashed.

    "Yesss!! 👍" becomes "yes", "Don\u2019t think so..." becomes "dont think so".
    Cached: every reader of a turn starts from the same message.
    """
    folded = normalise(text)
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded.translate(_EMOJI_WORDS))
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = _NOT_WORD.sub(" ", folded).replace("'", "")
    words = _LOOSE_MARKS.sub(" ", words)
    if _REPEATS.search(words):
        words = _REPEATS.sub(r"\1", words)
    return " ".join(words.split())


def clauses(text: str) -> list[str]:
    """The parts of a message that a comma, a full stop or "but" separates.

    "and" does not separate: it joins "pins and needles" and "left and right".
    """
    return [part.strip() for part in _CLAUSE.split(normalise(text)) if part.strip()]
