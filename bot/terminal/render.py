"""Turning neutral messages into terminal text and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.terminal.files import Saved
from core.messages import Alert, OutgoingMessage

#: What a terminal would act on instead of showing (C0 and C1 controls but newline and tab,
#: bidirectional embeddings, overrides and isolates), written as visible escapes instead:
#: a clinic's name for a person, say, must not clear the screen or reverse the line.
_UNSAFE = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if c not in (0x09, 0x0A)}
_UNSAFE.update({c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})

_ALERT_HEADINGS = {
    Alert.EMERGENCY: "!!! EMERGENCY !!!",
    Alert.SEE_DOCTOR: "!! SEE A DOCTOR !!",
    Alert.SURGICAL_REVIEW: "!! MEDICAL REVIEW !!",
}


def as_json(message: OutgoingMessage, saved: Sequence[Saved] = ()) -> dict[str, Any]:
    """The ``--jsonl`` shape of one reply; a picture or files with the paths they were saved to."""
    body: dict[str, Any] = {
        "text": message.text,
        "choices": [{"id": c.id, "label": c.label} for c in message.choices],
        "alert": message.alert.value if message.alert else None,
        "exercise": message.exercise.value if message.exercise else None,
    }
    for item in saved:
        described = {"path": str(item.path), "bytes": item.size, "mime_type": item.mime_type}
        if item.alt is not None:
            body["image"] = {"alt": item.alt, **described}
        else:
            body.setdefault("files", []).append({"title": item.title, **described})
    return body


def as_text(message: OutgoingMessage, saved: Sequence[Saved] = (), *, width: int = 78) -> str:
    """A reply for a human at a terminal, choices numbered, files shown by path."""
    lines: list[str] = []
    if message.alert is not None:
        lines.append(message.heading or _ALERT_HEADINGS[message.alert])
    lines.append(message.text)
    for item in saved:
        if item.alt is not None:
            lines.append(f"[picture: {item.alt}]\n  saved to {item.path}")
        else:
            lines.append(f"[file: {item.title}]\n  saved to {item.path}")
    if message.choices:
        lines.append("   ".join(f"[{n}] {c.label}" for n, c in enumerate(message.choices, 1)))
    return visible("\n".join(lines))


def visible(text: str) -> str:
    """``text`` with every character a terminal would act on written as an escape."""
    return text.translate(_UNSAFE)
