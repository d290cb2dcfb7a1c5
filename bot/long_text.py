"""How much of one very long message the flows read.

The emergency detector (:func:`flows.emergency.describes_cauda_equina`) takes
time that grows with the square of a clause's length: a 40,000-character
message (Slack's limit) of one repeated symptom word took 9 seconds of one
worker thread, 100 kB a minute, enough for a few messages to stall the bot
for everyone. So a text longer than Telegram's own limit is screened for an
emergency in short overlapping pieces (a description across a cut is still
whole in the next piece; the time now grows with the length, not its
square), and otherwise only its start is read: no answer the flows ask for
is longer than a few words.
"""

from __future__ import annotations

from flows.emergency import describes_cauda_equina

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
    for start in range(0, len(screened) - OVERLAP, PIECE - OVERLAP):
        piece = screened[start:start + PIECE]
        if describes_cauda_equina(piece):
            return piece
    return text[:READ_LIMIT]
