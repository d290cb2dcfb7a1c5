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

from collections.abc import Sequence
from functools import cache
from typing import Final

from flows.symptoms.concerns import Concern
from flows.symptoms.lexicon import Cue, phrases
from flows.symptoms.limbs import findings as leg_findings
from flows.symptoms.scene import NEAR, Finding, Mention, Scene, Tier, add
from flows.symptoms.signs import findings as body_findings
from flows.symptoms.text import Token

__all__ = ["Finding", "Mention", "Tier", "findings", "mentions", "trie", "vocabulary"]

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
#: Words that may stand between "can't" and what should happen ("can't *really* hold").
_ABLE_FILLER: Final = frozenset({
    "really", "properly", "even", "seem", "to", "be", "able", "fully", "quite", "actually",
    "always", "any", "more", "at", "all", "my", "the", "it", "longer",
})
#: Words after "can't tell" that make it about the toilet now ("when I *need* to go").
_TOILET_NOW: Final = frozenset({
    "need", "needed", "needing", "i'm", "peeing", "weeing", "pooing", "coming", "happening",
    "finished", "done", "going", "come", "comes",
})
#: Neighbours that make "wet" or a leak a toilet accident.
_BODY_WASTE = frozenset({Cue.URINE, Cue.BOWEL, Cue.CLOTHES})


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


def findings(tokens: Sequence[Token], found: Sequence[Mention]) -> list[Finding]:
    """Every concept the tokens point at, from their mentions (before context is weighed)."""
    if not found:
        return []
    scene = Scene(tokens, found)
    out: list[Finding] = []
    _sensation(scene, out)
    _control(scene, out)
    _leaks(scene, out)
    _retention(scene, out)
    _composed(scene, out)
    leg_findings(scene, out)
    body_findings(scene, out)
    return out


def _sensation(s: Scene, out: list[Finding]) -> None:
    """Saddle numbness, numbness on wiping, and the bottom."""
    for sense in s.all(Cue.SENSE):
        for site in s.near(sense, Cue.SADDLE, Cue.WIDE):
            if _nearer_elsewhere(s, sense, site):
                continue  # "not numb between my legs, it's my calf that's numb"
            add(out, Concern.SADDLE_NUMBNESS, Tier.CERTAIN, sense, site)
        for toilet in s.near(sense, Cue.TOILET, same="sentence"):
            add(out, Concern.TOILET_FEELING, Tier.CERTAIN, sense, toilet)
        for bottom in s.near(sense, Cue.BOTTOM_BOTH, Cue.BOTTOM, Cue.BOTTOM_ONE, within=6):
            low, high = min(sense.end, bottom.end), max(sense.start, bottom.start)
            if set(s.texts[low:high]) & _ELSEWHERE or s.inside(low, high, Cue.LEG, Cue.LEGS):
                continue  # "from my bum down to my numb foot"
            tier = _bottom_tier(s, sense, bottom)
            if tier is not None:
                add(out, Concern.SADDLE_NUMBNESS, tier, sense, bottom)
        if s.near(sense, Cue.SITTING) and not s.near(
                sense, Cue.SADDLE, Cue.BOTTOM, Cue.BOTTOM_ONE, Cue.BOTTOM_BOTH, Cue.LEG, Cue.LEGS,
                within=20, same="sentence"):
            # "numbness from sitting normally goes in a minute but it's been all day"
            tier = _bottom_tier(s, sense, sense)
            if tier is not None:
                add(out, Concern.SADDLE_NUMBNESS, Tier.POSSIBLE, sense)
        for act in s.near(sense, Cue.URINE, within=6, same="sentence"):
            # "took a leak and couldn't feel anything, not the flow"
            add(out, Concern.BLADDER_CONTROL, Tier.CERTAIN, sense, act)
    for saddle in s.all(Cue.SADDLE_FEELING):
        add(out, Concern.SADDLE_NUMBNESS, Tier.CERTAIN, saddle)
    for odd in s.all(Cue.ODD):
        for site in s.near(odd, Cue.SADDLE, Cue.WIDE, within=6):
            add(out, Concern.SADDLE_NUMBNESS, Tier.POSSIBLE, odd, site)
        for toilet in s.near(odd, Cue.TOILET, within=6, same="sentence"):
            add(out, Concern.TOILET_FEELING, Tier.POSSIBLE, odd, toilet)


