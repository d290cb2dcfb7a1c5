"""Progress charts as PNG: one person's pain over the programme, and a clinic's patients.

Rendered with matplotlib's object API on the Agg canvas (no pyplot, no
global state), large type for phone screens, and always with alt text that
says in words what the picture shows. Under the pain, when the person gave
them: a strip of how far down the leg the pain reached each day (back at the
top, the foot at the bottom, so pain drawing back up the leg rises), and the
activities they want to get back to, rated 0-10.
"""

from __future__ import annotations

import argparse
import io
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from core.messages import Image
from storage.outcomes import Score

REVIEW_DAY = 42
DPI = 200
PROGRESS_INCHES = (5.0, 4.4)  # 1000 x 880 pixels
_BEFORE = "#1f5fa8"
_AFTER = "#e07b00"
_FLARE = "#c0262d"
_BANDS = {"floss_slider": ("#e8f1fb", "slider"), "floss_tensioner": ("#fdf0e1", "tensioner")}
#: How far down the pain reaches (level 0-4), in the strip's words and colours (light to dark).
REACH_LABELS = ("back only", "buttock", "thigh", "below knee", "foot")
_REACH_COLOURS = ("#fde0c5", "#f9b17a", "#f07c3d", "#d1451b", "#8c1d0b")
_ACTIVITY_COLOURS = ("#2a7f62", "#7b3fa0", "#b8860b")
PANEL_INCHES = {"reach": 1.7, "activities": 2.1}


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
class ReachPoint:
    """How far down the leg the pain reached on one programme day (0 back only ... 4 foot)."""

    day: int
    reach: int


@dataclass(frozen=True, slots=True)
class ActivityScores:
    """One activity the person wants to get back to, rated 0-10 over the programme days.

    A rating from set-up, before the first session, sits at day 0.
    """

    name: str
    points: tuple[tuple[int, int], ...]  # (programme day, score)


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
    #: How far down the leg the pain reached at each shared check-in (None: not said).
    reaches: tuple[int | None, ...] = ()


def progress_figure(points: Sequence[SessionPoint], reach: Sequence[ReachPoint] = (),
                    activities: Sequence[ActivityScores] = ()) -> Figure:
    """Pain before and after per session, flares marked, floss phases shaded, day 42 drawn.

    Below it, when there is something to show, the strip of how far down the
    pain reached and the activities' ratings, on the same days. Small in inches
    and dense in pixels, so the type stays large when a phone shrinks the
    picture to the width of its screen.
    """
    panels = [name for name, given in (("reach", reach), ("activities", activities)) if given]
    width, height = PROGRESS_INCHES
    figure = Figure(figsize=(width, height + sum(PANEL_INCHES[p] for p in panels)), dpi=DPI,
                    layout="constrained")
    grid = figure.add_gridspec(1 + len(panels), 1,
                               height_ratios=[height - 1.2, *(PANEL_INCHES[p] for p in panels)])
    ax = figure.add_subplot(grid[0])
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
    ax.set_title("Your leg pain, before and after", fontsize=15)
    if not panels:
        figure.legend(loc="outside lower center", fontsize=12, ncols=3, frameon=False)
        return figure
    ax.set_xlabel("")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), fontsize=11, ncols=3,
              frameon=False)
    left = min([0.5, *(d - 0.5 for a in activities for d, _ in a.points)])
    ax.set_xlim(left, ax.get_xlim()[1])
    for index, panel in enumerate(panels, 1):
        below = figure.add_subplot(grid[index], sharex=ax)
        if panel == "reach":
            _reach_strip(below, reach)
        else:
            _activity_panel(below, activities)
    below.set_xlabel("programme day", fontsize=13)
    return figure


