"""The emergency detector on long messages: time per message as the length grows.

    python -m bench.detector

Every message is screened for cauda equina symptoms, so the detector's time
must grow in proportion to a message's length, never its square (40,000
characters of one symptom word took 7 s before every pattern's reach was
bounded). Prints milliseconds per message for a few hostile shapes, read the
way the engine reads them (``flows.long_text.readable``, then the detector).
"""

from __future__ import annotations

import time

from flows.emergency import describes_cauda_equina

from flows.long_text import readable

#: Repeated to the length measured: symptom words with no place, places with no
#: symptom, everyday prose, and a mix that is an emergency.
SHAPES = {
    "symptom words": "numb ",
    "places": "groin bladder ",
    "prose": "I walked the dog and sat down for a while. ",
    "denials": "no numb groin, ",
}
LENGTHS = (1_000, 10_000, 40_000, 100_000)


def per_message_ms(text: str, repeats: int = 3) -> float:
    """Best of ``repeats``: milliseconds for the engine's screening of ``text``."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        describes_cauda_equina(readable(text) or "")
        best = min(best, time.perf_counter() - started)
    return best * 1000


def measure() -> list[tuple[str, list[float]]]:
    """Each shape with its milliseconds at each of :data:`LENGTHS`."""
    return [(name, [per_message_ms((unit * (n // len(unit) + 1))[:n]) for n in LENGTHS])
            for name, unit in SHAPES.items()]


def table() -> list[str]:
    """The figures as Markdown table rows."""
    rows = ["| message | " + " | ".join(f"{n:,} chars, ms" for n in LENGTHS) + " |",
            "| --- |" + " ---: |" * len(LENGTHS)]
    rows += [f"| {name} | " + " | ".join(f"{ms:.2f}" for ms in figures) + " |"
             for name, figures in measure()]
    return rows


if __name__ == "__main__":
    print("\n".join(table()))
