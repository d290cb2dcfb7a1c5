"""Layer 3 of the safety reader: concepts, a symptom at a body site.

Cues from the lexicon are found in the (spelling-corrected) tokens, then
combined within a sentence: a sensation near a saddle site is saddle
numbness, a lost-control phrase near the bladder is incontinence, a foot
that drags with pain no tablet touches is a case for surgical review. Each
combination is a :class:`Finding` with a tier: ``certain`` when the words
say it fully, ``possible`` when they only point at it (a vague "feels
weird down there", a bottom numb on a side not said, "nothing comes out"
without saying of what). Whether the person says they *have* it (and not
"no", "years ago", "what if", "my son") is the next layer's job.

Every step looks at a bounded neighbourhood of each cue, so the time grows
with the length of the message, never its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Final

from flows.symptoms.concerns import Concern
from flows.symptoms.lexicon import Cue, phrases
from flows.symptoms.text import SENTENCE_END, Token

#: Words that end a clause as well as a sentence: what follows them is said of something else.
CLAUSE_END: Final = SENTENCE_END | frozenset({
    "but", "however", "although", "though", "except", "whereas", "otherwise",
})
#: How far apart (in tokens) two cues of one concept may stand.
NEAR: Final = 10
#: Words that may stand between a sensation and a bottom word ("my bum's gone all numb",
#: "numb across both sides of my bottom"); anything else and the two are about different
#: places ("the pain runs from my bum down to my numb foot").
_BOTTOM_FILLER: Final = frozenset({
    "is", "are", "isn't", "not", "feels", "feel", "felt", "feeling", "has", "have", "had",
    "gone", "goes", "going", "went", "got", "gets", "getting", "become", "becoming", "all",
    "completely", "totally", "a", "bit", "kind", "sort", "of", "kinda", "really", "so", "very",
    "quite", "slightly", "now", "also", "still", "been", "just", "keeps", "keep", "and", "both",
    "area", "region", "crack", "in", "on", "around", "across", "over", "at", "my", "the",
    "sides", "whole", "entire", "under", "between", "'s", "fully", "pretty",
})
#: Words between a sensation and a bottom word that move the sentence elsewhere.
_ELSEWHERE: Final = frozenset({
    "down", "to", "into", "through", "runs", "goes", "going", "radiates", "shoots", "from",
    "until", "till", "towards",
})
#: Neighbours that make "wet" or a leak a toilet accident.
_BODY_WASTE = frozenset({Cue.URINE, Cue.BOWEL, Cue.CLOTHES})


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


_END = ""
_PROBLEM_WORDS = frozenset({
    "problem", "problems", "issue", "issues", "trouble", "troubles", "worries", "concerns",
    "changes", "change", "difficulties", "difficulty",
})


@cache
def trie() -> dict[str, object]:
    """Every lexicon phrase in a token trie; a node's ``""`` key holds the cues ending there."""
    root: dict[str, object] = {}
    for cue, sequences in phrases().items():
        for sequence in sequences:
            node = root
            for word in sequence:
                node = node.setdefault(word, {})  # type: ignore[assignment]
            ends = node.setdefault(_END, set())
            ends.add(cue)  # type: ignore[attr-defined]
    return root


@cache
def vocabulary() -> frozenset[str]:
    """Every word of a phrase the speller may correct towards (not the blocking ones)."""
    return frozenset(w for cue, ps in phrases().items() if cue is not Cue.BLOCK
                     for p in ps for w in p)


def mentions(tokens: Sequence[Token]) -> list[Mention]:
    """Every cue in ``tokens`` (longest phrase per cue and start), blocked ones dropped."""
    root = trie()
    found: list[Mention] = []
    texts = [t.text for t in tokens]
    for start in range(len(texts)):
        node = root.get(texts[start])
        end = start + 1
        longest: dict[Cue, int] = {}
        while isinstance(node, dict):
            for cue in node.get(_END, ()):
                longest[cue] = end
            if end >= len(texts):
                break
            node = node.get(texts[end])
            end += 1
        for cue, stop in longest.items():
            edits = sum(t.edits for t in tokens[start:stop])
            found.append(Mention(cue, start, stop, edits))
    blocks = [m for m in found if m.cue is Cue.BLOCK]
    leaks = [m for m in found if m.cue is Cue.LEAK]
    return [m for m in found if m.cue is Cue.BLOCK or not (
        # Part of a blocking phrase, or ending where one starts ("no need to go to the GP").
        any(b.start < m.end and m.start < b.end and not (m.start <= b.start and b.end <= m.end)
            for b in blocks)
        # "haven't peed myself" is a denied accident, not retention.
        or (m.cue is Cue.RETAIN and any(b.start < m.end and m.start < b.end for b in leaks))
        # "no bladder control problems" denies problems.
        or (m.cue is Cue.CONTROL and m.end < len(texts) and texts[m.end] in _PROBLEM_WORDS)
    )]


