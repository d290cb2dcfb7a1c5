"""Layer 4 of the safety reader: whether the person says they have it.

medSpaCy's ConText (Harkema et al. 2009, the standard algorithm for
negation, history, hypotheticals and "not the patient" in clinical text)
runs on a blank spaCy English pipeline: no model is downloaded, the
tokens are the reader's own (a :class:`spacy.tokens.Doc` built from them),
and the sentence is the one the reader found, so PyRuSH's sentence splitter
(which logs every token through loguru) is never used; loguru is silenced
for it all the same. The rules are lay English, not the clinical-note
rules ConText ships with ("ruled out", "negative for"): see
:data:`RULES` and docs/clinical-decisions.md for how each was measured.

spaCy and medSpaCy take about a second and 100 MB to load, so they are
imported on the first message that names a symptom (or by
:func:`flows.symptoms.reading.warm_up`),
never for "7", "yes" or "done".
"""

from __future__ import annotations

import threading
import warnings
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import islice, takewhile
from typing import TYPE_CHECKING, Any, Final

from flows.symptoms.concepts import Finding, Mention
from flows.symptoms.text import SENTENCE_END, Token, words

if TYPE_CHECKING:
    from spacy.language import Language


class Context(StrEnum):
    """What ConText can say about a symptom, beyond "the person has it"."""

    NEGATED = "NEGATED_EXISTENCE"
    POSSIBLE = "POSSIBLE_EXISTENCE"
    HISTORICAL = "HISTORICAL"
    HYPOTHETICAL = "HYPOTHETICAL"
    OTHER_PERSON = "FAMILY"


#: Context that means the person is not reporting the symptom as theirs, now.
NOT_THEIRS_NOW: Final = frozenset({
    Context.NEGATED, Context.HISTORICAL, Context.HYPOTHETICAL, Context.OTHER_PERSON,
})
#: Tokens of the sentence either side of a finding that ConText reads.
WINDOW: Final = 12
#: Windows whose judgement is remembered (by their words and spans; no text is logged).
JUDGED: Final = 4096
#: A sentence this short after the finding's, ending the message, is read with it.
_SHORT_ANSWER: Final = 5

_FORWARD, _BACKWARD, _BOTH, _TERMINATE, _PSEUDO = (
    "FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO")
_PEOPLE = (
    "son", "daughter", "baby", "kid", "kids", "child", "children", "toddler", "boy", "girl",
    "mum", "mom", "mother", "dad", "father", "husband", "wife", "partner", "boyfriend",
    "girlfriend", "friend", "mate", "nan", "nana", "gran", "granny", "grandma", "grandad",
    "grandpa", "grandmother", "grandfather", "brother", "sister", "aunt", "auntie", "uncle",
    "cousin", "niece", "nephew", "neighbour", "neighbor", "colleague", "boss", "dog", "cat",
    "puppy", "patient", "patients", "client", "flatmate", "housemate", "fiance", "fiancee",
    "hubby", "missus", "grandson", "granddaughter", "twins", "newborn", "bub", "bubba",
    "old man", "other half", "mother in law", "father in law", "sis", "bro", "twin",
    "stepson", "stepdaughter", "boys", "girls", "grandkids", "grandchildren", "lad",
    "youngest", "eldest", "oldest", "little one", "daughter in law", "son in law", "pup",
    "parents", "folks", "hubs", "bf", "gf", "ex", "carer", "wifey", "nanna", "pop", "poppa",
    *(f"little {p}" for p in ("boy", "girl", "lad", "lass", "man", "one", "ones", "un",
                              "brother", "sister")),
)

