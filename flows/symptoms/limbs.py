"""Concepts of the legs: both legs, weakness, worsening, and the surgical combination.

Each concept is composed of parts the lexicon lists once:

* a leg that does not do its job: a leg or foot word (``LEG``) with "won't /
  can't / doesn't" (``UNABLE``) followed by what it should do ("lift", "move",
  "work", "take my weight": ``MOVE``), or with a verb of a dropped foot ("drags",
  "catches", "flops": ``MOTOR``), or a weakness word ("weak", "paralysed", "no
  power": ``WEAK``); the set phrases of foot drop (``FOOT_DROP``) count too;
* pain that medicine does not control, a second, separate concept: a failure of
  relief ("doesn't touch it", "useless": ``NO_EFFECT``) near a medicine, or a
  phrase that says it alone ("no matter what I take": ``UNCONTROLLED``);
* a leg that does not do its job *and* pain no medicine controls, anywhere in
  the message, is the surgical review of PROTOCOL.md; with pain only said to be
  severe ("unbearable", "a 9") it is asked about;
* weakness or numbness of a leg with a word of progress ("weaker every day",
  "spreading", "creeping up") is worsening, unless it is getting better;
* both legs (``LEGS``, or a second leg: "the other leg", "as well as the left")
  with a symptom or a word of spreading ("now", "too") is sciatica in both legs,
  unless an exertion explains it ("squats", "leg day"); with a word of giving way
  it is both legs giving way.
"""

from __future__ import annotations

from typing import Final

from flows.symptoms.concerns import Concern
from flows.symptoms.lexicon import Cue
from flows.symptoms.scene import Finding, Mention, Scene, Tier, add
from flows.symptoms.text import SENTENCE_END

#: Words that may stand between "can't" and what the leg should do ("can't *really* lift",
#: "won't *let me* move", "can't *get my foot* up" is a phrase of its own).
_ABLE_FILLER: Final = frozenset({
    "really", "properly", "even", "seem", "to", "be", "able", "fully", "quite", "actually",
    "any", "more", "at", "all", "let", "me", "it", "my", "the", "that",
})
#: Words that keep the pain to one side ("only the left, the right is fine").
_ONE_SIDE: Final = frozenset({
    "only", "just", "fine", "grand", "ok", "okay", "alright", "good", "not", "no", "isn't",
    "hasn't", "never",
})
#: How far (tokens, same sentence) a word of progress may stand from the weakness.
WORSE_REACH: Final = 16
#: A next sentence that opens with one of these speaks of the same thing.
_IT: Final = frozenset({"it", "it's", "its", "this", "that", "that's", "now", "and"})
#: How far (tokens, same sentence) a leg word may stand from what it fails to do.
LIMB_REACH: Final = 10


def findings(s: Scene, out: list[Finding]) -> None:
    """Every leg concept of the scene (see the module docstring)."""
    weakness = marked_weakness(s)
    _surgical(s, weakness, out)
    _worsening(s, weakness, out)
    _both_legs(s, out)


def marked_weakness(s: Scene) -> list[tuple[Mention, ...]]:
    """Each group of mentions that says a leg or foot does not do its job."""
    found: list[tuple[Mention, ...]] = [(m,) for m in s.all(Cue.FOOT_DROP)]
    for unable, act in s.follows(Cue.UNABLE, Cue.MOVE, gap=3, filler=_ABLE_FILLER):
        limb = s.near(act, Cue.LEG, within=LIMB_REACH, same="sentence")
        if limb:
            found.append((unable, act, limb[0]))
    for motor in s.all(Cue.MOTOR):
        limb = s.near(motor, Cue.LEG, within=4, same="sentence")
        if limb:
            found.append((motor, limb[0]))
    for giving in s.all(Cue.GIVING_WAY):
        # One leg that buckles is a weak leg; both giving way is its own concern.
        limb = s.near(giving, Cue.LEG, Cue.LEGS, within=6, same="sentence")
        if limb and limb[0].cue is Cue.LEG:
            found.append((giving, limb[0]))
    for weak in s.all(Cue.WEAK):
        limb = s.near(weak, Cue.LEG, Cue.LEGS, within=8, same="sentence")
        if limb and limb[0].cue is Cue.LEG:
            found.append((weak, limb[0]))
    return [group for group in found if not _better(s, group[0])]


def uncontrolled_pain(s: Scene) -> list[Mention]:
    """Mentions that say no medicine controls the pain."""
    said = s.all(Cue.UNCONTROLLED)
    said += [m for m in s.all(Cue.NO_EFFECT)
             if s.near(m, Cue.MEDICINE, within=12, same="sentence")]
    return said


