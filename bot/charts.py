"""Progress charts as PNG: one person's pain over the programme, and a clinic's patients.

Rendered with matplotlib's object API on the Agg canvas (no pyplot, no
global state), large type for phone screens, and always with alt text that
says in words what the picture shows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.messages import Image

REVIEW_DAY = 42
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
    """A clinic patient's recent pain scores, oldest first."""

    label: str
    pains: tuple[int, ...]
    flares: int


def progress_figure(points: Sequence[SessionPoint]) -> Figure:
    """Pain before and after per session, flares marked, floss phases shaded, day 42 drawn."""
    figure = Figure(figsize=(6.4, 4.8), dpi=150, layout="constrained")
    ax = figure.add_subplot()
    days = [p.day for p in points]
    for start, end, floss in _phases(points):
        colour, name = _BANDS.get(floss, ("#eeeeee", floss))
        ax.axvspan(start - 0.5, end + 0.5, color=colour, zorder=0)
        if end - start >= 3:
            ax.text((start + end) / 2, 10.5, name, ha="center", va="bottom", fontsize=10,
                    color="#555555")
    ax.plot(days, [p.pain_before for p in points], "o-", color=_BEFORE, linewidth=2.2,
            markersize=6, label="before")
    after = [(p.day, p.pain_after) for p in points if p.pain_after is not None]
    ax.plot([d for d, _ in after], [v for _, v in after], "s--", color=_AFTER, linewidth=1.8,
            markersize=5, label="after")
    flares = [(p.day, p.pain_after) for p in points if p.flare and p.pain_after is not None]
    ax.plot([d for d, _ in flares], [v for _, v in flares], "^", color=_FLARE, markersize=12,
            linestyle="none", label="flare-up")
    last = max(days, default=1)
    ax.axvline(REVIEW_DAY, color="#333333", linestyle=":", linewidth=1.5)
    ax.text(REVIEW_DAY, 9.6, "6 weeks ", fontsize=10, color="#333333", ha="right")
    ax.set_xlim(0.5, max(last, REVIEW_DAY) + 1)
    ax.set_ylim(0, 11.4)
    ax.set_yticks(range(0, 11, 2))
    ax.set_xlabel("programme day", fontsize=12)
    ax.set_ylabel("leg pain (0-10)", fontsize=12)
    ax.tick_params(labelsize=11)
    ax.grid(axis="y", alpha=0.3)
    figure.legend(loc="outside lower center", fontsize=10, ncols=3, frameon=False)
    ax.set_title("Your pain, before and after each session", fontsize=13)
    return figure


def progress_alt(points: Sequence[SessionPoint]) -> str:
    """The chart in words."""
    if not points:
        return "No check-ins yet, so the chart is empty."
    first, latest = points[0], points[-1]
    flares = sum(1 for p in points if p.flare)
    phases = ", ".join(f"{_BANDS.get(f, ('', f))[1]} days {a}-{b}" for a, b, f in _phases(points))
    return (
        f"Pain before each of {len(points)} sessions over {latest.day} days: "
        f"{first.pain_before} at the start, {latest.pain_before} most recently. "
        f"{flares} flare-up{'s' if flares != 1 else ''}. Nerve floss: {phases}. "
        f"The six-week review is at day {REVIEW_DAY}."
    )


def progress_chart(points: Sequence[SessionPoint]) -> Image:
    """The progress chart as a PNG with its alt text."""
    return Image(data=png(progress_figure(points)), alt=progress_alt(points))


def clinic_figure(trends: Sequence[PatientTrend]) -> Figure:
    """Small multiples: one panel per patient, same scale, flares counted in the title."""
    count = max(1, len(trends))
    columns = min(3, count)
    rows = (count + columns - 1) // columns
    figure = Figure(figsize=(2.6 * columns, 1.9 * rows + 0.4), dpi=150, layout="constrained")
    figure.suptitle("Pain before check-ins, last days", fontsize=12)
    for index, trend in enumerate(trends):
        ax = figure.add_subplot(rows, columns, index + 1)
        ax.plot(range(1, len(trend.pains) + 1), trend.pains, "o-", color=_BEFORE,
                markersize=3, linewidth=1.6)
        ax.set_ylim(0, 10.5)
        ax.set_yticks([0, 5, 10])
        ax.set_xticks([])
        ax.tick_params(labelsize=9)
        flare = f", {trend.flares} flare{'s' if trend.flares != 1 else ''}" if trend.flares else ""
        ax.set_title(f"{trend.label}{flare}", fontsize=10)
        ax.grid(axis="y", alpha=0.3)
    return figure


def clinic_alt(trends: Sequence[PatientTrend]) -> str:
    """The clinic chart in words."""
    if not trends:
        return "No shared check-ins in this period."
    parts = []
    for trend in trends:
        if trend.pains:
            parts.append(f"{trend.label}: {trend.pains[0]} to {trend.pains[-1]}")
        else:
            parts.append(f"{trend.label}: no check-ins")
    return "Pain before check-ins, first to latest. " + "; ".join(parts) + "."


def clinic_chart(trends: Sequence[PatientTrend]) -> Image:
    """The clinic's small-multiples chart as a PNG with its alt text."""
    return Image(data=png(clinic_figure(trends)), alt=clinic_alt(trends))


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
