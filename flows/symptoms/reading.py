"""Layer 5 of the safety reader: what the bot should do about a message.

Two tiers (PROTOCOL.md section 1): a symptom the person clearly reports as
theirs, now, raises its alert at once; one the words only point at (a vague
description, a hedge, a spelling the reader had to guess) gets one yes/no
question that names it. Anything that names a red flag at all, even to deny
it, is *touched*: the bot never answers such a message with "Sorry, I
didn't catch that".
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final

from core.messages import Alert
from flows.symptoms.assertion import JUDGE, Assessed, Context, assess
from flows.symptoms.concepts import Finding, Mention, Tier, findings, mentions, vocabulary
from flows.symptoms.concerns import SEVERITY, Concern
from flows.symptoms.lexicon import Cue
from flows.symptoms.resemblance import model
from flows.symptoms.signs import family_history
from flows.symptoms.spelling import Speller, speller
from flows.symptoms.text import Token, normal_form, tokenise

#: A finding with a cue that needed more spelling corrections than this is only asked
#: about: one slip per word ("numnb", "dwon") is a typo, two in one word is a guess.
CERTAIN_EDITS: Final = 1
#: Answers that never name a symptom, read without loading anything.
_ORDINARY: Final = frozenset({
    "yes", "no", "yeah", "yep", "yup", "nope", "nah", "done", "skip", "ok", "okay", "sure",
    "thanks", "thank", "you", "menu", "help", "later", "start", "stop", "not", "yet",
    "please", "the", "a", "too", "painful", "go", "on", "today", "now", "out", "of", "ten",
    "about", "it's", "its", "is", "i'd", "say", "my", "pain", "maybe", "am", "pm", "at",
    "and", "half", "past", "quarter", "to", "o'clock", "oclock", "morning", "evening",
    "night", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "zero", "checkin", "tips", "exercises", "progress", "review", "hi", "hello", "hey",
})


#: Readings kept for a message read again in the same turn (a few turns in flight at once).
READINGS_KEPT: Final = 64


@dataclass(frozen=True, slots=True)
class Reading:
    """What a message says about red flags, and what the bot should do."""

    #: Concerns reported clearly, most severe first: their alerts are raised at once.
    certain: tuple[Concern, ...] = ()
    #: The one concern to ask about (more severe than anything certain), if any.
    ask: Concern | None = None
    #: The message names a red flag at all (also when denied, past or someone else's).
    touched: bool = False
    #: Every finding with its context, for the figures and the tests.
    assessed: tuple[Assessed, ...] = ()

    @property
    def alert(self) -> Concern | None:
        """The most severe concern reported clearly."""
        return self.certain[0] if self.certain else None


NOTHING: Final = Reading()
#: Cues that name a red flag on their own: a message with one "touches" it, even when
#: it says nothing wrong ("my bladder is fine").
RED_FLAG_WORDS: Final = frozenset({
    Cue.SADDLE, Cue.WIDE, Cue.URINE, Cue.BOWEL, Cue.CONTROL, Cue.LEAK, Cue.LEAK_VAGUE,
    Cue.LEAK_VERB,
    Cue.RETAIN, Cue.URGE_LOST, Cue.SADDLE_FEELING, Cue.FEVER, Cue.SWEATS, Cue.WEIGHT_LOSS,
    Cue.CANCER, Cue.FOOT_DROP, Cue.GIVING_WAY, Cue.UNCONTROLLED,
})


#: Cues that let layer 6 weigh a message: words of the saddle, bottom, bladder, bowel,
#: toilet, clothes and legs, of feeling and of holding. Chat without them is never asked about.
STATISTICAL_GATE: Final = frozenset({
    Cue.SENSE, Cue.ODD, Cue.SADDLE, Cue.BOTTOM, Cue.BOTTOM_ONE, Cue.BOTTOM_BOTH,
    Cue.SADDLE_FEELING, Cue.WIDE, Cue.TOILET, Cue.URINE, Cue.BOWEL, Cue.CONTROL,
    Cue.ORGAN_FAIL, Cue.LEAK, Cue.LEAK_VERB, Cue.ACT_PAST, Cue.LEAK_VAGUE, Cue.CLOTHES,
    Cue.WET, Cue.UNNOTICED, Cue.RETAIN, Cue.RETAIN_VAGUE, Cue.URGE_LOST, Cue.CONSTIPATION,
    Cue.LEGS, Cue.GIVING_WAY, Cue.HOLD, Cue.NOTICE,
})


#: Cues with which the rules rule an emergency out (see :func:`opens_gate`).
RULED_OUT: Final = frozenset({
    Cue.BLOCK, Cue.WET_EXPLAINED, Cue.SITTING, Cue.BOTTOM_ONE, Cue.CONSTIPATION, Cue.EXERTION,
})


#: Cues ConText sees only where a concept used them. Every other mention is a span, so a
#: word inside a symptom phrase ("it's *gone* numb", "*don't* know why") is not read as a
#: modifier; but the parts that compose concepts ("don't" of "don't lift") would then hide
#: real denials, and an explanation ("the *dog*") would hide "my dog" from ConText.
SPAN_IF_USED: Final = frozenset({
    Cue.UNABLE, Cue.MOVE, Cue.MOTOR, Cue.BETTER, Cue.EXERTION, Cue.STRENGTH, Cue.SEVERE,
    Cue.WEIGHT, Cue.LOSE, Cue.SPREAD, Cue.WORSE, Cue.WET_EXPLAINED, Cue.ON_PURPOSE, Cue.HOLD,
    Cue.NOTICE, Cue.UNNOTICED,
})

Judge = Callable[[Sequence[Token], Finding, Sequence[Mention]], Assessed]


def corrected(text: str, spell: Speller | None = None) -> list[Token]:
    """Layers 1 and 2: the message's tokens, misspelled symptom words put right."""
    tokens = tokenise(normal_form(text))
    if all(t.text in _ORDINARY or len(t.text) < 3 or not t.text.isalpha() for t in tokens):
        return tokens
    known = vocabulary()
    spell = spell or speller(known)
    out = []
    for token in tokens:
        if token.text.endswith("in") and token.text not in known and token.text + "g" in known:
            # "tinglin", "mornin": the dropped g of speech, not a typo
            token = Token(token.text + "g", token.start, token.end)
        elif token.text not in known and spell.needs_correcting(token.text):
            fix = spell.correct(token.text)
            if fix is not None:
                token = Token(fix[0], token.start, token.end, fix[1])
        out.append(token)
    return out


