"""Every transcript under tests/transcripts (files starting with _ are fragments)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fakes.harness import ChatHarness
from tests.transcript import FOLDER, run_transcript

TRANSCRIPTS = sorted(p for p in FOLDER.glob("*.txt") if not p.name.startswith("_"))


def test_there_are_transcripts() -> None:
    assert len(TRANSCRIPTS) >= 20


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_transcript(bot: ChatHarness, path: Path) -> None:
    run_transcript(bot, path)
