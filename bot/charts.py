"""Progress charts as PNG: one person's pain over the programme, and a clinic's patients.

Rendered with matplotlib's object API on the Agg canvas (no pyplot, no
global state), large type for phone screens, and always with alt text that
says in words what the picture shows.
"""

from __future__ import annotations

import argparse
import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from core.messages import Image

REVIEW_DAY = 42
DPI = 200
PROGRESS_INCHES = (5.0, 4.4)  # 1000 x 880 pixels
_BEFORE = "#1f5fa8"
_AFTER = "#e07b00"
_FLARE = "#c0262d"
_BANDS = {"floss_slider": ("#e8f1fb", "slider"), "floss_tensioner": ("#fdf0e1", "tensioner")}


@dataclass(frozen=True, slots=True)
class SessionPoint:
    """One check-in as the chart needs it."""

    day: int  # programme day (1 = first session)
    local_date: date
    pain_before: int
    pain_after: int | None
    flare: bool
    floss: str


@dataclass(frozen=True, slots=True)
class PatientTrend:
    """A clinic patient's shared check-ins, oldest first: directions only, never a score.

    What a clinic may see is what the patient agreed to: at each check-in,
    whether pain was higher (+1), lower (-1) or the same (0) as at the one
    before, and whether it had a flare-up. The first shared check-in is 0.
    """

    label: str
    moves: tuple[int, ...]
    flares: tuple[bool, ...]


def progress_figure(points: Sequence[SessionPoint]) -> Figure:
    """Pain before and after per session, flares marked, floss phases shaded, day 42 drawn.

    Small in inches and dense in pixels, so the type stays large when a
    phone shrinks the picture to the width of its screen.
    """
    figure = Figure(figsize=PROGRESS_INCHES, dpi=DPI, layout="constrained")
    ax = figure.add_subplot()
    days = [p.day for p in points]
    phases = _phases(points)
    for index, (start, end, floss) in enumerate(phases):
        colour, name = _BANDS.get(floss, ("#eeeeee", floss))
        until = phases[index + 1][0] - 0.5 if index + 1 < len(phases) else end + 0.5
        ax.axvspan(start - 0.5, until, color=colour, zorder=0)
        if until - start >= 6:
            ax.text((start - 0.5 + until) / 2, 10.4, name, ha="center", va="bottom",
                    fontsize=12, color="#444444")
    ax.plot(days, [p.pain_before for p in points], "o-", color=_BEFORE, linewidth=2.6,
            markersize=7, label="before")
    after = [(p.day, p.pain_after) for p in points if p.pain_after is not None]
    ax.plot([d for d, _ in after], [v for _, v in after], "s--", color=_AFTER, linewidth=2,
            markersize=6, label="after")
    flares = [(p.day, p.pain_after) for p in points if p.flare and p.pain_after is not None]
    ax.plot([d for d, _ in flares], [v for _, v in flares], "^", color=_FLARE, markersize=14,
            linestyle="none", label="flare-up")
    last = max(days, default=1)
    ax.axvline(REVIEW_DAY, color="#333333", linestyle=":", linewidth=2)
    ax.text(REVIEW_DAY, 8.9, "6 weeks ", fontsize=12, color="#333333", ha="right")
    ax.set_xlim(0.5, max(last, REVIEW_DAY) + 1)
    ax.set_ylim(0, 11.6)
    ax.set_yticks(range(0, 11, 2))
    ax.set_xlabel("programme day", fontsize=13)
    ax.set_ylabel("leg pain (0-10)", fontsize=13)
    ax.tick_params(labelsize=12)
    ax.grid(axis="y", alpha=0.3)
    figure.legend(loc="outside lower center", fontsize=12, ncols=3, frameon=False)
    ax.set_title("Your leg pain, before and after", fontsize=15)
    return figure


def progress_alt(points: Sequence[SessionPoint], today: int | None = None) -> str:
    """The chart in words; ``today`` is today's programme day, as the progress text gives it."""
    if not points:
        return "No check-ins yet, so the chart is empty."
    first, latest = points[0], points[-1]
    flares = sum(1 for p in points if p.flare)
    phases = ", ".join(
        f"{_BANDS.get(f, ('', f))[1]} " + (f"days {a}-{b}" if b > a else f"day {a}")
        for a, b, f in _phases(points))
    span = (f"on day {first.day}" if first.day == latest.day
            else f"from day {first.day} to day {latest.day}")
    now = f" (today is day {today})" if today is not None and today != latest.day else ""
    scores = (f"{_scores(first)}." if len(points) == 1
              else f"{_scores(first)} at the first, {_scores(latest)} at the latest.")
    return (
        f"Leg pain at {_times(len(points), 'check-in')}, {span} of the programme{now}: "
        f"{scores} {_times(flares, 'flare-up') if flares else 'No flare-ups'}. "
        f"Nerve floss: {phases}. "
        f"The six-week review is at day {REVIEW_DAY}."
    )


def _scores(point: SessionPoint) -> str:
    if point.pain_after is None:
        return f"{point.pain_before} before"
    return f"{point.pain_before} before and {point.pain_after} after"


def progress_chart(points: Sequence[SessionPoint], today: int | None = None) -> Image:
    """The progress chart as a PNG with its alt text (``today``: today's programme day)."""
    return Image(data=png(progress_figure(points)), alt=progress_alt(points, today))