#: A message that takes every layer: spelling, concepts, ConText, and the model's gate.
_EVERY_LAYER: Final = "my groin is numb and I didnt feel the wee come, not had a fever"


def warm_up() -> None:
    """Load every layer now (spaCy and ConText, SymSpell, the model).

    Long-running modes and the terminal chat call it at start-up (in the background),
    so the first symptom a person types is read at once, not after 2-3 s of loading.
    Idempotent and thread-safe: the layers load once behind their own locks.

    Then it moves everything loaded so far out of the cyclic garbage collector's
    reach (``gc.freeze``): spaCy, ConText, SymSpell and the model are hundreds of
    thousands of long-lived objects, and a full collection that walks them stalled
    one message in a few hundred for 0.7-0.9 s (``python -m bench.detector``).
    """
    JUDGE.load()
    model()
    read(_EVERY_LAYER)
    gc.collect()
    gc.freeze()


def read_once(text: str) -> Reading:
    """Read one message for red flags, never from the cache (what the benchmarks time)."""
    return read_with(text, assess, statistical=True)


@lru_cache(maxsize=READINGS_KEPT)
def read(text: str) -> Reading:
    """Read one message for red flags (pure; safe from any thread).

    Cached: a turn reads its message before any step does, and the safety
    questions' yes/no reader reads the same message again.
    """
    return read_once(text)


def read_with(text: str, judge: Judge, spell: Speller | None = None,
              statistical: bool = False) -> Reading:
    """:func:`read` with another context layer or speller, with or without layer 6.

    Layer 6 (:mod:`~flows.symptoms.resemblance`) runs only on messages that name a
    body part or function of the cauda equina questions and in which the rules found
    no emergency concept at all; it can only add the safety question.
    """
    tokens = corrected(text, spell)
    if all(t.text in _ORDINARY or len(t.text) < 3 for t in tokens):
        return NOTHING
    everything = mentions(tokens)
    reading = _by_rules(tokens, everything, judge)
    if (not statistical or finds_emergency(reading) or not opens_gate(everything)
            or not model().resembles(tokens)):
        return reading
    return replace(reading, ask=Concern.NERVE_EMERGENCY, touched=True)


def opens_gate(everything: Sequence[Mention]) -> bool:
    """Whether layer 6 may weigh a message: two parts of an emergency, none ruled out.

    Two different words of :data:`STATISTICAL_GATE` make a partial description ("no
    idea I needed to go, then it was happening"); one alone is ordinary ("I need to
    pee"). A word the rules use to rule a reading out (:data:`RULED_OUT`: numbness
    from sitting, one buttock, a wet explained by rain, a phrase that is no symptom)
    means the rules weighed it.
    """
    cues = {m.cue for m in everything}
    return len(cues & STATISTICAL_GATE) >= 2 and not cues & RULED_OUT


def finds_emergency(reading: Reading) -> bool:
    """Whether the rules already weighed an emergency concept (whatever they decided).

    Layer 6 reads wording the rules do not know; it does not overrule what ConText
    said of a concept they found ("I haven't wet myself" stays a denial).
    """
    concerns = [*reading.certain, *([reading.ask] if reading.ask is not None else []),
                *(a.finding.concern for a in reading.assessed)]
    return any(c.level is Alert.EMERGENCY for c in concerns)