def _nearer_elsewhere(s: Scene, sense: Mention, site: Mention) -> bool:
    """Whether a leg word stands between ``sense`` and ``site``, nearer to ``sense``.

    A sensation belongs to the nearest body part named with it.
    """
    low, high = min(sense.end, site.end), max(sense.start, site.start)
    return any(low <= m.start and m.end <= high and abs(m.start - sense.start) < abs(
        site.start - sense.start) for m in s.all(Cue.LEG))


def _bottom_tier(s: Scene, sense: Mention, bottom: Mention) -> Tier | None:
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
        # "normally goes in a minute but this time it's been all day": the later word wins.
        if persist and (not passes or max(p.start for p in persist) > max(p.start for p in passes)):
            return Tier.CERTAIN if both else Tier.POSSIBLE
        return None
    return Tier.CERTAIN if both else Tier.POSSIBLE


def _organ_concern(s: Scene, anchor: Mention, within: int = NEAR) -> Concern | None:
    """Bladder or bowel, by the organ named near ``anchor`` (bladder when both)."""
    if s.near(anchor, Cue.URINE, within=within, same="sentence"):
        return Concern.BLADDER_CONTROL
    if s.near(anchor, Cue.BOWEL, within=within, same="sentence"):
        return Concern.BOWEL_CONTROL
    return None


def _control(s: Scene, out: list[Finding]) -> None:
    """Lost control of the bladder or bowel."""
    for control in s.all(Cue.CONTROL):
        organs = s.near(control, Cue.URINE, Cue.BOWEL, Cue.TOILET, Cue.CLOTHES,
                        same="sentence")
        concern = _organ_concern(s, control)
        if concern is not None:
            add(out, concern, Tier.CERTAIN, control, *organs)
        elif organs:
            add(out, Concern.BLADDER_CONTROL, Tier.CERTAIN, control, *organs)
    for fail in s.all(Cue.ORGAN_FAIL):
        for organ in s.near(fail, Cue.URINE, Cue.BOWEL, within=3):
            if organ.start < fail.start:
                concern = (Concern.BOWEL_CONTROL if organ.cue is Cue.BOWEL
                           else Concern.BLADDER_CONTROL)
                add(out, concern, Tier.CERTAIN, organ, fail)
    for problem in s.all(Cue.PROBLEM, Cue.ODD):
        if s.near(problem, Cue.WET_EXPLAINED, same="sentence"):
            continue  # "a water infection", "stinging"
        for organ in s.near(problem, Cue.URINE, Cue.BOWEL, within=4):
            if organ.cue is Cue.BOWEL and s.has(Cue.CONSTIPATION):
                continue
            concern = (Concern.BOWEL_CONTROL if organ.cue is Cue.BOWEL
                       else Concern.BLADDER_CONTROL)
            add(out, concern, Tier.POSSIBLE, problem, organ)


def _leaks(s: Scene, out: list[Finding]) -> None:
    """Accidents: wetting or soiling, in bed or unnoticed."""
    for leak in s.all(Cue.LEAK):
        if s.near(leak, Cue.WET_EXPLAINED, same="sentence"):
            continue  # a period, an infection, a laugh
        unnoticed = s.near(leak, Cue.UNNOTICED, same="sentence")
        concern = _leak_concern(s, leak)
        if unnoticed:
            concern = Concern.UNNOTICED_WETNESS
        add(out, concern, Tier.CERTAIN, leak, *unnoticed)
    for verb in s.all(Cue.LEAK_VERB):
        waste = s.near(verb, *_BODY_WASTE, within=4)
        if waste and not s.near(verb, Cue.WET_EXPLAINED, same="sentence"):
            add(out, _leak_concern(s, verb), Tier.CERTAIN, verb, *waste)
    for vague in s.all(Cue.LEAK_VAGUE):
        add(out, Concern.BLADDER_CONTROL, Tier.POSSIBLE, vague)
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
        add(out, Concern.UNNOTICED_WETNESS, tier, wet, *clothes, *unnoticed, *urine)
    for act in s.all(Cue.LEAK_VERB, Cue.ACT_PAST):
        # "peed a bit bending down for the floss and didn't feel it coming"
        unfelt = s.near(act, Cue.UNNOTICED, within=16, same="message")
        if unfelt:
            add(out, Concern.UNNOTICED_WETNESS, Tier.CERTAIN, act, unfelt[0])
    for missed in s.all(Cue.UNNOTICED):
        for act in s.near(missed, Cue.URINE, Cue.BOWEL, within=4):
            concern = (Concern.BOWEL_CONTROL if act.cue is Cue.BOWEL
                       else Concern.BLADDER_CONTROL)
            add(out, concern, Tier.CERTAIN, missed, act)


