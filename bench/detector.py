"""The safety reader on the labelled corpus, and its time per message.

    python -m bench.detector              # development and held-out figures, times
    python -m bench.detector --compare    # ... and each layer's alternatives, on development
    python -m bench.detector --quick      # fewer timing samples, no texts over 10,000 characters

Figures per family and overall (tests/corpus/safety, see its README): on
emergencies, recall (emergency reply or safety question) and the rate of the
emergency reply at once; on near-misses (``none``), false alarms (emergency
reply), any other alert, and safety questions; on see-a-doctor and
surgical-review lines, their level (or a more urgent one) at once, or a
question. Then the reader's time for a 500-character message (p50, p99) and
as the length grows, long texts read the way the engine reads them
(``flows.long_text.readable``, then the reader).

This module is the only code that reads ``held_out.jsonl``: it is scored,
never read by whoever tunes the reader, and never tuned on.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from flows.long_text import readable
from flows.symptoms import reading
from flows.symptoms.assertion import BRIDGE, RULES, Assessed, Context, Judge
from flows.symptoms.concepts import Finding, Mention, vocabulary
from flows.symptoms.concerns import SEVERITY
from flows.symptoms.spelling import Speller, english_counts
from flows.symptoms.text import SENTENCE_END, Token, normal_form, tokenise

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "safety"
DEVELOPMENT = CORPUS / "development.jsonl"
HELD_OUT = CORPUS / "held_out.jsonl"

#: Goals on the held-out set (issue 12).
GOALS = {"recall": 1.0, "immediate": 0.97, "false_alarms": 0.02, "questions": 0.05,
         "p99_ms_500": 5.0}
LEVELS = {"emergency": 3, "see_doctor": 2, "surgical_review": 1}


@dataclass(frozen=True, slots=True)
class Line:
    """One labelled message of the corpus."""

    id: str
    text: str
    expect: str
    family: str


def load(path: Path) -> list[Line]:
    """The corpus lines of ``path``."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            item = json.loads(raw)
            lines.append(Line(item["id"], item["text"], item["expect"], item["family"]))
    return lines


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the reader did with one line."""

    line: Line
    alerted: int  # severity of the most urgent alert raised at once (0: none)
    asked: int  # severity of the safety question asked (0: none)

    @property
    def caught(self) -> bool:
        """Its level (or a more urgent one) at once, or a question."""
        need = LEVELS.get(self.line.expect, 0)
        return self.alerted >= need or self.asked > 0

    @property
    def immediate(self) -> bool:
        """Its level (or a more urgent one) at once."""
        return self.alerted >= LEVELS.get(self.line.expect, 0)


Reader = Callable[[str], reading.Reading]


def outcome(line: Line, read: Reader = reading.read_once) -> Outcome:
    """Read one line."""
    result = read(line.text)
    alerted = max((SEVERITY[c.level] for c in result.certain), default=0)
    asked = SEVERITY[result.ask.level] if result.ask is not None else 0
    return Outcome(line, alerted, asked)


@dataclass
class Tally:
    """Counts for one group of lines (a family, or all lines of a label)."""

    lines: int = 0
    caught: int = 0
    immediate: int = 0
    false_alarms: int = 0  # near-misses given the emergency reply
    other_alerts: int = 0  # near-misses given another alert
    questions: int = 0  # near-misses asked the safety question
    misses: list[str] = field(default_factory=list)

    def add(self, o: Outcome) -> None:
        self.lines += 1
        if o.line.expect == "none":
            self.false_alarms += o.alerted == LEVELS["emergency"]
            self.other_alerts += 0 < o.alerted < LEVELS["emergency"]
            self.questions += o.asked > 0
            if o.alerted or o.asked:
                self.misses.append(o.line.id)
            return
        self.caught += o.caught
        self.immediate += o.immediate
        if not o.caught:
            self.misses.append(o.line.id)


def score(outcomes: Iterable[Outcome]) -> tuple[dict[str, Tally], dict[tuple[str, str], Tally]]:
    """Tallies per label and per (label, family)."""
    by_label: dict[str, Tally] = defaultdict(Tally)
    by_family: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for o in outcomes:
        by_label[o.line.expect].add(o)
        by_family[(o.line.expect, o.line.family)].add(o)
    return dict(by_label), dict(by_family)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def label_rows(by_label: dict[str, Tally], name: str) -> list[str]:
    """One Markdown row per label."""
    rows = []
    for label in ("emergency", "see_doctor", "surgical_review"):
        t = by_label.get(label)
        if t is not None:
            rows.append(f"| {name} | {label} | {t.lines} | {_pct(t.caught, t.lines)} | "
                        f"{_pct(t.immediate, t.lines)} | | | |")
    t = by_label.get("none")
    if t is not None:
        rows.append(f"| {name} | none | {t.lines} | | | {_pct(t.false_alarms, t.lines)} | "
                    f"{_pct(t.other_alerts, t.lines)} | {_pct(t.questions, t.lines)} |")
    return rows


LABEL_HEADER = [
    "| set | label | lines | caught (alert or question) | alert at once | "
    "false alarms (emergency reply) | other alert | safety question |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
]


def family_rows(by_family: dict[tuple[str, str], Tally], name: str) -> list[str]:
    """One Markdown row per family."""
    rows = []
    for (label, family), t in sorted(by_family.items()):
        if label == "none":
            rows.append(f"| {name} | {label} | {family} | {t.lines} | | | "
                        f"{_pct(t.false_alarms, t.lines)} | {_pct(t.other_alerts, t.lines)} | "
                        f"{_pct(t.questions, t.lines)} |")
        else:
            rows.append(f"| {name} | {label} | {family} | {t.lines} | "
                        f"{_pct(t.caught, t.lines)} | {_pct(t.immediate, t.lines)} | | | |")
    return rows


FAMILY_HEADER = [
    "| set | label | family | lines | caught | at once | false alarms | other alert | "
    "questions |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
]


def goals_met(by_label: dict[str, Tally], p99_ms: float) -> dict[str, tuple[float, bool]]:
    """Each goal of issue 12 with the measured figure and whether it is met."""
    e, n = by_label["emergency"], by_label["none"]
    return {
        "recall": (e.caught / e.lines, e.caught / e.lines >= GOALS["recall"]),
        "immediate": (e.immediate / e.lines, e.immediate / e.lines >= GOALS["immediate"]),
        "false_alarms": (n.false_alarms / n.lines,
                         n.false_alarms / n.lines <= GOALS["false_alarms"]),
        "questions": (n.questions / n.lines, n.questions / n.lines <= GOALS["questions"]),
        "p99_ms_500": (p99_ms, p99_ms <= GOALS["p99_ms_500"]),
    }


# --- time -------------------------------------------------------------------------------


def messages_of_length(lines: Sequence[Line], length: int, count: int) -> list[str]:
    """``count`` messages of about ``length`` characters, made of corpus lines in turn."""
    texts = [line.text for line in lines]
    out = []
    at = 0
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < length:
            parts.append(texts[at % len(texts)])
            at += 1
        out.append(" ".join(parts)[:length])
    return out


def times_ms(texts: Sequence[str], read: Reader = reading.read_once) -> list[float]:
    """Milliseconds to read each text, read the way the engine reads it."""
    reading.warm_up()  # as every long-running mode does at start-up; not what is timed
    read(texts[0])
    out = []
    for text in texts:
        started = time.perf_counter()
        read(readable(text) or "")
        out.append((time.perf_counter() - started) * 1000)
    return out


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


#: Long messages: corpus prose, and hostile shapes (one word again and again).
SHAPES = {
    "symptom words": "numb ",
    "places": "groin bladder ",
    "denials": "no numb groin, ",
    "prose": "I walked the dog and sat down for a while. ",
}
LENGTHS = (500, 1_000, 2_000, 4_000)
LONG = (10_000, 40_000, 100_000)


def time_rows(lines: Sequence[Line], samples: int = 300,
              quick: bool = False) -> tuple[list[str], float]:
    """Rows of p50/p99 by length, and the p99 at 500 characters (``quick``: short texts only)."""
    rows = ["| message | chars | p50 ms | p99 ms | p50 per 1,000 chars |",
            "| --- | ---: | ---: | ---: | ---: |"]
    p99_500 = 0.0
    for length in LENGTHS[:3] if quick else LENGTHS:
        figures = times_ms(messages_of_length(lines, length, samples if length <= 1000
                                              else samples // 3))
        p50, p99 = percentile(figures, 50), percentile(figures, 99)
        if length == 500:
            p99_500 = p99
        rows.append(f"| corpus lines run together | {length:,} | {p50:.2f} | {p99:.2f} | "
                    f"{p50 * 1000 / length:.2f} |")
    for name, unit in SHAPES.items():
        for length in LONG[:1] if quick else LONG:
            text = (unit * (length // len(unit) + 1))[:length]
            best = min(times_ms([text, text, text, text])[1:])
            rows.append(f"| {name} | {length:,} | {best:.1f} | | {best * 1000 / length:.2f} |")
    return rows, p99_500


#: The first symptom message of a fresh process, with and without the start-up warm-up.
_FIRST = (
    "import sys, time\n"
    "from flows.symptoms import read, warm_up\n"
    "if sys.argv[1] == 'warm':\n"
    "    warm_up()\n"
    "started = time.perf_counter()\n"
    "read('my foot drags and the tablets do nothing, and I cant feel the loo roll')\n"
    "print((time.perf_counter() - started) * 1000)\n"
)


def first_message_rows() -> list[str]:
    """Milliseconds for the first symptom message of a new process, cold and warmed up."""
    import subprocess
    import sys

    rows = ["| first symptom message of a process | ms |", "| --- | ---: |"]
    for how, name in (("cold", "cold (layers load on it)"),
                      ("warm", "after warm_up() at start-up")):
        done = subprocess.run([sys.executable, "-c", _FIRST, how], capture_output=True,
                              text=True, check=True)
        rows.append(f"| {name} | {float(done.stdout):.0f} |")
    return rows


# --- the layers' alternatives (--compare) -----------------------------------------------


class RapidfuzzSpeller(Speller):
    """The spelling layer with rapidfuzz's ``extractOne`` in place of SymSpell."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        super().__init__(vocabulary)
        from rapidfuzz.distance import OSA

        self._choices = sorted(w for w in self.vocabulary if len(w) >= 4)
        self._scorer = OSA.distance

    def _correct(self, word: str) -> tuple[str, int] | None:
        from rapidfuzz import process

        if not self.needs_correcting(word):
            return None
        limit = 2 if len(word) >= 8 else 1
        best = process.extractOne(word, self._choices, scorer=self._scorer,
                                  score_cutoff=limit)
        return None if best is None else (best[0], int(best[1]))


