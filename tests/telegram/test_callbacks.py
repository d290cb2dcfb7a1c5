"""Callback data: the reply token and the choice id, within Telegram's 64 bytes."""

from __future__ import annotations

import ast
from pathlib import Path
from zoneinfo import available_timezones

from hypothesis import given
from hypothesis import strategies as st

from bot.telegram.callbacks import MAX_BYTES, Pressed, decode, encode
from flows.clinic import join_choice
from flows.menu import MENU_CHOICES
from flows.schedule import REMINDER_CHOICES
from flows.zones import COMMON

FLOWS = Path(__file__).resolve().parents[2] / "flows"
#: Far more questions than one person will ever be asked.
LONG_LIVED_TOKEN = "4294967295"
#: A database id far larger than any this bot will reach.
LONGEST_RECORD_ID = "9999999999"
#: Functions the flows use to build a choice id from a record id.
ID_BUILDERS = {"join_choice": join_choice}
#: Names of variables that hold a time zone used as a choice id (a common zone, or the
#: one the person's device suggests): any IANA key or stored offset may appear.
ZONE_IDS = {"key", "hint"}


def choice_ids_in_flows() -> list[str]:
    """Every choice id the flows can produce: the literal first argument of each Choice(...)."""
    ids: list[str] = []
    for path in sorted(FLOWS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "Choice"):
                first = node.args[0] if node.args else None
                where = f"{path.name}:{node.lineno}"
                if isinstance(first, ast.JoinedStr):
                    # an id built from a record id (a clinic): take the longest one plausible
                    ids.append("".join(
                        part.value if isinstance(part, ast.Constant) else LONGEST_RECORD_ID
                        for part in first.values))
                    continue
                if (isinstance(first, ast.Call) and isinstance(first.func, ast.Name)
                        and first.func.id in ID_BUILDERS):
                    ids.append(ID_BUILDERS[first.func.id](int(LONGEST_RECORD_ID)))
                    continue
                if isinstance(first, ast.Name) and first.id in ZONE_IDS:
                    ids.extend(key for key, _ in COMMON)
                    ids.extend([max(available_timezones(), key=len), "UTC+05:30"])
                    continue
                assert isinstance(first, ast.Constant), f"{where}: extend this test to see the id"
                assert isinstance(first.value, str), f"{where}: a choice id must be a string"
                ids.append(first.value)
    return ids


def test_the_scan_sees_the_known_choices() -> None:
    ids = set(choice_ids_in_flows())
    assert {c.id for c in MENU_CHOICES + REMINDER_CHOICES} <= ids
    assert {"yes", "no", "unsure", "continue", "done", "too_painful", "08:00"} <= ids
    assert {"Europe/London", "UTC"} <= ids


def test_every_choice_in_the_flows_fits_with_its_token() -> None:
    for choice in choice_ids_in_flows():
        data = encode(LONG_LIVED_TOKEN, choice)
        assert data == f"{LONG_LIVED_TOKEN}|{choice}", choice
        assert len(data.encode()) <= MAX_BYTES
        assert decode(data) == Pressed(choice, LONG_LIVED_TOKEN)


def test_a_token_that_does_not_fit_is_dropped() -> None:
    assert encode("7" * 60, "too_painful") == "|too_painful"
    assert decode("|too_painful") == Pressed("too_painful", None)


def test_a_choice_id_that_cannot_fit_gets_no_data() -> None:
    assert encode("3", "x" * 64) is None


def test_garbled_data_becomes_an_unknown_choice_without_token() -> None:
    assert decode("garbage") == Pressed("garbage", None)
    assert decode("") == Pressed("", None)
    assert decode("12|") == Pressed("", "12")


@given(token=st.one_of(st.none(), st.text(max_size=80)), choice=st.text(max_size=80))
def test_encoded_data_never_exceeds_the_limit_and_reads_back(token: str | None,
                                                             choice: str) -> None:
    data = encode(token, choice)
    if data is None:
        assert len(f"|{choice}".encode()) > MAX_BYTES
        return
    assert len(data.encode()) <= MAX_BYTES
    pressed = decode(data)
    assert pressed.choice == choice
    assert pressed.token in (token or None, None)