#: (phrase, category, direction, max scope in tokens or None for the sentence).
RULES: Final[tuple[tuple[str, Context | None, str, int | None], ...]] = (
    # Denials before the symptom ("no bladder problems") or after it ("bladder problems: none").
    *((w, Context.NEGATED, _BOTH, 6) for w in (
        "no", "none", "nope", "nah", "never", "nothing", "not at all", "not really",
    )),
    # Denials, before the symptom: "not", "haven't had any".
    *((w, Context.NEGATED, _FORWARD, 6) for w in (
        "not", "without", "zero", "neither", "nor",
        "don't", "doesn't", "didn't", "haven't", "hasn't", "hadn't", "isn't", "aren't",
        "wasn't", "weren't", "won't", "no sign of", "no signs of", "free of", "deny",
        "don't think", "do not think", "don't believe", "do not believe",
        "denies", "ruled out", "negative for", "absence of", "not had", "have not",
        "has not", "do not", "does not", "did not", "not any", "none of", "nothing like",
        "no more", "not once", "no history of", "not been", "never had", "ain't",
    )),
    *((w, Context.NEGATED, _FORWARD, 8) for w in (
        "nobody in my family", "no one in my family", "none of my family", "nobody in the family",
        "no one in the family", "no family history", "nobody in our family",
        "no one in our family",
    )),
    # Denials after it: "bladder: fine", "numb groin? not that I know of".
    *((w, Context.NEGATED, _BACKWARD, 3) for w in (
        "fine", "normal", "ok", "okay", "all good", "all fine", "not me", "not that i know of",
        "not that i've noticed", "not that i have noticed", "thankfully not", "luckily not",
        "as usual", "unchanged", "perfectly fine", "working fine", "working normally",
    )),
    # History, and what has passed.
    *((w, Context.HISTORICAL, _BOTH, None) for w in (
        "years ago", "months ago", "last year", "year ago", "a year ago", "decades ago",
        "long time ago", "ages ago", "in the past", "used to", "history of", "back in",
        "back then", "at the time", "as a kid", "as a child", "as a teenager", "when i was",
        "when i was a kid", "when i was little", "when i was young", "when i was pregnant",
        "after giving birth", "after childbirth", "after the birth", "after i had",
        "had it before", "once before", "previously", "went away", "cleared up", "resolved",
        "got better", "gone now", "has gone", "it's gone", "all gone", "back to normal",
        "came back", "came back after", "since i was", "growing up", "in my twenties",
        "in my teens", "years back", "last time", "that was", "before my op",
        "before the op", "before surgery", "after surgery", "after my surgery",
        "after the operation", "after my operation", "after my op", "after the op",
        "went back to normal", "settled", "better now", "fine now", "ok now", "okay now",
        "sorted now", "passed now", "in my forties", "in my thirties", "in my fifties",
        "in my twenties", "in my sixties", "it stopped", "stopped after", "never again",
        "years back", "always had", "always have", "i've always", "for years", "same as ever",
        "same as always", "as always", "like always", "as usual with",
        "nothing's changed", "nothing has changed", "not new", "after my first child",
        "after my second child", "after my last baby",
        "after my first baby", "before my prostate op", "after my prostate op",
        "normal for me", "usual for me", "at my age", "normal at my age",
        *(f"for {n} years" for n in (*range(2, 41), "two", "three", "four", "five", "six",
                                      "seven", "eight", "nine", "ten", "twenty", "many",
                                      "several", "a few", "some")),
        "for a decade", "for decades", "since my twenties", "since my thirties",
        *(f"in {year}" for year in range(1970, 2026)),
    )),
    # What if, and questions about the symptom in general.
    *((w, Context.HYPOTHETICAL, _FORWARD, None) for w in (
        "what if", "if", "in case", "should i", "what happens if", "what do i do if",
        "what should i do if", "worried that", "worried about", "worried i", "scared that",
        "scared of", "scared i", "afraid that", "afraid of", "afraid i", "fear", "frightened",
        "in the event", "does it mean", "is it possible", "can sciatica cause",
        "could sciatica cause", "can this cause", "could this cause", "signs of",
        "symptoms of", "warning signs", "red flags", "red flag", "look out for",
        "watch out for", "watch for", "told me to watch", "tell you if", "when to", "if ever",
        "suppose", "supposing", "imagine", "would i", "will i", "going to", "unless",
        "i'd probably", "i would probably", "i would", "would probably", "would have",
        "terrified of", "terrified i", "petrified of", "petrified i", "terrified that",
        "paranoid about", "paranoid that", "anxious about", "nervous about",
        "would've", "could have", "could've", "let's say", "lets say",
        "could i", "might i", "before it gets", "prevent", "avoid", "in future",
        "ever get", "what are", "read about", "reading about", "heard", "google", "googled",
        "article", "leaflet", "asked me if", "asked if", "asking if", "tell me about",
        "how do i know", "how would i know", "is it bad", "is that bad", "is that a sign",
        "is it a sign", "mean i have", "does that mean", "hope i don't",
        "hope i never", "dread", "would that", "would it", "what would", "should it",
        "in case of", "risk of", "chance of", "possibility of", "can you get", "do people",
        "is there a risk", "could it", "might it", "worst case", "to check for",
        "asked about", "asks about", "asking about", "questions about", "question about",
        "check for", "checking for", "screen for", "screening for", "emergency if",
        "go to a and e if", "go to a&e if", "call 999 if", "call 911 if", "call 000 if",
        "what counts as", "define", "meaning of", "wondering about", "curious about",
    )),
    *((w, Context.HYPOTHETICAL, _BACKWARD, 8) for w in (
        "a bad sign", "a sign", "a red flag", "serious", "dangerous", "an emergency",
        "something to worry about", "worth worrying about", "normal with sciatica",
        "common with sciatica", "common", "what does that mean", "what does it mean",
        "something serious", "a worry", "worrying", "bad thing",
    )),
    # Someone else (until the writer speaks of themselves again: see _SUBJECT).
    *((f"my {p}", Context.OTHER_PERSON, _FORWARD, None) for p in _PEOPLE),
    *((f"{d} {p}", Context.OTHER_PERSON, _FORWARD, None)
      for d in ("the", "our", "her", "his", "their", "a") for p in _PEOPLE),
    *((w, Context.OTHER_PERSON, _FORWARD, 6) for w in (
        "me da", "me ma", "me mam", "me mum", "herself", "himself", "mum", "mom", "dad", "da",
        "nan", "hubby", "husband", "wife",
        "he", "she", "he's", "she's", "his", "someone", "somebody",
        "people", "everyone", "most people", "women", "men", "a lot of people",
        "some people", "anyone", "anybody",
    )),
    # Hedges: the words point at the symptom but say they are not sure.
    *((w, Context.POSSIBLE, _BOTH, 5) for w in (
        "maybe", "i think", "i guess", "possibly", "perhaps", "probably", "not sure",
    )),
    ("nearly", Context.NEGATED, _FORWARD, 2), ("almost", Context.NEGATED, _FORWARD, 2),
    *((w, Context.HYPOTHETICAL, _BOTH, 8) for w in (
        "a sign of", "mean", "means", "a symptom of", "is that a thing", "end up",
        "i'll end up", "ill end up", "say my",
    )),
    *((w, Context.POSSIBLE, _FORWARD, None) for w in (
        "might", "might be", "might have", "not sure if", "unsure", "i wonder", "wondering if",
        "could be", "seems", "i suppose", "hard to say", "hard to tell", "don't know if",
        "not 100", "not certain", "can't be sure", "i feel like",
    )),
    *((w, Context.POSSIBLE, _BACKWARD, 4) for w in (
        "or not", "or something", "i dunno", "don't know",
    )),
    # Words that end a modifier's reach: what follows is said of something else.
    *((w, None, _TERMINATE, None) for w in (
        "but", "however", "although", "though", "except", "apart from", "aside from",
        "whereas", "yet", "otherwise", "other than that", "and now", "now", "and then",
        "then", "so", "because", "which", "and i", "until", "till", "and my", "still",
        "as well", "also", "too", "except for", "instead", "only", "just",
    )),
    # Look like a modifier but are not: "didn't notice" an accident is the accident.
    *((w, None, _PSEUDO, None) for w in (
        "i'm afraid", "im afraid", "i am afraid",
        "didn't notice", "didn't realise", "didn't realize", "didn't know", "didn't think",
        "didn't even notice", "didn't even realise", "didn't even know", "don't know why",
        "no idea", "no doubt", "not only", "no wonder", "not just", "no matter", "not until",
        "can't believe", "don't think i can", "no warning", "no clue", "never noticed",
        "no longer", "not able", "nothing comes", "nothing came", "nothing will",
        "nothing happens", "nothing happened", "if i try", "if i wipe", "if i sit", "when i",
        "no reason", "for no reason", "not trying", "not dieting", "without trying",
        "not on a diet", "not even trying", "no one", "no-one", "not sure why", "don't know how",
        "no control", "not in control", "not stop", "can't stop", "not getting better",
        "not improving", "no better", "not better", "not any better", "not go away",
        "not gone away", "hasn't gone", "hasn't gone away", "won't go away", "not going away",
        "not wearing off", "hasn't worn off", "not right", "not normal", "not working",
        "never stops", "not a thing", "nothing helps", "nothing works", "not touching",
        "don't touch", "doesn't touch", "tell whether", "tell if", "know whether", "know if",
        "sure whether", "feel whether", "feel if", "understand whether", "tell when",
        "like someone", "like somebody", "as if someone", "as if somebody", "as though someone",
        "as though somebody", "never happened before", "never happened", "never had that",
        "never had this", "never done that", "never done this", "never been like this",
        "never before", "never in my life", "never ever had", "not resolved", "hasn't resolved",
        "has not resolved", "haven't resolved", "not settled", "hasn't settled",
        "not had before", "i've not had before", "never had before", "not had that before",
        "not just", "not only one", "not just one",
    )),
)

