"""Turning neutral messages into terminal text and JSON."""

from __future__ import annotations

from typing import Any

from bot.messages import Alert, OutgoingMessage

_ALERT_HEADINGS = {
    Alert.EMERGENCY: "!!! EMERGENCY !!!",
    Alert.SEE_DOCTOR: "!! SEE A DOCTOR !!",
    Alert.SURGICAL_REVIEW: "!! MEDICAL REVIEW !!",
}


def as_json(message: OutgoingMessage) -> dict[str, Any]:
    """The ``--jsonl`` shape of one reply."""
    body: dict[str, Any] = {
        "text": message.text,
        "choices": [{"id": c.id, "label": c.label} for c in message.choices],
        "alert": message.alert.value if message.alert else None,
        "exercise": message.exercise.value if message.exercise else None,
    }
    if message.image is not None:
        body["image"] = {"alt": message.image.alt, "bytes": len(message.image.data),
                         "mime_type": message.image.mime_type}
    return body


def as_text(message: OutgoingMessage, *, width: int = 78) -> str:
    """A reply for a human at a terminal, choices numbered."""
    lines: list[str] = []
    if message.alert is not None:
        lines.append(_ALERT_HEADINGS[message.alert])
    lines.append(message.text)
    if message.image is not None:
        lines.append(f"[picture: {message.image.alt}]")
    if message.choices:
        lines.append("   ".join(f"[{n}] {c.label}" for n, c in enumerate(message.choices, 1)))
    return "\n".join(lines)
