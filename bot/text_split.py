"""Splitting long texts for platforms with a size limit, at the widest boundary that works.

Paragraphs are kept whole where they fit, then lines, then words; only a
single word longer than the limit is cut inside (never inside a surrogate
pair). Whitespace-only pieces are dropped (platforms refuse empty messages).
Each platform passes its own measure of length.
"""

from __future__ import annotations

from collections.abc import Callable

_SEPARATORS = ("\n\n", "\n", " ")

Measure = Callable[[str], int]


def split(text: str, limit: int, units: Measure = len) -> list[str]:
    """``text`` in pieces of at most ``limit`` ``units``."""
    return [piece for piece in _split(text, limit, 0, units) if piece.strip()]


def _split(text: str, limit: int, level: int, units: Measure) -> list[str]:
    if units(text) <= limit:
        return [text]
    if level == len(_SEPARATORS):
        return _cut(text, limit, units)
    separator = _SEPARATORS[level]
    pieces: list[str] = []
    current = ""
    for segment in text.split(separator):
        candidate = f"{current}{separator}{segment}" if current else segment
        if units(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        if units(segment) <= limit:
            current = segment
        else:
            *whole, current = _split(segment, limit, level + 1, units)
            pieces.extend(whole)
    if current:
        pieces.append(current)
    return pieces


def _cut(text: str, limit: int, units: Measure) -> list[str]:
    """Cut a word longer than ``limit`` between characters."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in text:
        width = units(char)
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    if current:
        pieces.append("".join(current))
    return pieces