#: Words that may stand between a denial and the symptom it denies ("no *bladder or
#: bowel* problems", "I haven't *had any* numbness"): articles, "have / had / noticed /
#: any", other items of a list of symptoms. Anything else ("I didn't notice *until today
#: that* my groin is numb", "no pain *today*") means the denial is about something else.
#: Taken from the hand-written detector this reader replaced, where it scored better
#: than ConText's sentence-wide scope (docs/clinical-decisions.md, "Context").
BRIDGE: Final = frozenset({
    "a", "an", "the", "any", "my", "some", "more", "much", "further", "new", "other", "real",
    "really", "actual", "actually", "major", "big", "obvious", "significant", "serious", "such",
    "sign", "signs", "symptom", "symptoms", "kind", "sort", "type", "of", "at", "all", "ever",
    "once", "have", "has", "had", "having", "got", "get", "getting", "gotten", "been", "be",
    "being", "is", "are", "was", "were", "am", "experienced", "experiencing", "experience",
    "noticed", "notice", "noticing", "seen", "felt", "feel", "feeling", "suffer", "suffered",
    "suffering", "from", "developed", "develop", "with", "in", "to", "there", "there's",
    "currently", "recently", "lately", "yet", "longer", "problem", "problems", "bit", "trace",
    "hint", "ounce", "single", "speck",
    "issue", "issues", "trouble", "troubles", "change", "changes", "difficulty", "difficulties",
    "loss", "pain", "pains", "weakness", "numbness", "tingling", "numb", "tingly", "leg",
    "legs", "back", "bladder", "bowel", "bowels", "urine", "urinary", "groin", "saddle", "area",
    "region", "down", "below", "between", "around", "inner", "thigh", "thighs", "genitals",
    "privates", "crotch", "perineum", "anus", "bum", "bottom", "butt", "passage", "or", "nor",
    "and", "either", "'s", "i", "i've", "you", "your", "them", "those", "these", "it",
})
#: "And" joins two nouns under one denial only in "bladder and bowel" and "pins and needles".
_AND_JOINS: Final = frozenset({"bladder", "bowel", "bowels", "needles", "urine", "urinary"})
#: At most this many bridge words between a denial and what it denies.
BRIDGE_LIMIT: Final = 8
#: A clause with a subject or a verb is a statement, so an answer after it ("I wet
#: myself? No") is not read as denying it, as it is after a label ("bladder problems: no").
_STATEMENT: Final = frozenset({
    "i", "i'm", "i've", "i'd", "me", "myself", "is", "are", "was", "were", "am", "feel",
    "feels", "felt", "has", "have", "had", "got", "gets", "keep", "keeps", "kept", "went",
    "been", "'s",
})


