"""The charts: decodable PNGs with one point per check-in, readable sizes, honest alt text."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from matplotlib.lines import Line2D
from PIL import Image as Picture

from bot import charts
from bot.clinics import moves


def days(count: int, *, flare_on: frozenset[int] = frozenset()) -> list[charts.SessionPoint]:
    """``count`` check-ins on consecutive days, slider for a week then tensioner."""
    return [
        charts.SessionPoint(day, date(2026, 3, 1) + timedelta(days=day), 5, 6 if day in flare_on
                            else 4, day in flare_on,
                            "floss_slider" if day <= 7 else "floss_tensioner")
        for day in range(1, count + 1)
    ]


def line(figure: object, label: str) -> Line2D:
    (ax,) = figure.axes  # type: ignore[attr-defined]
    (found,) = [ln for ln in ax.lines if ln.get_label() == label]
    return found


@pytest.mark.parametrize("count", [1, 12, 42])
def test_the_progress_chart_has_one_point_before_and_after_per_checkin(count: int) -> None:
    figure = charts.progress_figure(days(count))
    assert len(line(figure, "before").get_xdata()) == count
    assert len(line(figure, "after").get_xdata()) == count


def test_flares_are_marked_once_each() -> None:
    figure = charts.progress_figure(days(20, flare_on=frozenset({9, 15})))
    assert list(line(figure, "flare-up").get_xdata()) == [9, 15]


def test_the_progress_chart_is_a_png_sized_for_a_phone_with_its_alt_text() -> None:
    image = charts.progress_chart(days(12, flare_on=frozenset({9})))
    picture = Picture.open(io.BytesIO(image.data))
    picture.verify()
    assert picture.format == "PNG"
    assert picture.size == (1000, 880)
    assert image.alt == (
        "Leg pain at 12 check-ins, from day 1 to day 12 of the programme: 5 before and 4 "
        "after at the first, 5 before and 4 after at the latest. 1 flare-up. "
        "Nerve floss: slider days 1-7, tensioner days 8-12. The six-week review is at day 42."
    )


def test_the_alt_text_names_today_s_programme_day_as_the_progress_text_does() -> None:
    image = charts.progress_chart(days(1), today=5)
    assert image.alt.startswith(
        "Leg pain at 1 check-in, on day 1 of the programme (today is day 5): 5 before and 4 "
        "after.")


def test_an_empty_progress_chart_still_draws_and_says_so() -> None:
    image = charts.progress_chart([])
    assert Picture.open(io.BytesIO(image.data)).format == "PNG"
    assert image.alt == "No check-ins yet, so the chart is empty."


def test_clinic_moves_are_directions_against_the_previous_checkin() -> None:
    assert moves([6, 4, 4, 7, 2]) == (0, -1, 0, 1, -1)
    assert moves([]) == ()


def test_the_clinic_chart_has_a_panel_per_patient_and_no_scale() -> None:
    trends = [charts.PatientTrend("Ann", (0, -1, -1), (False, False, False)),
              charts.PatientTrend("Ben", (0, 1), (False, True)),
              charts.PatientTrend("Cy", (), ())]
    figure = charts.clinic_figure(trends)
    assert [ax.get_title() for ax in figure.axes] == ["Ann", "Ben, 1 flare", "Cy"]
    assert all(list(ax.get_yticks()) == [] for ax in figure.axes)
    assert [len(ax.lines[1].get_xdata()) for ax in figure.axes] == [3, 2, 0]
    assert charts.clinic_alt(trends) == (
        "Pain direction at each shared check-in against the one before, no scores. "
        "Ann: 3 check-ins, lower twice, higher 0 times, the same 0 times, 0 flare-ups; "
        "Ben: 2 check-ins, lower 0 times, higher once, the same 0 times, 1 flare-up; "
        "Cy: no shared check-ins."
    )


def test_the_readme_pictures_are_made_by_one_command(tmp_path: Path) -> None:
    written = charts.write_samples(tmp_path)
    assert [p.name for p in written] == ["progress-chart.png", "clinic-chart.png"]
    for path in written:
        with Picture.open(path) as picture:
            assert picture.format == "PNG"


def test_the_committed_readme_pictures_are_current() -> None:
    docs = Path(__file__).parents[1] / "docs" / "images"
    for name, image in (("progress-chart.png", charts.progress_chart(charts.sample_points())),
                        ("clinic-chart.png", charts.clinic_chart(charts.sample_trends()))):
        with Picture.open(docs / name) as committed:
            size = committed.size
        drawn = Picture.open(io.BytesIO(image.data))
        assert size == drawn.size, "run `python -m bot.charts --samples docs/images`"
