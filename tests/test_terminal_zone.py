"""The terminal chat offers the computer's own time zone first when it asks for one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def chat(tmp_path: Path, zone: str, *typed: str) -> str:
    """`sciatica-bot chat` as a real process, on a computer set to ``zone``."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--db", str(tmp_path / "c.sqlite3"),
         "--files", str(tmp_path / "files")],
        input="".join(f"{line}\n" for line in typed), capture_output=True, text=True,
        timeout=120, check=True, env={**os.environ, "TZ": zone},
    )
    return result.stdout


def test_the_computer_s_zone_is_the_first_button_and_taking_it_sets_it(tmp_path: Path) -> None:
    shown = chat(tmp_path, "America/Halifax", "1", "1", "1")

    assert "[1] America/Halifax (from your device)   [2] London" in shown
    assert "Time zone set to America/Halifax." in shown


def test_a_computer_on_a_common_zone_gets_the_common_buttons_only(tmp_path: Path) -> None:
    shown = chat(tmp_path, "Europe/London", "1", "1")

    assert "[1] London   [2] Berlin, Paris, Madrid" in shown
    assert "from your device" not in shown