def _denial(target: Any, modifier: Any, between: Any) -> bool:
    """ConText ``on_modifies`` for a denial either side of a symptom."""
    if target.start >= modifier.end:
        return _denial_governs(target, modifier, between)
    return len(between) <= _SHORT_ANSWER and _answer_denies(target, modifier, between)


def _denial_governs(target: Any, modifier: Any, between: Any) -> bool:
    """ConText ``on_modifies`` for denials before a symptom: only across bridge words."""
    doc = target.doc
    if len(between) > BRIDGE_LIMIT:
        return False
    for token in between:
        word = token.lower_
        if word == "and":
            before = doc[token.i - 1].lower_ if token.i else ""
            after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
            if before not in _AND_JOINS and after not in _AND_JOINS:
                return False
        elif word == ",":
            # A list under one denial: "no pain, numbness or tingling".
            if not any(t.lower_ in ("or", "nor") for t in doc[token.i + 1:token.i + 4]):
                return False
        elif word not in BRIDGE:
            return False
    return True


def _answer_denies(target: Any, modifier: Any, between: Any) -> bool:
    """ConText ``on_modifies`` for denials after a symptom: only after a label."""
    return not any(t.lower_ in _STATEMENT for t in target.doc[:modifier.start])


Rule = tuple[str, "Context | None", str, "int | None"]
#: A rule's direction and ``max_scope``.
Reach = tuple[str, "int | None"]
#: The one token-pattern rule, "haven't had any": its three words' choices, and its scope.
#: A new pattern rule must be yielded by :meth:`Judge._phrases` too, or the shortcut
#: there would not see it (tests/test_safety_reader_shortcuts.py would then fail).
_DENIED_ANY: Final = (
    frozenset({"haven't", "hasn't", "hadn't", "didn't", "don't", "never", "not"}),
    frozenset({"had", "got", "noticed", "felt", "seen", "experienced", "have", "get"}),
    frozenset({"any", "a"}),
)
_DENIED_ANY_SCOPE: Final = 6


