"""The safety reader's time by message length, this checkout against another, interleaved.

    python -m bench.reader_speed                          # this checkout only
    python -m bench.reader_speed --against /path/to/tree  # ... and another checkout of the repo
    python -m bench.reader_speed --rounds 5 --samples 300

Each round times every side in a fresh process (the side's own code first on
``sys.path``), one after the other, so load from other work on a shared machine
hits both alike; the percentiles are over every round's samples together, in
wall-clock time and in the thread's CPU time (which other processes' load
inflates far less: the figure to compare on a busy machine). The
messages are development corpus lines run together (as in ``bench.detector``),
read the way the engine reads them; the load average is printed per round.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

#: Message lengths timed, in characters.
LENGTHS = (100, 250, 500, 1_000)
_HERE = Path(__file__).resolve().parent.parent

#: Run in the side's process: times per length, as JSON on stdout.
_TIMER = """
import json, sys, time
from bench.detector import DEVELOPMENT, load, messages_of_length
from flows.long_text import readable
from flows.symptoms import reading, warm_up
# Uncached where the checkout has it: every message is timed as read the first time.
read = getattr(reading, 'read_once', reading.read)
warm_up()
lines = load(DEVELOPMENT)
out = {}
for n in map(int, sys.argv[2:]):
    wall, cpu = [], []
    for text in messages_of_length(lines, n, int(sys.argv[1])):
        started, ran = time.perf_counter(), time.thread_time()
        read(readable(text) or "")
        cpu.append((time.thread_time() - ran) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    out[n] = [wall, cpu]
print(json.dumps(out))
"""


def side_times(tree: Path, samples: int) -> dict[int, list[list[float]]]:
    """One fresh process's milliseconds per message (wall clock, CPU), by length."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", _TIMER, str(samples), *map(str, LENGTHS)],
                          cwd=tree, env=env, capture_output=True, text=True, check=True)
    return {int(k): v for k, v in json.loads(done.stdout).items()}


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), as ``bench.detector`` takes it."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    """Time the sides in interleaved rounds and print a table of p50/p99 by length."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="another checkout to time alike")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--samples", type=int, default=300, help="messages per length per round")
    args = parser.parse_args()
    sides = {"this checkout": _HERE}
    if args.against is not None:
        sides["against"] = args.against.resolve()
    figures: dict[str, dict[int, list[list[float]]]] = {
        s: {n: [[], []] for n in LENGTHS} for s in sides}
    loads = []
    for round_ in range(args.rounds):
        for name, tree in sides.items():
            for length, (wall, cpu) in side_times(tree, args.samples).items():
                figures[name][length][0].extend(wall)
                figures[name][length][1].extend(cpu)
        loads.append(os.getloadavg()[0])
        print(f"round {round_ + 1}: load average {loads[-1]:.1f}", file=sys.stderr)
    print("| side | chars | p50 ms | p99 ms | CPU p50 ms | CPU p99 ms | p50 per 1,000 chars |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in sides:
        for length in LENGTHS:
            wall, cpu = figures[name][length]
            p50 = percentile(wall, 50)
            print(f"| {name} | {length:,} | {p50:.2f} | {percentile(wall, 99):.2f} | "
                  f"{percentile(cpu, 50):.2f} | {percentile(cpu, 99):.2f} | "
                  f"{p50 * 1000 / length:.2f} |")
    print(f"\n{args.rounds} rounds x {args.samples} messages per length and side; "
          f"load average {min(loads):.1f}-{max(loads):.1f}.")


if __name__ == "__main__":
    main()
