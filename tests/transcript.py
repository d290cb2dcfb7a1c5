"""Conversation transcripts: a readable file per behaviour, run against the engine.

Format, one directive per line::

    # a comment
    @ 2026-03-02T09:00:00+01:00    set the clock (it never runs backwards)
    @ +1d   /   @ +2h              move the clock forward
    > some text                     the person types
    >> choice_id                    the person presses a button of the last question
    >>stale choice_id               ... a button of an older question
    < words                         some reply of this turn contains "words" (any case)
    <! words                        no reply of this turn contains "words"
    < [alert=emergency]             some reply carries this tag (alert or exercise)
    < [alert=none]                  no reply carries an alert (likewise exercise=none)
    < [choices=yes,no]              the last question offers exactly these ids
    < [button=My progress]          some button of the last question reads exactly this
    < [position=checkin.pain_now]   the conversation now rests here
    tick                            run due reminders now (later `<` lines check them)
    include _file.txt               run another transcript here
    repeat 6 _file.txt              ... several times
    user bob                        talk as someone else from here on
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

from fakes.harness import ChatHarness, Replies

FOLDER = Path(__file__).parent / "transcripts"
_TAG = re.compile(r"^\[(\w+)=([^\]]*)\]$")
_DELTA = re.compile(r"^\+(\d+)([dhm])$")


class TranscriptError(AssertionError):
    """A transcript expectation failed; the message names file and line."""


def run_transcript(bot: ChatHarness, path: Path) -> None:
    """Run every directive of ``path`` against ``bot``."""
    state = {"user": "alice", "replies": Replies()}
    _run(bot, path, state)


def _run(bot: ChatHarness, path: Path, state: dict) -> None:  # type: ignore[type-arg]
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            _step(bot, line, state)
        except TranscriptError as error:
            raise TranscriptError(f"{path.name}:{number}: {line}\n{error}") from None


def _step(bot: ChatHarness, line: str, state: dict) -> None:  # type: ignore[type-arg]
    user = state["user"]
    if line.startswith(">>stale "):
        state["replies"] = bot.press(line[8:].strip(), user, stale=True)
    elif line.startswith(">> "):
        state["replies"] = bot.press(line[3:].strip(), user)
    elif line.startswith("> "):
        state["replies"] = bot.say(line[2:], user)
    elif line.startswith("<! "):
        _expect_absent(state["replies"], line[3:].strip())
    elif line.startswith("< "):
        _expect(bot, state["replies"], line[2:].strip(), user)
    elif line.startswith("@ "):
        _clock(bot, line[2:].strip())
    elif line == "tick":
        state["replies"] = bot.tick().get(user, Replies())
    elif line.startswith("include "):
        _run(bot, FOLDER / line.split(None, 1)[1], state)
    elif line.startswith("repeat "):
        _, times, name = line.split(None, 2)
        for _ in range(int(times)):
            _run(bot, FOLDER / name, state)
    elif line.startswith("user "):
        state["user"] = line.split(None, 1)[1]
    else:
        raise TranscriptError(f"unknown directive: {line!r}")


def _clock(bot: ChatHarness, value: str) -> None:
    delta = _DELTA.match(value)
    if delta:
        amount, unit = int(delta.group(1)), delta.group(2)
        bot.clock.advance(timedelta(**{{"d": "days", "h": "hours", "m": "minutes"}[unit]: amount}))
    else:
        bot.clock.set(datetime.fromisoformat(value))


def _show(replies: Replies) -> str:
    if not replies:
        return "  (no replies)"
    parts = []
    for m in replies:
        tags = f" alert={m.alert} exercise={m.exercise} choices={[c.id for c in m.choices]}"
        parts.append("  | " + m.text.replace("\n", "\n  | ") + "\n   " + tags)
    return "\n".join(parts)


def _expect(bot: ChatHarness, replies: Replies, expected: str, user: str) -> None:
    tag = _TAG.match(expected)
    if tag is None:
        if not replies.has(expected):
            raise TranscriptError(
                f"no reply contains {expected!r}; replies were:\n{_show(replies)}"
            )
        return
    name, value = tag.group(1), tag.group(2)
    if name in ("alert", "exercise"):
        found = [str(v) for v in (replies.alerts if name == "alert" else replies.exercises)]
        ok = not found if value == "none" else value in found
    elif name == "choices":
        ok = replies.choices == [v for v in value.split(",") if v]
    elif name == "button":
        ok = value in replies.labels
    elif name == "position":
        actual = bot.position(user)
        if actual != value:
            raise TranscriptError(f"position is {actual}, expected {value}")
        return
    else:
        raise TranscriptError(f"unknown tag {name!r}")
    if not ok:
        raise TranscriptError(f"expected [{name}={value}]; replies were:\n{_show(replies)}")


def _expect_absent(replies: Replies, fragment: str) -> None:
    if replies.has(fragment):
        raise TranscriptError(f"a reply contains {fragment!r}:\n{_show(replies)}")