@dataclass(frozen=True, slots=True)
class Assessed:
    """A finding and what its context says about it."""

    finding: Finding
    context: frozenset[Context]

    @property
    def theirs_now(self) -> bool:
        """The person reports it as their own, present symptom."""
        return not (self.context & NOT_THEIRS_NOW)


class Judge:
    """ConText with a rule set, built on first use; thread-safe.

    ``checks`` adds the bridge-word and label checks to the denial rules (the
    reader's choice); without them, and with medSpaCy's own clinical rules
    (``rules=None``), it is the plain algorithm the figures compare against.
    """

    def __init__(self, rules: Sequence[Rule] | None = RULES, *, checks: bool = True) -> None:
        self.rules = rules
        self.checks = checks
        self._lock = threading.Lock()
        self._nlp: Language | None = None
        self._context: Any = None
        #: Rule phrases by first word, then by length, with their direction and scope:
        #: a window is checked by dictionary look-ups.
        self._starts: dict[str, dict[int, dict[tuple[str, ...], Reach]]] | None = None
        # One window read once: a long message that repeats itself costs what its
        # distinct windows cost (the judgement depends on the window's words alone).
        self._judged = lru_cache(maxsize=JUDGED)(self._run)
        self._decided = lru_cache(maxsize=JUDGED)(self._decide)
        if rules is not None:
            self._starts = {}
            for literal, category, direction, scope in _unique(rules):
                if category is not None:
                    sequence = tuple(literal.split())
                    by_length = self._starts.setdefault(sequence[0], {})
                    by_length.setdefault(len(sequence), {})[sequence] = (direction, scope)

    def load(self) -> tuple[Language, Any]:
        """Build the pipeline once: a blank English spaCy and ConText."""
        with self._lock:
            if self._nlp is None:
                self._context, self._nlp = self._build()
            return self._nlp, self._context

    def _build(self) -> tuple[Any, Language]:
        with warnings.catch_warnings():
            # spaCy's command-line helpers import a name click has deprecated.
            warnings.simplefilter("ignore", DeprecationWarning)
            import spacy
            from loguru import logger

            # PyRuSH, which medSpaCy imports, logs every token at DEBUG through loguru.
            logger.disable("PyRuSH")
            from medspacy.context import ConText, ConTextRule
            from spacy.tokenizer import Tokenizer

        nlp = spacy.blank("en")
        # The reader's own tokens, as they are: rules are phrases of them.
        nlp.tokenizer = Tokenizer(nlp.vocab)
        context = ConText(
            nlp, rules=None if self.rules is not None else "default",
            input_span_type="group", span_group_name="symptoms",
            prune_on_target_overlap=True, span_attrs=None,
        )
        if self.rules is None:
            return context, nlp
        context.add([
            ConTextRule(
                literal, category.value if category is not None else direction,
                direction=direction, max_scope=scope,
                on_modifies=_on_modifies(category, direction) if self.checks else None,
                terminated_by={_SUBJECT} if category is Context.OTHER_PERSON else None,
            )
            for literal, category, direction, scope in _unique(self.rules)
        ])
        # The writer speaking of themselves ends the reach of "my husband", "she" ...
        context.add([ConTextRule(w, _SUBJECT, direction=_PSEUDO) for w in _SELF])
        # One token pattern (spaCy's Matcher warns when it has none): "haven't had any".
        context.add(ConTextRule(
            "denied having any", Context.NEGATED.value, direction=_FORWARD,
            max_scope=_DENIED_ANY_SCOPE,
            on_modifies=_denial_governs if self.checks else None, pattern=[
                {"LOWER": {"IN": sorted(words)}} for words in _DENIED_ANY]))
        return context, nlp

    def any_modifier(self, texts: Sequence[str], targets: Sequence[tuple[int, int]] = (),
                     own: Sequence[tuple[int, int]] | None = None) -> bool:
        """Whether a rule phrase in ``texts`` could modify one of ``own`` (pure Python).

        ``targets`` are every symptom span of the window, ``own`` the finding's (all
        of ``targets`` when ``None``). What ConText does, in the order it does it:
        a modifier that overlaps any target is dropped (``prune_on_target_overlap``,
        medSpaCy's overlap test :func:`_overlaps`: "not" of "can't feel, not at all"
        is part of a symptom phrase); a modifier reaches only targets in its scope,
        which its direction and ``max_scope`` set (:func:`_scope`) and other
        modifiers can only narrow. A window where no phrase passes both would come
        out of ConText with nothing said of the finding.
        """
        if self._starts is None:
            return True
        own = targets if own is None else own
        for start, end, (direction, scope) in self._phrases(texts):
            if any(_overlaps(target, (start, end)) for target in targets):
                continue
            reach = _scope(start, end, direction, scope, len(texts))
            if any(_overlaps(reach, target) for target in own):
                return True
        return False

    def _phrases(self, texts: Sequence[str]) -> Iterator[tuple[int, int, Reach]]:
        """Every rule phrase in ``texts`` (and "haven't had any"), where it stands."""
        starts = self._starts or {}
        for i, word in enumerate(texts):
            for length, sequences in starts.get(word, {}).items():
                reach = sequences.get(tuple(texts[i:i + length]))
                if reach is not None:
                    yield i, i + length, reach
            if (word in _DENIED_ANY[0] and i + 2 < len(texts)
                    and texts[i + 1] in _DENIED_ANY[1] and texts[i + 2] in _DENIED_ANY[2]):
                yield i, i + 3, (_FORWARD, _DENIED_ANY_SCOPE)

    def assess(self, tokens: Sequence[Token], finding: Finding,
               others: Sequence[Mention]) -> Assessed:
        """Run ConText on the finding's sentence (within :data:`WINDOW` tokens of it).

        ``others`` are every cue mention of the message, in text order (as
        :func:`~flows.symptoms.concepts.mentions` gives them): a modifier word that is
        part of a symptom phrase ("can't control", "no feeling") is not a
        modifier of anything. A window without any rule phrase outside those
        mentions is not given to ConText at all: nothing there could modify the
        finding.
        """
        low, high = _window(tokens, finding)
        texts = tuple(t.text for t in tokens[low:high])
        # ``others`` are in text order: the window's mentions are one run of them.
        first = bisect_left(others, low, key=_start)
        inside = list(takewhile(lambda m: m.start < high, islice(others, first, None)))
        inside = [m for m in inside if m.end <= high]
        spans = tuple((m.start - low, m.end - low) for m in inside)
        own = frozenset(index for index, m in enumerate(inside) if m in finding.cues)
        return Assessed(finding, self._decided(texts, spans, own))

    def _decide(self, texts: tuple[str, ...], spans: tuple[tuple[int, int], ...],
                own: frozenset[int]) -> frozenset[Context]:
        """What ConText says of the ``own`` spans of a window (run only if something can)."""
        if not self.any_modifier(texts, spans, [spans[index] for index in own]):
            return frozenset()
        return frozenset(c for index, c in self._judged(texts, spans) if index in own)

    def _run(self, texts: tuple[str, ...],
             spans: tuple[tuple[int, int], ...]) -> frozenset[tuple[int, Context]]:
        """ConText on one window: which span (by index) each context modifies.

        The result does not depend on which finding asked, so every finding of one
        window shares one run.
        """
        nlp, context = self.load()
        from spacy.tokens import Doc, Span

        # The window is one sentence (set as the Doc is made: cheaper than token by token).
        doc = Doc(nlp.vocab, words=list(texts), sent_starts=[i == 0 for i in range(len(texts))])
        doc.spans["symptoms"] = [
            Span(doc, start, end, label=str(index))
            for index, (start, end) in enumerate(spans)
        ]
        with self._lock:
            context(doc)
        return frozenset(
            (int(target.label_), Context(modifier.category))
            for target, modifier in doc._.context_graph.edges
            if modifier.category in _CATEGORIES
        )


