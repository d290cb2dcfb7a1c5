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
#: Where water comes from: they explain wet clothes, never an accident said in full
#: ("chucked the protector in the wash, I'd pissed the bed").
_WETNESS_SOURCES: Final = frozenset({
    "rain", "rained", "raining", "rainy", "shower", "showered", "swim", "swimming", "pool",
    "spilt", "spilled", "spill", "washing", "bath", "puddle", "drink", "tea", "coffee",
    "water", "hot", "leaky", "roof", "dew", "grass", "snow", "wash",
})
#: Words that say an explanation of a wet bed or clothes is not the reason ("it wasn't the dog").
_BODY_VERBS: Final = frozenset({
    "wet", "wets", "wetting", "peed", "pee", "peeing", "pees", "pissed", "pissing", "weed",
    "wee'd", "weeing", "wees", "pooed", "pooped", "pooing", "pooping", "soiled", "soiling",
    "shat", "shit", "crapped", "urinated",
})
#: Words that name a leg ("in both" alone may be "in both my buttocks").
_LIMBS: Final = frozenset({
    "leg", "legs", "foot", "feet", "toes", "calf", "calves", "thigh", "thighs", "shin", "ankle",
    "knee", "knees", "heel", "sole",
})
#: Words that join two body parts under one sensation.
_JOINS: Final = frozenset({"and", "or", ",", "&", "nor", "my", "the", "both", "also"})
#: Words that say a side or a part is unaffected.
_FINE: Final = frozenset({"fine", "normal", "ok", "okay", "grand", "alright", "unaffected"})
_NOT_IT: Final = frozenset({"not", "no", "wasn't", "isn't", "weren't", "nor"})
#: Where wetness found on waking is a wet bed: no one wets the bed on purpose.
_BED: Final = frozenset({"bed", "sheets", "mattress", "woke", "duvet"})
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
            if _nearer_elsewhere(s, sense, site, Cue.LEG, Cue.BOTTOM_ONE):
                continue  # "not numb between my legs, it's my calf that's numb"
            if s.texts[site.start:site.end] == ["saddle"] and _bottom_tier(s, sense, site) is None:
                continue  # "bum numb from the saddle on the spin bike, went after 10 mins"
            add(out, Concern.SADDLE_NUMBNESS, Tier.CERTAIN, sense, site)
        for toilet in s.near(sense, Cue.TOILET, same="sentence"):
            if _passed(s) or _nearer_elsewhere(s, sense, toilet, Cue.LEG, Cue.LEGS):
                continue  # "sitting on the loo makes my legs go dead, goes after a minute"
            add(out, Concern.TOILET_FEELING, Tier.CERTAIN, sense, toilet)
        for bottom in s.near(sense, Cue.BOTTOM_BOTH, Cue.BOTTOM, Cue.BOTTOM_ONE, within=6):
            low, high = min(sense.end, bottom.end), max(sense.start, bottom.start)
            if set(s.texts[low:high]) & _ELSEWHERE or any(
                    low <= m.start and m.end <= high and set(s.texts[m.start:m.end]) & _LIMBS
                    for m in s.all(Cue.LEG, Cue.LEGS)):
                continue  # "from my bum down to my numb foot"
            tier = _bottom_tier(s, sense, bottom)
            if tier is not None:
                add(out, Concern.SADDLE_NUMBNESS, tier, sense, bottom, *_lasting(s))
        if s.near(sense, Cue.SITTING) and not s.near(
                sense, Cue.SADDLE, Cue.BOTTOM, Cue.BOTTOM_ONE, Cue.BOTTOM_BOTH, Cue.LEG, Cue.LEGS,
                within=20, same="sentence"):
            # "numbness from sitting normally goes in a minute but it's been all day"
            tier = _bottom_tier(s, sense, sense)
            if tier is not None:
                add(out, Concern.SADDLE_NUMBNESS, tier, sense, *_lasting(s))
        for act in s.near(sense, Cue.URINE, within=6, same="sentence"):
            # "took a leak and couldn't feel anything, not the flow"
            add(out, Concern.BLADDER_CONTROL, Tier.CERTAIN, sense, act)
        for act in s.near(sense, Cue.BOWEL, within=6, same="sentence"):
            # "there's no sensation when I go number two"
            if not _nearer_elsewhere(s, sense, act, Cue.LEG, Cue.LEGS):
                add(out, Concern.BOWEL_CONTROL, Tier.CERTAIN, sense, act)
    for saddle in s.all(Cue.SADDLE_FEELING):
        add(out, Concern.SADDLE_NUMBNESS, Tier.CERTAIN, saddle)
    for odd in s.all(Cue.ODD):
        for site in s.near(odd, Cue.SADDLE, Cue.WIDE, within=6):
            add(out, Concern.SADDLE_NUMBNESS, Tier.POSSIBLE, odd, site)
        for toilet in s.near(odd, Cue.TOILET, within=6, same="sentence"):
            add(out, Concern.TOILET_FEELING, Tier.POSSIBLE, odd, toilet)