def clause_ids(tokens: Sequence[Token]) -> list[int]:
    """For each token, the number of the clause it is in."""
    ids, current = [], 0
    for token in tokens:
        if token.text in CLAUSE_END:
            current += 1
        ids.append(current)
    return ids


def sentence_ids(tokens: Sequence[Token]) -> list[int]:
    """For each token, the number of the sentence it is in."""
    ids, current = [], 0
    for token in tokens:
        if token.text in SENTENCE_END:
            current += 1
        ids.append(current)
    return ids


class _Scene:
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


def findings(tokens: Sequence[Token], found: Sequence[Mention]) -> list[Finding]:
    """Every concept the tokens point at, from their mentions (before context is weighed)."""
    if not found:
        return []
    scene = _Scene(tokens, found)
    out: list[Finding] = []
    _sensation(scene, out)
    _control(scene, out)
    _leaks(scene, out)
    _retention(scene, out)
    _legs_and_weakness(scene, out)
    _general_signs(scene, out)
    return out


def _add(out: list[Finding], concern: Concern, tier: Tier, *cues: Mention) -> None:
    out.append(Finding(concern, tier, tuple(sorted(set(cues), key=lambda m: m.start))))


def _sensation(s: _Scene, out: list[Finding]) -> None:
    """Saddle numbness, numbness on wiping, and the bottom."""
    for sense in s.all(Cue.SENSE):
        for site in s.near(sense, Cue.SADDLE, Cue.WIDE):
            _add(out, Concern.SADDLE_NUMBNESS, Tier.CERTAIN, sense, site)
        for toilet in s.near(sense, Cue.TOILET, same="sentence"):
            _add(out, Concern.TOILET_FEELING, Tier.CERTAIN, sense, toilet)
        for bottom in s.near(sense, Cue.BOTTOM_BOTH, Cue.BOTTOM, Cue.BOTTOM_ONE, within=6):
            low, high = min(sense.end, bottom.end), max(sense.start, bottom.start)
            if set(s.texts[low:high]) & _ELSEWHERE or s.inside(low, high, Cue.LEG, Cue.LEGS):
                continue  # "from my bum down to my numb foot"
            tier = _bottom_tier(s, sense, bottom)
            if tier is not None:
                _add(out, Concern.SADDLE_NUMBNESS, tier, sense, bottom)
        if s.near(sense, Cue.SITTING) and not s.near(
                sense, Cue.SADDLE, Cue.BOTTOM, Cue.BOTTOM_ONE, Cue.BOTTOM_BOTH, Cue.LEG, Cue.LEGS,
                within=20, same="sentence"):
            # "numbness from sitting normally goes in a minute but it's been all day"
            tier = _bottom_tier(s, sense, sense)
            if tier is not None:
                _add(out, Concern.SADDLE_NUMBNESS, Tier.POSSIBLE, sense)
        for act in s.near(sense, Cue.URINE, within=6, same="sentence"):
            # "took a leak and couldn't feel anything, not the flow"
            _add(out, Concern.BLADDER_CONTROL, Tier.CERTAIN, sense, act)
    for saddle in s.all(Cue.SADDLE_FEELING):
        _add(out, Concern.SADDLE_NUMBNESS, Tier.CERTAIN, saddle)
    for odd in s.all(Cue.ODD):
        for site in s.near(odd, Cue.SADDLE, Cue.WIDE, within=6):
            _add(out, Concern.SADDLE_NUMBNESS, Tier.POSSIBLE, odd, site)
        for toilet in s.near(odd, Cue.TOILET, within=6, same="sentence"):
            _add(out, Concern.TOILET_FEELING, Tier.POSSIBLE, odd, toilet)


def _bottom_tier(s: _Scene, sense: Mention, bottom: Mention) -> Tier | None:
    """Numbness of the bottom: both sides is saddle numbness, one side is sciatica.

    Numbness from sitting that passes on standing is the chair, not the nerves;
    numbness from sitting that has not passed is asked about or alerted on.
    """
    both = (bottom.cue is Cue.BOTTOM_BOTH or bool(s.in_clause(sense, Cue.BOTH))
            or (s.has(Cue.LEFT) and s.has(Cue.RIGHT)))
    one_side = (bottom.cue is Cue.BOTTOM_ONE
                or bool(s.in_clause(bottom, Cue.SIDE, Cue.LEFT, Cue.RIGHT)))
    sitting = [m for m in s.all(Cue.SITTING) if not (m.start and s.texts[m.start - 1] == "not")]
    if s.has(Cue.SIDE) or (not both and one_side):
        return None
    persist = s.all(Cue.PERSIST)
    passes = [p for p in s.all(Cue.PASSES)
              if not any(q.start < p.end and p.start < q.end for q in persist)]
    if sitting:
        if persist and not passes:
            return Tier.CERTAIN if both else Tier.POSSIBLE
        return None
    return Tier.CERTAIN if both else Tier.POSSIBLE