def _reach_strip(ax: Axes, reach: Sequence[ReachPoint]) -> None:
    """A strip read at a glance: a coloured square a day, the back at the top, the foot below."""
    days = [p.day for p in reach]
    levels = [p.reach for p in reach]
    ax.plot(days, levels, "-", color="#999999", linewidth=1, zorder=1)
    ax.scatter(days, levels, c=[_REACH_COLOURS[v] for v in levels], marker="s", s=70,
               edgecolors="#555555", linewidths=0.5, zorder=2)
    ax.set_ylim(len(REACH_LABELS) - 0.5, -0.5)  # the back at the top
    ax.set_yticks(range(len(REACH_LABELS)), REACH_LABELS)
    ax.tick_params(labelsize=10)
    ax.grid(axis="y", alpha=0.3)
    ax.set_title("How far down your leg the pain reaches", fontsize=13)


def _activity_panel(ax: Axes, activities: Sequence[ActivityScores]) -> None:
    """Each activity's 0-10 ratings, higher is better."""
    for index, activity in enumerate(activities):
        colour = _ACTIVITY_COLOURS[index % len(_ACTIVITY_COLOURS)]
        ax.plot([d for d, _ in activity.points], [v for _, v in activity.points], "o-",
                color=colour, linewidth=2, markersize=5, label=_short(activity.name))
    ax.set_ylim(-0.5, 10.5)
    ax.set_yticks(range(0, 11, 5))
    ax.tick_params(labelsize=11)
    ax.grid(axis="y", alpha=0.3)
    ax.set_title("Your activities: how well you manage them (0-10)", fontsize=12)
    ax.legend(loc="upper left", fontsize=10, frameon=False)


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def progress_alt(points: Sequence[SessionPoint], today: int | None = None,
                 reach: Sequence[ReachPoint] = (), activities: Sequence[ActivityScores] = ()
                 ) -> str:
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
    text = (
        f"Leg pain at {_times(len(points), 'check-in')}, {span} of the programme{now}: "
        f"{scores} {_times(flares, 'flare-up') if flares else 'No flare-ups'}. "
        f"Nerve floss: {phases}. "
        f"The six-week review is at day {REVIEW_DAY}."
    )
    if reach:
        text += (f" How far down the leg the pain reaches: {_reach_said(reach[0].reach)} on day "
                 f"{reach[0].day}, {_reach_said(reach[-1].reach)} on day {reach[-1].day}.")
    rated = [f"{a.name} from {a.points[0][1]} to {a.points[-1][1]}" for a in activities
             if a.points]
    if rated:
        text += f" How well you manage your activities, 0-10: {'; '.join(rated)}."
    return text


def outcome_series(points: Sequence[SessionPoint], scores: Sequence[Score],
                   names: Mapping[int, str]) -> tuple[list[ReachPoint], list[ActivityScores]]:
    """The reach strip's and the activity panel's points, on the programme days of ``points``.

    The last reach of a day counts; an activity is named as the person last named its slot.
    """
    if not points:
        return [], []
    first_day = points[0].local_date - timedelta(days=points[0].day - 1)

    def day_of(on: date) -> int:
        return max(0, (on - first_day).days + 1)

    reach = {s.local_date: s.score for s in scores if s.measure == "reach"}
    rated: dict[int, dict[int, int]] = {}
    for s in scores:
        if s.measure == "psfs" and s.item.isdigit():
            rated.setdefault(int(s.item), {})[day_of(s.local_date)] = s.score
    return (
        [ReachPoint(day_of(on), level) for on, level in sorted(reach.items())],
        [ActivityScores(names.get(slot, f"activity {slot}"), tuple(sorted(by_day.items())))
         for slot, by_day in sorted(rated.items())],
    )


def _reach_said(level: int) -> str:
    return {1: "the buttock", 2: "the thigh", 3: "below the knee", 4: "into the foot"}.get(
        level, REACH_LABELS[level])


def _scores(point: SessionPoint) -> str:
    if point.pain_after is None:
        return f"{point.pain_before} before"
    return f"{point.pain_before} before and {point.pain_after} after"