def _lasting(s: Scene) -> list[Mention]:
    """The last word saying numbness from sitting has lasted, when sitting is named.

    It is part of the finding: numbness that is "still" there is present, whatever
    "I got up ages ago" says of the getting up.
    """
    persist = s.all(Cue.PERSIST)
    if not s.has(Cue.SITTING) or not persist:
        return []
    return [max(persist, key=lambda m: m.start)]


def _passed(s: Scene) -> bool:
    """Whether the message says the feeling came back, and nothing later says it did not.

    Numbness that has passed ("it came back once I warmed up", "fine now") is not a
    present symptom; "it normally goes but this time it's been all day" is.
    """
    persist = s.all(Cue.PERSIST)
    passes = [p for p in s.all(Cue.PASSES)
              if not any(q.start < p.end and p.start < q.end for q in persist)]
    return bool(passes) and not (
        persist and max(p.start for p in persist) > max(p.start for p in passes))


def _nearer_elsewhere(s: Scene, sense: Mention, site: Mention, *others: Cue) -> bool:
    """Whether another body part, nearer to ``sense`` than ``site``, takes the sensation.

    A sensation belongs to the nearest body part named with it: a leg word between
    them ("not numb between my legs, it's my calf that's numb"), or one of ``others``
    on either side in the sentence ("only my foot tingles, down there is normal"),
    unless the two parts are named together ("my groin and foot are numb").
    """
    distance = abs(site.start - sense.start)
    low, high = min(sense.end, site.end), max(sense.start, site.start)
    between_legs = [m for m in s.all(Cue.LEG) if low <= m.start and m.end <= high]
    nearby = s.near(sense, *others, within=distance, same="sentence") if others else []
    for other in [*between_legs, *nearby]:
        joined = s.texts[min(other.end, site.end):max(other.start, site.start)]
        if abs(other.start - sense.start) < distance and not (
                len(joined) <= 3 and set(joined) <= _JOINS):
            return True
    return False


