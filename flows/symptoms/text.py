"""Layer 1 of the safety reader: one normal form for what people type.

Lower case, accents and curly quotes folded, runs of one letter cut to two
("bladdder", "sooo"), the apostrophe-less contractions of phone typing put
back ("cant", "dont", "im"), and the text cut into word tokens that keep
their place, so later layers can say where a symptom was named.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

#: Contractions typed without the apostrophe, and text speak, as the lexicon spells them.
_SPELLED_OUT: Final[dict[str, str]] = {
    "cant": "can't", "dont": "don't", "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't",
    "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "havent": "haven't",
    "hasnt": "hasn't", "hadnt": "hadn't", "couldnt": "couldn't", "wouldnt": "wouldn't",
    "shouldnt": "shouldn't", "wont": "won't", "aint": "ain't", "im": "i'm", "ive": "i've",
    "id": "i'd", "youre": "you're", "thats": "that's", "theres": "there's", "whats": "what's",
    "its": "it's", "cannot": "can't", "u": "you", "ur": "your", "r": "are", "cos": "because",
    "coz": "because", "cuz": "because", "bc": "because", "abt": "about", "dunno": "don't know",
    "wanna": "want to", "gotta": "got to", "gonna": "going to", "n": "and", "cud": "could",
    "wud": "would", "shud": "should", "ppl": "people", "pls": "please", "plz": "please",
    "ca": "can", "wee'd": "weed", "pee'd": "peed", "poo'd": "pooed", "b4": "before",
    "2day": "today", "2nite": "tonight", "tonite": "tonight", "nite": "night",
    "ain't": "isn't", "smth": "something", "sth": "something", "tho": "though",
    "thru": "through", "bcos": "because", "becos": "because", "coudnt": "couldn't",
    "havnt": "haven't", "dosent": "doesn't", "doesnt'": "doesn't", "didnt'": "didn't",
    "couldn't've": "couldn't", "can't've": "can't", "cnt": "can't", "cn't": "can't",
    "cnat": "can't", "cna't": "can't", "cnt'": "can't", "teh": "the", "evn": "even",
    "dwn": "down", "fel": "feel", "dnt": "don't", "didint": "didn't", "couldint": "couldn't",
    # Scots
    "cannae": "can't", "canny": "can't", "couldnae": "couldn't", "wouldnae": "wouldn't",
    "dinnae": "don't", "didnae": "didn't", "isnae": "isn't", "wasnae": "wasn't",
    "havnae": "haven't", "havenae": "haven't", "doon": "down", "fae": "from", "ma": "my",
    "efter": "after", "haud": "hold", "mair": "more", "wee'll": "wee", "baith": "both",
    "noo": "now", "tae": "to", "aff": "off", "wi": "with", "ah": "i", "ah've": "i've",
    "ah'm": "i'm", "daein": "doing", "nothin": "nothing", "hale": "whole", "yin": "one",
    "yins": "ones", "twa": "two", "oot": "out", "aboot": "about", "nae": "no",
    "maself": "myself", "masel": "myself", "mysel": "myself", "roond": "round", "baws": "balls",
    "troosers": "trousers", "arenae": "aren't", "hasnae": "hasn't", "doesnae": "doesn't",
    "o": "of",
    # Jamaican and other Caribbean English
    "cyaan": "can't", "cyan": "can't", "caan": "can't", "di": "the", "inna": "in",
    # Australian and other clothing words the lexicon names once
    "daks": "pants", "trackies": "trousers", "sweatpants": "trousers", "leggings": "trousers",
    "skirt": "pants", "nightie": "pyjamas", "sock": "socks",
}
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'",
                         # Emoji people use for the parts they would rather not name.
                         "\U0001f351": " bum ", "\U0001f346": " penis ", "\U0001f4a9": " poo ",
                         "\U0001f4a6": " wet "})
#: "Say I wet myself one night ...": a sentence that starts with "say" supposes.
_SUPPOSE = re.compile(r"(^|[.!?]\s*)say (i|my|if)\b")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[.!?;:,]")
#: Possessives split off a word ("bladder's" is "bladder" "'s"); these words keep theirs.
_KEEP_S = frozenset({
    "it's", "that's", "there's", "what's", "he's", "she's", "who's", "let's", "here's",
    "where's", "one's", "else's", "elses's", "everything's", "nothing's", "something's",
})
#: Tokens that end a sentence for every later layer.
SENTENCE_END: Final = frozenset({".", "!", "?", ";"})


@dataclass(frozen=True, slots=True)
class Token:
    """One word (or punctuation mark) of a message, where it stands in the normal form."""

    text: str
    start: int
    end: int
    #: Letters the spelling layer changed to reach ``text`` (0 when typed as listed).
    edits: int = 0


def normal_form(text: str) -> str:
    """The text as every layer reads it (see the module docstring)."""
    folded = text.translate(_QUOTES)
    if not folded.isascii():  # plain ASCII has no accents to fold: skip the per-letter pass
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.lower()
    folded = folded.replace("&", " and ").replace("+", " and ").replace("\n", " . ")
    folded = folded.replace("my self", "myself").replace("i've no ", "i haven't ")
    folded = _SUPPOSE.sub(r"\1suppose \2", folded)
    return _REPEATS.sub(r"\1\1", folded)


def tokenise(text: str) -> list[Token]:
    """The tokens of an already normalised text, contractions spelled out."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        word = _SPELLED_OUT.get(word, word)
        if "'" not in word and " " not in word:  # most words: no contraction to split
            tokens.append(Token(word, start, end))
            continue
        if " " in word:
            tokens.extend(Token(part, start, end) for part in word.split())
            continue
        if word.endswith("'ll"):
            tokens.append(Token(word[:-3], start, end - 3))
            continue
        if word.endswith("'ll"):
            tokens.append(Token(word[:-3], start, end - 3))
            continue
        if word.endswith("'s") and word not in _KEEP_S:
            tokens.append(Token(word[:-2], start, end - 2))
            tokens.append(Token("'s", end - 2, end))
            continue
        tokens.append(Token(word, start, end))
    return tokens


def words(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase (lower case, space-separated) as the token texts a message would give."""
    out: list[str] = []
    for word in phrase.replace("-", " ").split():
        word = _SPELLED_OUT.get(word, word)
        if word.endswith("'ll"):
            out.append(word[:-3])
        elif word.endswith("'s") and word not in _KEEP_S and word != "'s":
            out += [word[:-2], "'s"]
        else:
            out += word.split()
    return tuple(out)