def progress_chart(points: Sequence[SessionPoint], today: int | None = None,
                   reach: Sequence[ReachPoint] = (), activities: Sequence[ActivityScores] = ()
                   ) -> Image:
    """The progress chart as a PNG with its alt text (``today``: today's programme day)."""
    return Image(data=png(progress_figure(points, reach, activities)),
                 alt=progress_alt(points, today, reach, activities))


def clinic_figure(trends: Sequence[PatientTrend]) -> Figure:
    """Small multiples: one panel per patient, each step up or down one unit, no scale."""
    count = max(1, len(trends))
    columns = min(3, count)
    rows = (count + columns - 1) // columns
    figure = Figure(figsize=(2.6 * columns, 2.2 * rows + 0.5), dpi=DPI, layout="constrained")
    any_reach = any(r is not None for t in trends for r in t.reaches)
    title = "Pain direction at each shared check-in (no scores)"
    if any_reach:
        title += "\nsquares: how far down the leg the pain reached (light: back, dark: foot)"
    figure.suptitle(title, fontsize=12)
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
        ax.set_ylim(-reach - (1.2 if any_reach else 0), reach)
        if any_reach:
            said = [(x, r) for x, r in zip(checkins, trend.reaches, strict=False)
                    if r is not None]
            ax.scatter([x for x, _ in said], [-reach - 0.5] * len(said),
                       c=[_REACH_COLOURS[r] for _, r in said], marker="s", s=40,
                       edgecolors="#555555", linewidths=0.4)
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
        said = [r for r in trend.reaches if r is not None]
        reached = ""
        if said:
            reached = (f", pain reaching {_reach_said(said[0])}" if len(said) == 1 else
                       f", pain reaching {_reach_said(said[0])} at the first and "
                       f"{_reach_said(said[-1])} at the latest")
        parts.append(
            f"{trend.label}: {_times(len(trend.moves), 'check-in')}, lower "
            f"{_times(changes.count(-1))}, higher {_times(changes.count(1))}, the same "
            f"{_times(changes.count(0))}, {_times(flares, 'flare-up')}{reached}"
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


def sample_reach() -> list[ReachPoint]:
    """Where the invented pain reached: below the knee at first, drawing back up to the buttock."""
    levels = [3, 3, 3, 3, 3, 3, 2, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1,
              1, 0, 1, 0]
    skipped = {5, 13, 24}
    return [ReachPoint(day, level) for day, level in enumerate(levels, 1) if day not in skipped]


def sample_activities() -> list[ActivityScores]:
    """Two invented activities, rated at set-up (day 0) and weekly."""
    return [
        ActivityScores("walking the dog", ((0, 3), (1, 3), (8, 4), (15, 5), (22, 5), (29, 7))),
        ActivityScores("sitting through a meeting", ((0, 2), (8, 2), (15, 4), (22, 5), (29, 6))),
    ]


def sample_progress_chart() -> Image:
    """The README's progress chart: the invented days with their reach and activities."""
    return progress_chart(sample_points(), reach=sample_reach(), activities=sample_activities())


def sample_trends() -> list[PatientTrend]:
    """Five invented patients of a clinic over two weeks."""
    return [
        PatientTrend("Patient A", (0, -1, -1, 0, -1, -1, 0, -1), (False,) * 8,
                     (3, 3, 2, 2, None, 2, 1, 1)),
        PatientTrend("Patient B", (0, 1, 0, -1, 1, 1, -1, 0, -1),
                     (False, True, False, False, False, True, False, False, False)),
        PatientTrend("Patient C", (0, 0, -1, 0, 0, -1), (False,) * 6, (4, 4, 3, 4, 3, 3)),
        PatientTrend("Patient D", (0, -1, 1, -1, -1, 0, -1, -1, 0, -1), (False,) * 10),
        PatientTrend("Patient E", (0, 0, 1), (False, False, True)),
    ]


def write_samples(folder: Path) -> list[Path]:
    """The README's pictures, from the invented data above."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, image in (("progress-chart.png", sample_progress_chart()),
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