_CATEGORIES: Final = frozenset(c.value for c in Context)
#: The writer speaking of themselves: "I", or their own clothes and body ("my daughter
#: noticed *my skirt* was wet").
_SELF: Final = ("i", "i'm", "i've", "i'd", "me", "myself", *(f"my {w}" for w in (
    "skirt", "pants", "trousers", "knickers", "underwear", "undies", "jeans", "shorts",
    "pyjamas", "bed", "sheets", "clothes", "bum", "bottom", "groin", "bladder", "bowels",
    "legs", "leg", "foot", "back", "privates", "crotch", "butt", "arse", "bits", "own",
)))
_SUBJECT: Final = "SUBJECT"


def _scope(start: int, end: int, direction: str, max_scope: int | None,
           length: int) -> tuple[int, int]:
    """The tokens a modifier at ``start:end`` reaches in a one-sentence window, at first.

    medSpaCy's ``ConTextModifier.__set_scope`` without a global ``max_scope``.
    """
    if direction == _FORWARD:
        low, high = end, length
        if max_scope is not None and high - low > max_scope:
            high = end + max_scope
    elif direction == _BACKWARD:
        low, high = 0, start
        if max_scope is not None and high - low > max_scope:
            low = start - max_scope
    else:
        low, high = 0, length
        if max_scope is not None and start - low > max_scope:
            low = start - max_scope
        if max_scope is not None and high - end > max_scope:
            high = end + max_scope
    return low, high