class NoSpeller(Speller):
    """No spelling layer: misspelled words stay as typed."""

    def _correct(self, word: str) -> tuple[str, int] | None:
        return None


#: The hand-written detector's negation words (flows/emergency.py, before this reader).
OLD_NEGATIONS = frozenset({
    "no", "not", "never", "without", "nor", "none", "nothing", "neither", "nope", "nah", "zero",
    "deny", "denies", "denied", "don't", "doesn't", "didn't", "haven't", "hasn't", "isn't",
    "aren't", "wasn't", "weren't", "won't", "free",
})
_OLD_ANSWERS = frozenset({
    "no", "none", "nope", "nah", "nothing", "never", "fine", "normal", "ok", "okay", "not",
    "nil", "zero", "all good", "not at all", "not really",
})
_OLD_STATEMENT = frozenset({
    "i", "i'm", "i've", "i'd", "me", "myself", "is", "are", "was", "were", "am", "feel",
    "feels", "felt", "has", "have", "had", "got", "gets", "keep", "keeps", "kept", "went",
    "been", "'s",
})


def old_rules(tokens: Sequence[Token], finding: Finding, others: Sequence[Mention]) -> Assessed:
    """Today's negation rules (the detector this reader replaced) on the reader's findings.

    A denial governs a symptom when only bridge words stand between them, or
    a bare answer follows a symptom named as a label. They know nothing of
    history, hypotheticals or other people.
    """
    texts = [t.text for t in tokens]
    own = {(m.start, m.end) for m in others}
    for cue in finding.cues:
        steps = 0
        i = cue.start - 1
        while i >= 0 and steps <= 8 and texts[i] not in SENTENCE_END:
            inside = any(a <= i < b for a, b in own)
            if texts[i] in OLD_NEGATIONS and not inside:
                return Assessed(finding, frozenset({Context.NEGATED}))
            if texts[i] not in BRIDGE and texts[i] != "," and not inside:
                break
            i -= 1
            steps += 1
    after = [t for t in texts[finding.end:] if t not in SENTENCE_END and t not in (":", ",")]
    bare = bool(after) and (" ".join(after) in _OLD_ANSWERS
                            or (len(after) <= 3 and after[0] in _OLD_ANSWERS))
    if bare and not _OLD_STATEMENT & set(texts[:finding.end]):
        return Assessed(finding, frozenset({Context.NEGATED}))
    return Assessed(finding, frozenset())