def _by_rules(tokens: Sequence[Token], everything: list[Mention], judge: Judge) -> Reading:
    """Layers 3 to 5: concepts, their context, the two tiers."""
    found = findings(tokens, everything)
    if not found:
        touched = any(m.cue in RED_FLAG_WORDS for m in everything)
        return Reading(touched=True) if touched else NOTHING
    ordered = sorted(found, key=lambda f: (-SEVERITY[f.concern.level], f.tier != Tier.CERTAIN))
    texts = [t.text for t in tokens]
    ignore = set()
    if _says(texts, _OWN_REPORT):
        ignore |= {Context.HYPOTHETICAL, Context.POSSIBLE}
    if _says(texts, _PROXY):
        ignore.add(Context.OTHER_PERSON)
    used = {m for f in found for m in f.cues}
    spans = [m for m in everything if m.cue not in SPAN_IF_USED or m in used]
    assessed: list[Assessed] = []
    settled: set[Concern] = set()
    for finding in ordered:
        if finding.concern in settled:
            continue  # already reported clearly: another wording of it changes nothing
        result = judge(tokens, finding, spans)
        drop = ignore | _ignored_for(tokens, finding, result)
        if drop & result.context:
            result = Assessed(finding, result.context - drop)
        assessed.append(result)
        if _tier(result) is Tier.CERTAIN:
            if finding.concern.level == "emergency":
                break
            settled.add(finding.concern)
    return decide(assessed)


#: Words that say the writer reports the symptom as theirs even inside a question ("what
#: does it mean if your crotch goes numb? mine did today") or for someone else who cannot
#: type ("husband here typing for my wife").
_OWN_REPORT: Final = (("mine", "did"), ("mine", "has"), ("mine", "is"), ("mine", "does"),
                      ("happened", "to", "me"), ("i", "have", "that"), ("that's", "me"))
_PROXY: Final = (("typing", "for"), ("writing", "for"), ("on", "behalf", "of"),
                 ("messaging", "for"), ("typing", "this", "for"), ("writing", "this", "for"))


def _ignored_for(tokens: Sequence[Token], finding: Finding, result: Assessed) -> set[Context]:
    """Context that does not take a finding away from the person.

    A cancer in the past, or in a blood relative, is still the person's history of
    cancer (PROTOCOL.md section 1).
    """
    if any(m.cue is Cue.PERSIST for m in finding.cues):
        return {Context.HISTORICAL}  # "got up ages ago and it's still numb"
    if finding.concern is not Concern.CANCER:
        return set()
    drop = {Context.HISTORICAL}
    if Context.OTHER_PERSON in result.context and family_history(tokens, finding):
        drop.add(Context.OTHER_PERSON)
    return drop


def _says(texts: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> bool:
    """Whether ``texts`` hold one of ``phrases``: slices compared only where a first word is."""
    starts = {p[0] for p in phrases}
    return any(tuple(texts[i:i + len(p)]) == p
               for i, word in enumerate(texts) if word in starts
               for p in phrases if p[0] == word)


def _tier(result: Assessed) -> Tier | None:
    """The finding's tier once context and spelling are weighed; ``None`` if not theirs now."""
    if not result.theirs_now:
        return None
    finding: Finding = result.finding
    if finding.tier is Tier.POSSIBLE:
        return Tier.POSSIBLE
    if finding.worst_edits > CERTAIN_EDITS:
        return Tier.POSSIBLE
    return Tier.CERTAIN


def decide(assessed: list[Assessed]) -> Reading:
    """The two tiers from assessed findings."""
    certain: list[Concern] = []
    possible: list[Concern] = []
    for result in assessed:
        tier = _tier(result)
        if tier is Tier.CERTAIN and result.finding.concern not in certain:
            certain.append(result.finding.concern)
        elif tier is Tier.POSSIBLE and result.finding.concern not in possible:
            possible.append(result.finding.concern)
    if Concern.SURGICAL in certain:
        # Weakness with pain no medicine controls: the surgical advice says it all.
        certain = [c for c in certain if c is not Concern.WORSENING]
        possible = [c for c in possible if c is not Concern.WORSENING]
    certain.sort(key=lambda c: -SEVERITY[c.level])
    top = SEVERITY[certain[0].level] if certain else 0
    worse = [c for c in possible if SEVERITY[c.level] > top]
    worse.sort(key=lambda c: -SEVERITY[c.level])
    ask = worse[0] if worse else None
    if ask is None and Concern.LEGS_GIVING_WAY in certain:
        ask = Concern.CAUDA_EQUINA
    return Reading(tuple(certain), ask, touched=True, assessed=tuple(assessed))