def _start(mention: Mention) -> int:
    return mention.start


def _overlaps(target: tuple[int, int], modifier: tuple[int, int]) -> bool:
    """Whether medSpaCy's ``tuple_overlaps(target, modifier)`` holds (ConText prunes by it).

    Not symmetric: a modifier that starts before a target and ends after it is kept.
    """
    return (target[0] <= modifier[0] < target[1]) or (target[0] < modifier[1] <= target[1])


def _on_modifies(category: Context | None, direction: str) -> Any:
    """The extra check a rule makes before it modifies a symptom, if any."""
    if category is Context.NEGATED and direction == _BOTH:
        return _denial
    if category is Context.NEGATED and direction == _FORWARD:
        return _denial_governs
    if category is Context.NEGATED and direction == _BACKWARD:
        return _answer_denies
    return None


def _unique(rules: Sequence[Rule]) -> list[Rule]:
    """Rules as space-joined token phrases, the first of any repeated phrase kept."""
    seen: dict[str, Rule] = {}
    for phrase, category, direction, scope in rules:
        seen.setdefault(" ".join(words(phrase)), (phrase, category, direction, scope))
    return [(literal, c, d, s) for literal, (_, c, d, s) in seen.items()]


#: The reader's judge: the lay rules with the bridge-word and label checks.
JUDGE: Final = Judge()


def assess(tokens: Sequence[Token], finding: Finding, others: Sequence[Mention]) -> Assessed:
    """:meth:`Judge.assess` of the reader's own judge."""
    return JUDGE.assess(tokens, finding, others)


def _window(tokens: Sequence[Token], finding: Finding) -> tuple[int, int]:
    """The tokens of the finding's sentence within :data:`WINDOW` of it."""
    start, end = finding.start, finding.end  # each a min or max over the cues: taken once
    low = start
    while low > 0 and start - low < WINDOW and tokens[low - 1].text not in SENTENCE_END:
        low -= 1
    high = end
    while (high < len(tokens) and high - end < WINDOW
           and tokens[high - 1].text not in SENTENCE_END):
        high += 1
    if high < len(tokens) and len(tokens) - high <= _SHORT_ANSWER:
        high = len(tokens)  # "numb groin? not at all": the answer belongs to the question
    return low, high