def _leak_concern(s: Scene, leak: Mention) -> Concern:
    """Soiling is the bowel, anything else the bladder."""
    if s.near(leak, Cue.BOWEL, within=3):
        return Concern.BOWEL_CONTROL
    return Concern.BLADDER_CONTROL


def _retention(s: Scene, out: list[Finding]) -> None:
    """Cannot pass urine, cannot tell when the bladder is full."""
    constipated = s.has(Cue.CONSTIPATION)
    for retain in s.all(Cue.RETAIN):
        add(out, Concern.RETENTION, Tier.CERTAIN, retain)
    for lost in s.all(Cue.URGE_LOST):
        add(out, Concern.RETENTION, Tier.CERTAIN, lost)
    for vague in s.all(Cue.RETAIN_VAGUE):
        if constipated:
            continue
        urine = s.near(vague, Cue.URINE, within=20, same="message")
        if urine and not s.near(vague, Cue.BOWEL, within=6):
            add(out, Concern.RETENTION, Tier.CERTAIN, vague, urine[0])
            continue
        if s.has(Cue.BOWEL):
            continue
        toilet = s.near(vague, Cue.TOILET, within=20, same="message")
        others = [m for m in s.near(vague, Cue.RETAIN_VAGUE, within=20, same="message")
                  if m.start >= vague.end or m.end <= vague.start]
        if toilet or others:
            # "press on my tummy to get it started ... barely anything": two signs of one story
            add(out, Concern.RETENTION, Tier.POSSIBLE, vague, *(toilet or others)[:1])


def _composed(s: Scene, out: list[Finding]) -> None:
    """Continence and its feeling, said as "can't" + what should happen.

    "I can't squeeze my bum to stop a poo", "not able to hold anything in": the
    inability (``UNABLE``) followed by holding (``HOLD``) near an organ is lost
    control; followed by sensing (``NOTICE``: "can't tell when I need the toilet")
    it is lost bladder or bowel feeling.
    """
    for unable, hold in s.follows(Cue.UNABLE, Cue.HOLD, gap=5, filler=_ABLE_FILLER):
        organs = s.near(hold, Cue.URINE, Cue.BOWEL, Cue.BOTTOM, Cue.TOILET, within=8,
                        same="sentence")
        if any(o.cue in (Cue.BOWEL, Cue.BOTTOM) for o in organs):
            add(out, Concern.BOWEL_CONTROL, Tier.CERTAIN, unable, hold, organs[0])
        elif organs:
            add(out, Concern.BLADDER_CONTROL, Tier.CERTAIN, unable, hold, organs[0])
        elif "anything" in s.texts[hold.start:hold.end]:
            add(out, Concern.BLADDER_CONTROL, Tier.POSSIBLE, unable, hold)
    for unable, notice in s.follows(Cue.UNABLE, Cue.NOTICE, gap=5, filler=_ABLE_FILLER):
        what = s.near(notice, Cue.URINE, Cue.BOWEL, Cue.TOILET, within=10, same="sentence")
        if not what or s.has(Cue.CONSTIPATION):
            continue
        after = set(s.texts[notice.end:max(what[0].end, notice.end + 5)])
        if what[0].start < notice.end and not after & _TOILET_NOW:
            continue  # "on the toilet I can't tell what's wrong with my back"
        tier = Tier.CERTAIN if after & _TOILET_NOW else Tier.POSSIBLE
        concern = Concern.BOWEL_CONTROL if what[0].cue is Cue.BOWEL else Concern.RETENTION
        add(out, concern, tier, unable, notice, what[0])