def _organ_concern(s: _Scene, anchor: Mention, within: int = NEAR) -> Concern | None:
    """Bladder or bowel, by the organ named near ``anchor`` (bladder when both)."""
    if s.near(anchor, Cue.URINE, within=within, same="sentence"):
        return Concern.BLADDER_CONTROL
    if s.near(anchor, Cue.BOWEL, within=within, same="sentence"):
        return Concern.BOWEL_CONTROL
    return None


def _control(s: _Scene, out: list[Finding]) -> None:
    """Lost control of the bladder or bowel."""
    for control in s.all(Cue.CONTROL):
        organs = s.near(control, Cue.URINE, Cue.BOWEL, Cue.TOILET, Cue.CLOTHES,
                        same="sentence")
        concern = _organ_concern(s, control)
        if concern is not None:
            _add(out, concern, Tier.CERTAIN, control, *organs)
        elif organs:
            _add(out, Concern.BLADDER_CONTROL, Tier.CERTAIN, control, *organs)
    for fail in s.all(Cue.ORGAN_FAIL):
        for organ in s.near(fail, Cue.URINE, Cue.BOWEL, within=3):
            if organ.start < fail.start:
                concern = (Concern.BOWEL_CONTROL if organ.cue is Cue.BOWEL
                           else Concern.BLADDER_CONTROL)
                _add(out, concern, Tier.CERTAIN, organ, fail)
    for problem in s.all(Cue.PROBLEM, Cue.ODD):
        if s.near(problem, Cue.WET_EXPLAINED, same="sentence"):
            continue  # "a water infection", "stinging"
        for organ in s.near(problem, Cue.URINE, Cue.BOWEL, within=4):
            if organ.cue is Cue.BOWEL and s.has(Cue.CONSTIPATION):
                continue
            concern = (Concern.BOWEL_CONTROL if organ.cue is Cue.BOWEL
                       else Concern.BLADDER_CONTROL)
            _add(out, concern, Tier.POSSIBLE, problem, organ)


def _leaks(s: _Scene, out: list[Finding]) -> None:
    """Accidents: wetting or soiling, in bed or unnoticed."""
    for leak in s.all(Cue.LEAK):
        if s.near(leak, Cue.WET_EXPLAINED, same="sentence"):
            continue  # a period, an infection, a laugh
        unnoticed = s.near(leak, Cue.UNNOTICED, same="sentence")
        concern = _leak_concern(s, leak)
        if unnoticed:
            concern = Concern.UNNOTICED_WETNESS
        _add(out, concern, Tier.CERTAIN, leak, *unnoticed)
    for verb in s.all(Cue.LEAK_VERB):
        waste = s.near(verb, *_BODY_WASTE, within=4)
        if waste:
            _add(out, _leak_concern(s, verb), Tier.CERTAIN, verb, *waste)
    for vague in s.all(Cue.LEAK_VAGUE):
        _add(out, Concern.BLADDER_CONTROL, Tier.POSSIBLE, vague)
    for wet in s.all(Cue.WET):
        clothes = s.near(wet, Cue.CLOTHES, within=5, same="sentence")[:1]
        explained = [m for m in s.near(wet, Cue.WET_EXPLAINED, same="sentence")
                     if not (m.start and s.texts[m.start - 1] in ("not", "no"))]
        if not clothes or explained:
            continue
        unnoticed = s.near(wet, Cue.UNNOTICED, same="sentence")
        urine = s.near(wet, Cue.URINE, same="sentence")
        tier = Tier.CERTAIN if unnoticed or urine else Tier.POSSIBLE
        if tier is Tier.POSSIBLE and s.has(Cue.SWEATS, Cue.FEVER):
            continue
        _add(out, Concern.UNNOTICED_WETNESS, tier, wet, *clothes, *unnoticed, *urine)
    for act in s.all(Cue.LEAK_VERB, Cue.ACT_PAST):
        # "peed a bit bending down for the floss and didn't feel it coming"
        unfelt = s.near(act, Cue.UNNOTICED, within=16, same="message")
        if unfelt:
            _add(out, Concern.UNNOTICED_WETNESS, Tier.CERTAIN, act, unfelt[0])
    for missed in s.all(Cue.UNNOTICED):
        for act in s.near(missed, Cue.URINE, Cue.BOWEL, within=4):
            concern = (Concern.BOWEL_CONTROL if act.cue is Cue.BOWEL
                       else Concern.BLADDER_CONTROL)
            _add(out, concern, Tier.CERTAIN, missed, act)


