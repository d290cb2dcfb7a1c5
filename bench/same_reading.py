"""Whether a change to the safety reader left what it reads unchanged.

    python -m bench.same_reading --write before.json   # on the code before the change
    python -m bench.same_reading --check before.json   # on the code after it: exit 1 if different

A speed change must not change a single reading. This writes (or checks) the
full reading of every development line (tests/corpus/safety/development.jsonl:
the tiers, the question, whether it touched a red flag, every finding with its
cues and context), and of the long messages ``bench.detector`` times (corpus
lines run together at 100 to 4,000 characters, read as the engine reads them).
The held-out lines are never read here. The file holds the corpus's own text
ids and readings, no user data.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.detector import DEVELOPMENT, load, messages_of_length
from flows.long_text import readable
from flows.symptoms import reading
from flows.symptoms.reading import Reading

#: Lengths of the run-together messages, and how many of each.
LENGTHS = (100, 250, 500, 1_000, 4_000)
PER_LENGTH = 300


def described(result: Reading) -> dict[str, object]:
    """A reading as plain data, every field of it."""
    return {
        "certain": [c.name for c in result.certain],
        "ask": result.ask.name if result.ask is not None else None,
        "touched": result.touched,
        "assessed": [
            {"concern": a.finding.concern.name, "tier": a.finding.tier.value,
             # Cues starting at one token come in set order, which varies with the
             # string hash seed from one process to the next: sorted here.
             "cues": sorted([m.cue.name, m.start, m.end, m.edits] for m in a.finding.cues),
             "context": sorted(c.value for c in a.context)}
            for a in result.assessed
        ],
    }


def readings() -> dict[str, dict[str, object]]:
    """Every development line's reading, and the long messages', by a stable key."""
    lines = load(DEVELOPMENT)
    out = {line.id: described(reading.read_once(line.text)) for line in lines}
    for length in LENGTHS:
        for index, text in enumerate(messages_of_length(lines, length, PER_LENGTH)):
            said = reading.read_once(readable(text) or "")
            out[f"run-together {length} #{index}"] = described(said)
    return out


def main() -> None:
    """Write or check the readings; exit 1 and name the keys that differ."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the readings to this file")
    group.add_argument("--check", type=Path, help="compare the readings with this file")
    args = parser.parse_args()
    now = readings()
    if args.write is not None:
        args.write.write_text(json.dumps(now, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(now)} readings written to {args.write}")
        return
    before = json.loads(args.check.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for key in differ[:20]:
        print(f"differs: {key}")
    print(f"{len(now)} readings, {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
