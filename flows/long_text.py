"""How much of one very long message the flows read.

No answer the flows ask for is longer than a few words, so a text longer
than Telegram's own limit is read only from its start, except that it is
first screened whole by the safety reader, in short overlapping pieces (a
description across a cut is still whole in the next piece): the first piece
with an emergency, or else the first with any red flag, is what the flows
read, so the alert or the safety question comes whatever else the message
holds. Screening costs time in proportion to the length (the reader looks
at a bounded neighbourhood of each word), up to ``SCREEN_LIMIT``.
"""

from __future__ import annotations

from flows.symptoms import read

#: The longest text read as it is (Telegram's own limit for one message).
READ_LIMIT = 4096
#: Length of the pieces a longer text is screened in, and how far they overlap
#: (far more than a person writes about one symptom in one clause).
PIECE = 1024
OVERLAP = 256
#: Text beyond this is not screened (the web app refuses larger request bodies anyway).
SCREEN_LIMIT = 256 * 1024


def readable(text: str | None) -> str | None:
    """``text`` as the flows read it: whole, the piece describing an emergency, or its start."""
    if text is None or len(text) <= READ_LIMIT:
        return text
    screened = text[:SCREEN_LIMIT]
    flagged = None
    for start in range(0, len(screened) - OVERLAP, PIECE - OVERLAP):
        piece = screened[start:start + PIECE]
        reading = read(piece)
        if reading.alert is not None and reading.alert.level == "emergency":
            return piece
        if flagged is None and (reading.certain or reading.ask is not None):
            flagged = piece
    return flagged if flagged is not None else text[:READ_LIMIT]