def _leak_concern(s: _Scene, leak: Mention) -> Concern:
    """Soiling is the bowel, anything else the bladder."""
    if s.near(leak, Cue.BOWEL, within=3):
        return Concern.BOWEL_CONTROL
    return Concern.BLADDER_CONTROL


def _retention(s: _Scene, out: list[Finding]) -> None:
    """Cannot pass urine, cannot tell when the bladder is full."""
    constipated = s.has(Cue.CONSTIPATION)
    for retain in s.all(Cue.RETAIN):
        _add(out, Concern.RETENTION, Tier.CERTAIN, retain)
    for lost in s.all(Cue.URGE_LOST):
        _add(out, Concern.RETENTION, Tier.CERTAIN, lost)
    for vague in s.all(Cue.RETAIN_VAGUE):
        if constipated:
            continue
        urine = s.near(vague, Cue.URINE, within=20, same="message")
        if urine and not s.near(vague, Cue.BOWEL, within=6):
            _add(out, Concern.RETENTION, Tier.CERTAIN, vague, urine[0])
            continue
        if s.has(Cue.BOWEL):
            continue
        toilet = s.near(vague, Cue.TOILET, within=20, same="message")
        if toilet:
            _add(out, Concern.RETENTION, Tier.POSSIBLE, vague, *toilet)


def _legs_and_weakness(s: _Scene, out: list[Finding]) -> None:
    """Both legs, legs giving way, weakness getting worse, and the surgical combination."""
    for legs in s.all(Cue.LEGS):
        giving = s.near(legs, Cue.GIVING_WAY, same="sentence")
        if giving:
            _add(out, Concern.LEGS_GIVING_WAY, _legs_tier(legs), legs, *giving)
            continue
        pain = s.near(legs, Cue.LEG_PAIN, Cue.SENSE, Cue.WEAK, same="sentence")
        if pain:
            _add(out, Concern.BOTH_LEGS, _legs_tier(legs), legs, *pain)
    weakness = s.all(Cue.FOOT_DROP)
    for weak in s.all(Cue.WEAK):
        if s.near(weak, Cue.LEG, Cue.LEGS, same="sentence"):
            weakness.append(weak)
    for gives in s.all(Cue.GIVING_WAY):
        if s.near(gives, Cue.LEG, within=4) and not s.near(gives, Cue.LEGS):
            weakness.append(gives)
    uncontrolled = s.all(Cue.UNCONTROLLED) + [
        m for m in s.all(Cue.NO_EFFECT) if s.near(m, Cue.MEDICINE, same="sentence")
    ]
    for weak in weakness:
        if uncontrolled:
            _add(out, Concern.SURGICAL, Tier.CERTAIN, weak, *uncontrolled[:1])
        worse = s.near(weak, Cue.WORSE, within=6, same="sentence")
        if weak.cue is Cue.FOOT_DROP or worse:
            _add(out, Concern.WORSENING, Tier.CERTAIN, weak, *worse)
        else:
            _add(out, Concern.WORSENING, Tier.POSSIBLE, weak)
    for sense in s.all(Cue.SENSE):
        leg = s.near(sense, Cue.LEG, within=6)
        worsening = s.near(sense, Cue.WORSE, within=5)
        if leg and worsening:
            _add(out, Concern.WORSENING, Tier.CERTAIN, sense, leg[0], *worsening)


def _legs_tier(legs: Mention) -> Tier:
    """"Both legs" is said in full; "my legs" may mean the one leg that hurts."""
    return Tier.POSSIBLE if legs.end - legs.start == 1 else Tier.CERTAIN


def _general_signs(s: _Scene, out: list[Finding]) -> None:
    """Fever, night sweats, weight loss, cancer."""
    for fever in s.all(Cue.FEVER):
        _add(out, Concern.FEVER, Tier.CERTAIN, fever)
    for sweats in s.all(Cue.SWEATS):
        _add(out, Concern.NIGHT_SWEATS, Tier.CERTAIN, sweats)
    if not s.has(Cue.ON_PURPOSE) or s.has(Cue.NOT_ON_PURPOSE):
        for loss in s.all(Cue.WEIGHT_LOSS):
            _add(out, Concern.WEIGHT_LOSS, Tier.CERTAIN, loss)
    for cancer in s.all(Cue.CANCER):
        _add(out, Concern.CANCER, Tier.CERTAIN, cancer)