def _bottom_tier(s: Scene, sense: Mention, bottom: Mention) -> Tier | None:
    """Numbness of the bottom: both sides is saddle numbness, one side is sciatica.

    Numbness from sitting that passes on standing is the chair, not the nerves;
    numbness from sitting that has not passed is asked about or alerted on.
    """
    named = {m.cue for m in s.all(Cue.LEFT, Cue.RIGHT)
             if not set(s.texts[m.end:m.end + 4]) & _FINE}  # "right one's fine"
    both = (bottom.cue is Cue.BOTTOM_BOTH or bool(s.in_clause(sense, Cue.BOTH))
            or named == {Cue.LEFT, Cue.RIGHT})
    one_side = (bottom.cue is Cue.BOTTOM_ONE
                or bool(s.in_clause(bottom, Cue.SIDE, Cue.LEFT, Cue.RIGHT))
                # "numbness in my bum and leg": the path of one sciatic nerve
                or any(0 <= m.start - bottom.end <= 2 and s.texts[bottom.end] in ("and", "&")
                       for m in s.all(Cue.LEG)))
    sitting = [m for m in s.all(Cue.SITTING)  # not "not from sitting", "like I'm sitting on ice"
               if not set(s.texts[max(0, m.start - 2):m.start]) & {"not", "like", "if", "though"}]
    sides = [m for m in s.all(Cue.SIDE)
             if not set(s.texts[max(0, m.start - 2):m.start]) & {"not", "just", "only"}]
    both = both or len(sides) < len(s.all(Cue.SIDE))  # "not just one side"
    if sides or (not both and one_side) or s.has(Cue.NUMB_EXPLAINED):
        return None  # one side is the sciatic nerve; an injection or the cold explain it
    persist = s.all(Cue.PERSIST)
    passes = [p for p in s.all(Cue.PASSES)
              if not any(q.start < p.end and p.start < q.end for q in persist)]
    if sitting:
        # "normally goes in a minute but this time it's been all day": the later word wins.
        if persist and (not passes or max(p.start for p in persist) > max(p.start for p in passes)):
            return Tier.CERTAIN
        return None  # the seat explains it, unless the message says it has lasted
    return None if _passed(s) else Tier.CERTAIN


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
        own = s.texts[leak.start] in _BODY_VERBS  # "I'd pissed the bed": not the tea
        if any(not own or s.texts[m.start] not in _WETNESS_SOURCES
               for m in s.near(leak, Cue.WET_EXPLAINED, same="sentence")):
            continue  # a period, an infection, a laugh
        unnoticed = s.near(leak, Cue.UNNOTICED, Cue.SLEPT, same="sentence")
        concern = _leak_concern(s, leak)
        # The accident on its own too: "the wife had to strip it, no idea it happened"
        # must not lend the wife to the accident through the words that follow her.
        add(out, concern, Tier.CERTAIN, leak)
        if unnoticed:
            add(out, Concern.UNNOTICED_WETNESS, Tier.CERTAIN, leak, *unnoticed)
    for verb in s.all(Cue.LEAK_VERB):
        waste = s.near(verb, *_BODY_WASTE, within=4)
        if waste and not s.near(verb, Cue.WET_EXPLAINED, same="sentence"):
            add(out, _leak_concern(s, verb), Tier.CERTAIN, verb, *waste)
    for vague in s.all(Cue.LEAK_VAGUE):
        # "had a little accident ... and I couldn't stop it": the accident and the lost hold.
        held = [m for m in s.near(vague, Cue.CONTROL, Cue.UNNOTICED, within=16, same="message")
                if m.cue is Cue.UNNOTICED or s.texts[m.end - 1] in ("it", "in")]
        add(out, Concern.BLADDER_CONTROL, Tier.CERTAIN if held else Tier.POSSIBLE, vague, *held)
    for wet in s.all(Cue.WET):
        clothes = s.near(wet, Cue.CLOTHES, within=5, same="sentence")[:1]
        explained = [m for m in s.near(wet, Cue.WET_EXPLAINED, same="sentence")
                     if not set(s.texts[max(0, m.start - 3):m.start]) & _NOT_IT
                     and not (wet.start <= m.start < wet.end)]  # "woke up in a puddle"
        if not clothes or explained:
            continue
        unnoticed = s.near(wet, Cue.UNNOTICED, Cue.SLEPT, within=16, same="message")
        urine = s.near(wet, Cue.URINE, same="sentence")
        bed = set(s.texts[clothes[0].start:clothes[0].end]) & _BED
        sweats = s.has(Cue.SWEATS, Cue.FEVER)
        tier = Tier.CERTAIN if unnoticed or urine or (bed and not sweats) else Tier.POSSIBLE
        if tier is Tier.POSSIBLE and sweats:
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
            add(out, Concern.RETENTION, Tier.CERTAIN, vague, *(others or toilet)[:1])


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
            # "not able to hold anything in": nothing else is held in.
            add(out, Concern.BLADDER_CONTROL, Tier.CERTAIN, unable, hold)
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