def variants() -> dict[str, dict[str, Reader]]:
    """Each layer's alternatives, as readers that differ from the product in that layer only."""
    words = vocabulary()
    plain = Judge(RULES, checks=False)
    clinical = Judge(None, checks=False)
    rapid = RapidfuzzSpeller(words)
    none = NoSpeller(words)
    return {
        "context": {
            "ConText, lay rules + bridge-word and label checks (the reader)": reading.read_once,
            "ConText, lay rules, sentence scope only": lambda t: reading.read_with(
                t, plain.assess, statistical=True),
            "ConText, medSpaCy's clinical rules": lambda t: reading.read_with(
                t, clinical.assess, statistical=True),
            "today's negation rules alone (no ConText)": lambda t: reading.read_with(
                t, old_rules, statistical=True),
        },
        "spelling": {
            "SymSpell (the reader)": reading.read_once,
            "rapidfuzz extractOne": lambda t: reading.read_with(
                t, reading.assess, rapid, statistical=True),
            "no spelling layer": lambda t: reading.read_with(
                t, reading.assess, none, statistical=True),
        },
        "statistical layer (trained on development: its development figures are in-sample)": {
            "rules and layer 6 (the reader)": reading.read_once,
            "rules alone": lambda t: reading.read_with(t, reading.assess),
        },
    }