def clinic_figure(trends: Sequence[PatientTrend]) -> Figure:
    """Small multiples: one panel per patient, each step up or down one unit, no scale."""
    count = max(1, len(trends))
    columns = min(3, count)
    rows = (count + columns - 1) // columns
    figure = Figure(figsize=(2.6 * columns, 2.2 * rows + 0.5), dpi=DPI, layout="constrained")
    figure.suptitle("Pain direction at each shared check-in (no scores)", fontsize=12)
    for index, trend in enumerate(trends):
        ax = figure.add_subplot(rows, columns, index + 1)
        path = list(itertools.accumulate(trend.moves))
        checkins = range(1, len(path) + 1)
        ax.axhline(0, color="#999999", linewidth=1)
        ax.plot(checkins, path, "o-", color=_BEFORE, markersize=5, linewidth=2)
        flared = [(x, y) for x, y, f in zip(checkins, path, trend.flares, strict=True) if f]
        ax.plot([x for x, _ in flared], [y for _, y in flared], "^", color=_FLARE,
                markersize=11, linestyle="none")
        reach = max((abs(y) for y in path), default=0) + 1
        ax.set_ylim(-reach, reach)
        ax.set_xlim(0.5, max(len(path), 1) + 0.5)
        ax.set_yticks([])
        ax.set_xticks([])
        ax.set_ylabel("↓ lower   ↑ higher", fontsize=10)
        flares = sum(trend.flares)
        flare = f", {flares} flare{'s' if flares != 1 else ''}" if flares else ""
        ax.set_title(f"{trend.label}{flare}", fontsize=12)
    return figure


def clinic_alt(trends: Sequence[PatientTrend]) -> str:
    """The clinic chart in words (directions and counts, no scores)."""
    if not trends:
        return "Nobody shares their check-ins with this clinic yet."
    parts = []
    for trend in trends:
        if not trend.moves:
            parts.append(f"{trend.label}: no shared check-ins")
            continue
        changes = trend.moves[1:]
        flares = sum(trend.flares)
        parts.append(
            f"{trend.label}: {_times(len(trend.moves), 'check-in')}, lower "
            f"{_times(changes.count(-1))}, higher {_times(changes.count(1))}, the same "
            f"{_times(changes.count(0))}, {_times(flares, 'flare-up')}"
        )
    return ("Pain direction at each shared check-in against the one before, no scores. "
            + "; ".join(parts) + ".")


def clinic_chart(trends: Sequence[PatientTrend]) -> Image:
    """The clinic's small-multiples chart as a PNG with its alt text."""
    return Image(data=png(clinic_figure(trends)), alt=clinic_alt(trends))


def _times(count: int, noun: str = "time") -> str:
    if noun == "time":
        return {1: "once", 2: "twice"}.get(count, f"{count} times")
    return f"{count} {noun}{'s' if count != 1 else ''}"


def png(figure: Figure) -> bytes:
    """Render a figure to PNG bytes."""
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)  # attaches itself to the figure
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _phases(points: Sequence[SessionPoint]) -> list[tuple[int, int, str]]:
    """Runs of consecutive sessions with the same nerve floss: (first day, last day, floss)."""
    runs: list[tuple[int, int, str]] = []
    for point in points:
        if runs and runs[-1][2] == point.floss:
            runs[-1] = (runs[-1][0], point.day, point.floss)
        else:
            runs.append((point.day, point.day, point.floss))
    return runs


def sample_points() -> list[SessionPoint]:
    """Thirty invented days: pain easing, two flare-ups, back to the slider after one."""
    start = date(2026, 3, 2)
    befores = [7, 7, 6, 6, 6, 5, 5, 5, 4, 5, 4, 4, 4, 5, 4, 3, 4, 3, 3, 3, 4, 3, 3, 3, 2, 3,
               2, 2, 2, 2]
    flares = {9: 6, 20: 6}
    skipped = {5, 13, 24}
    points = []
    for day, before in enumerate(befores, 1):
        if day in skipped:
            continue
        floss = "floss_tensioner" if day >= 12 and not 21 <= day <= 23 else "floss_slider"
        after = flares.get(day, max(0, before - 1 - day % 2))
        points.append(SessionPoint(day, start + timedelta(days=day - 1), before, after,
                                   day in flares, floss))
    return points


def sample_trends() -> list[PatientTrend]:
    """Five invented patients of a clinic over two weeks."""
    return [
        PatientTrend("Patient A", (0, -1, -1, 0, -1, -1, 0, -1), (False,) * 8),
        PatientTrend("Patient B", (0, 1, 0, -1, 1, 1, -1, 0, -1),
                     (False, True, False, False, False, True, False, False, False)),
        PatientTrend("Patient C", (0, 0, -1, 0, 0, -1), (False,) * 6),
        PatientTrend("Patient D", (0, -1, 1, -1, -1, 0, -1, -1, 0, -1), (False,) * 10),
        PatientTrend("Patient E", (0, 0, 1), (False, False, True)),
    ]


def write_samples(folder: Path) -> list[Path]:
    """The README's pictures, from the invented data above."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, image in (("progress-chart.png", progress_chart(sample_points())),
                        ("clinic-chart.png", clinic_chart(sample_trends()))):
        path = folder / name
        path.write_bytes(image.data)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m bot.charts --samples docs/images``."""
    parser = argparse.ArgumentParser(prog="python -m bot.charts",
                                     description="Draw the charts from invented sample data.")
    parser.add_argument("--samples", metavar="FOLDER", required=True,
                        help="where to write progress-chart.png and clinic-chart.png")
    args = parser.parse_args(argv)
    for path in write_samples(Path(args.samples)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
