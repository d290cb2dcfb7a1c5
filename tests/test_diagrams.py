"""The committed flow diagrams match the flow definitions."""

from __future__ import annotations

from pathlib import Path

from flows.diagrams import render_all

DOCS = Path(__file__).parent.parent / "docs" / "flows"


def test_diagrams_are_current() -> None:
    stale = [name for name, content in render_all().items()
             if not (DOCS / name).exists() or (DOCS / name).read_text(encoding="utf-8") != content]
    assert stale == [], "run `sciatica-bot flows diagram` and commit docs/flows"


def test_diagrams_show_guards_and_handovers() -> None:
    checkin = render_all()["checkin.md"]
    assert "stateDiagram-v2" in checkin
    assert "[needs_tips]" in checkin
    assert "to_safety__alerted" in checkin
