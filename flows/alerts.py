"""Raising and lifting a safety pause (PROTOCOL.md section 1).

Used by screening, the check-in, the review and the safety reader's replies
(:mod:`flows.red_flags`), so every path to an alert behaves the same way.
"""

from __future__ import annotations

import hashlib

from core.messages import Alert
from flows import texts
from flows.conversation import Conversation, Heard
from flows.plain_text import plain
from flows.records import SafetyCleared, SafetyRaised
from flows.symptoms.concerns import SEVERITY as _SEVERITY


def raise_alert(conversation: Conversation, level: Alert, source: str, text: str) -> None:
    """Send the alert and pause the programme at the most severe level seen."""
    conversation.say(text, alert=level)
    safety = conversation.ctx.safety
    if safety.hold is None or _SEVERITY[level] > _SEVERITY[safety.hold]:
        safety.hold = level
    safety.since = conversation.now
    safety.raised_by = fingerprint(conversation.heard)
    if conversation.ctx.consent:
        conversation.record(SafetyRaised(conversation.now, level, source))


def fingerprint(heard: Heard | None) -> str | None:
    """A short digest of a message, to recognise a second copy without keeping its words.

    Typed text is compared in its plain form ("Yes!" and "yes" are the same
    message); a pressed button by its choice id. A typed word and a pressed
    button are different messages.
    """
    if heard is None:
        return None
    if heard.choice is not None and heard.text is None:
        kind, body = "choice", heard.choice
    else:
        kind, body = "text", plain(heard.text or "")
    return hashlib.sha256(f"{kind}:{body}".encode()).hexdigest()[:16]


def raise_emergency(conversation: Conversation, source: str) -> None:
    """The cauda equina reply: emergency department now, programme stopped."""
    raise_alert(conversation, Alert.EMERGENCY, source, texts.safety.EMERGENCY)


def clear_hold(conversation: Conversation) -> None:
    """The person confirmed a clinician examined them: lift the pause."""
    safety = conversation.ctx.safety
    if safety.hold is None:
        return
    if conversation.ctx.consent:
        conversation.record(SafetyCleared(conversation.now, safety.hold))
    safety.hold = None
    safety.since = None
    safety.raised_by = None
    conversation.say(texts.safety.CLEARED)
