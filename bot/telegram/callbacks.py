"""Callback data of inline buttons: the question's reply token and the choice id.

Telegram hands a button's ``callback_data`` back verbatim when it is pressed,
and allows at most 64 bytes of it. We store ``"<reply token>|<choice id>"``
so the engine can tell a fresh answer from a stale button. When that does
not fit, the token is dropped (``"|<choice id>"``: the press then counts as
an answer to the current question, which the engine checks it against);
a choice id that does not fit even alone gets no button at all.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Telegram's limit on ``callback_data``, in bytes (UTF-8).
MAX_BYTES = 64
SEPARATOR = "|"


@dataclass(frozen=True, slots=True)
class Pressed:
    """What a pressed button carried: the choice id and, if it fit, the token."""

    choice: str
    token: str | None


def encode(token: str | None, choice: str) -> str | None:
    """The callback data for ``choice`` asked with ``token``; ``None`` if it cannot fit."""
    if token is not None and SEPARATOR not in token:
        data = f"{token}{SEPARATOR}{choice}"
        if _fits(data):
            return data
    data = f"{SEPARATOR}{choice}"
    return data if _fits(data) else None


def decode(data: str) -> Pressed:
    """Read callback data back; anything unexpected becomes a choice the engine re-prompts on.

    Never raises: data that is not ours (an old format, a tampered client)
    is passed on as an unknown choice without a token.
    """
    token, separator, choice = data.partition(SEPARATOR)
    if not separator:
        return Pressed(choice=data, token=None)
    return Pressed(choice=choice, token=token or None)


def _fits(data: str) -> bool:
    return len(data.encode("utf-8")) <= MAX_BYTES