def speller_times(words: Sequence[str]) -> list[str]:
    """Microseconds per uncached correction, SymSpell against rapidfuzz."""
    vocab = vocabulary()
    rows = ["| speller | words | us per word (uncached) |", "| --- | ---: | ---: |"]
    for name, speller in (("SymSpell", Speller(vocab)), ("rapidfuzz", RapidfuzzSpeller(vocab))):
        candidates = [w for w in words if speller.needs_correcting(w)]
        started = time.perf_counter()
        for w in candidates:
            speller._correct(w)
        elapsed = time.perf_counter() - started
        rows.append(f"| {name} | {len(candidates)} | "
                    f"{elapsed * 1e6 / max(1, len(candidates)):.1f} |")
    return rows


def compare(lines: Sequence[Line], held_out: Sequence[Line] = ()) -> list[str]:
    """The figures of each layer's alternatives on ``lines`` (development).

    The statistical layer is also scored on ``held_out`` (measured only): its
    development figures are in-sample.
    """
    out = []
    for layer, readers in variants().items():
        out += [f"### {layer}", "", *LABEL_HEADER]
        for name, read in readers.items():
            by_label, _ = score(outcome(line, read) for line in lines)
            out += label_rows(by_label, name)
            if layer.startswith("statistical") and held_out:
                by_label, _ = score(outcome(line, read) for line in held_out)
                out += label_rows(by_label, f"{name}, held-out")
        out.append("")
    typed = {t.text for line in lines for t in tokenise(normal_form(line.text))}
    english_counts()
    out += ["### spelling time", "", *speller_times(sorted(typed)), ""]
    return out


# --- output -----------------------------------------------------------------------------


def report(held_out: bool = True, comparing: bool = False, samples: int = 300,
           quick: bool = False) -> tuple[list[str], dict[str, tuple[float, bool]] | None]:
    """Every table as Markdown lines, and the held-out goals (if scored)."""
    development = load(DEVELOPMENT)
    sets = [("development", development)]
    if held_out:
        sets.append(("held-out", load(HELD_OUT)))
    out = ["### by label", "", *LABEL_HEADER]
    families: list[str] = []
    labels: dict[str, dict[str, Tally]] = {}
    for name, lines in sets:
        by_label, by_family = score(outcome(line) for line in lines)
        labels[name] = by_label
        out += label_rows(by_label, name)
        families += family_rows(by_family, name)
    out += ["", "### by family", "", *FAMILY_HEADER, *families, "", "### time", ""]
    rows, p99 = time_rows(development, samples, quick)
    out += rows
    out += ["", *first_message_rows()]
    out += ["", f"Mean length of a corpus line: "
                f"{statistics.fmean(len(line.text) for line in development):.0f} characters.", ""]
    if comparing:
        out += ["## alternatives, on the development set", "",
                *compare(development, sets[1][1] if held_out else ())]
    goals = goals_met(labels["held-out"], p99) if held_out else None
    if goals is not None:
        out += ["### goals (held-out)", "", "| goal | measured | met |", "| --- | ---: | --- |"]
        for name, (value, met) in goals.items():
            shown = f"{value:.2f} ms" if name.startswith("p99") else f"{100 * value:.1f}%"
            out.append(f"| {name} | {shown} | {'yes' if met else 'NO'} |")
    return out, goals


def table() -> list[str]:
    """The figures for ``python -m bench``: times and the held-out goals.

    The recall tables by label and family are in docs/clinical-decisions.md
    (``python -m bench.detector``); the performance notes keep to speed.
    """
    rows = report(held_out=True, comparing=False, samples=200)[0]
    return rows[rows.index("### time"):]


def main() -> None:
    """Parse arguments, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true",
                        help="also each layer's alternatives, on the development set")
    parser.add_argument("--development-only", action="store_true",
                        help="do not score the held-out set")
    parser.add_argument("--misses", action="store_true",
                        help="list the development lines the reader gets wrong")
    parser.add_argument("--quick", action="store_true",
                        help="100 timing samples, no texts over 10,000 characters")
    args = parser.parse_args()
    if args.misses:
        for line in load(DEVELOPMENT):
            o = outcome(line)
            if (line.expect == "none" and (o.alerted or o.asked)) or (
                    line.expect != "none" and not o.immediate):
                print(f"{line.id} {line.expect:15} {line.family:25} alerted={o.alerted} "
                      f"asked={o.asked} {line.text}")
        return
    rows, _ = report(held_out=not args.development_only, comparing=args.compare,
                     samples=100 if args.quick else 300, quick=args.quick)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