def _surgical(s: Scene, weakness: list[tuple[Mention, ...]], out: list[Finding]) -> None:
    """Marked weakness with pain no medicine controls (certain), or only severe (asked)."""
    if not weakness:
        return
    uncontrolled = uncontrolled_pain(s)
    if uncontrolled:
        add(out, Concern.SURGICAL, Tier.CERTAIN, *weakness[0], uncontrolled[0])
        return
    severe = s.all(Cue.SEVERE)
    if severe:
        add(out, Concern.SURGICAL, Tier.POSSIBLE, *weakness[0], severe[0])


def _worsening(s: Scene, weakness: list[tuple[Mention, ...]], out: list[Finding]) -> None:
    """Leg weakness or numbness that keeps getting worse."""
    for group in weakness:
        anchor = group[0]
        worse = worse_near(s, anchor)
        if worse or anchor.cue is Cue.FOOT_DROP:
            add(out, Concern.WORSENING, Tier.CERTAIN, *group, *worse[:1])
        else:
            add(out, Concern.WORSENING, Tier.POSSIBLE, *group)
    for sense in s.all(Cue.SENSE):
        leg = s.near(sense, Cue.LEG, within=8, same="sentence")
        worse = worse_near(s, sense)
        if leg and worse and not _better(s, sense):
            add(out, Concern.WORSENING, Tier.CERTAIN, sense, leg[0], worse[0])


def worse_near(s: Scene, anchor: Mention) -> list[Mention]:
    """Words of progress said of ``anchor``: in its sentence, or the next one about "it".

    "The numb patch on my shin started small. It's getting bigger every day."
    """
    worse = s.near(anchor, Cue.WORSE, within=WORSE_REACH, same="sentence")
    if worse:
        return worse
    home = s.sentence[anchor.start]
    starts = [i for i in range(anchor.end, len(s.texts))
              if s.sentence[i] == home + 1 and s.texts[i] not in SENTENCE_END]
    if starts and s.texts[starts[0]] in _IT:
        return [m for m in s.all(Cue.WORSE) if s.sentence[m.start] == home + 1]
    return []


def _better(s: Scene, anchor: Mention) -> bool:
    """Whether the sentence says it is getting better ("stronger", "no worse")."""
    return bool(s.near(anchor, Cue.BETTER, within=12, same="sentence"))


def _both_legs(s: Scene, out: list[Finding]) -> None:
    """Both legs: sciatica in both, or both giving way."""
    for legs in s.all(Cue.LEGS, Cue.SECOND_LEG):
        if s.near(legs, Cue.EXERTION, within=12, same="sentence"):
            continue  # "both legs sore from squats"
        tier = _legs_tier(s, legs)
        giving = s.near(legs, Cue.GIVING_WAY, same="sentence")
        if giving:
            add(out, Concern.LEGS_GIVING_WAY, tier, legs, *giving[:1])
            continue
        symptom = s.near(legs, Cue.LEG_PAIN, Cue.SENSE, Cue.WEAK, same="sentence")
        spread = s.near(legs, Cue.SPREAD, within=8, same="sentence")
        if symptom or (spread and tier is Tier.CERTAIN):
            add(out, Concern.BOTH_LEGS, tier, legs, *(symptom or spread)[:1])
        elif s.texts[legs.start] == "neither" and s.near(legs, Cue.STRENGTH, within=4):
            add(out, Concern.BOTH_LEGS, Tier.CERTAIN, legs)
    for leg in s.all(Cue.LEG):
        # "the left leg pain is now in my right leg too": each side named, and a spread.
        sides = s.near(leg, Cue.LEFT, Cue.RIGHT, within=12, same="sentence")
        spread = s.near(leg, Cue.SPREAD, within=8, same="sentence")
        symptom = s.near(leg, Cue.LEG_PAIN, Cue.SENSE, Cue.WEAK, same="sentence")
        named = {m.cue for m in sides}
        if named == {Cue.LEFT, Cue.RIGHT} and spread and symptom and not set(
                s.texts[min(m.start for m in sides):max(m.end for m in sides)]) & _ONE_SIDE:
            add(out, Concern.BOTH_LEGS, Tier.CERTAIN, leg, sides[0], spread[0])
            break


def _legs_tier(s: Scene, legs: Mention) -> Tier:
    """"Both legs" is said in full; "my legs" may mean the one leg that hurts."""
    if legs.end - legs.start > 1 or legs.cue is Cue.SECOND_LEG:
        return Tier.CERTAIN
    if s.texts[legs.start] == "bilateral" or s.near(legs, Cue.BOTH, same="sentence"):
        return Tier.CERTAIN
    return Tier.POSSIBLE
