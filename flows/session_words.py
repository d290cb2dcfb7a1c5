"""How the end of a session is worded: fitted to what happened (PROTOCOL.md section 3).

"Well done" only where pain came down; a flare-up gets the pain rule's
advice, pain that rose without a flare a gentler version of it, and a day
of skipped exercises no praise for exercising. Which text fits is decided
here; the words are in :mod:`flows.texts.checkin`.
"""

from __future__ import annotations

from core.messages import Exercise
from flows import texts
from flows.context import Session

T = texts.checkin


def session_words(session: Session, pain_after: int, *, flare: bool) -> list[str]:
    """The lines that close a finished session, before the streak summary."""
    before = session.pain_before
    done = sum(1 for kind in session.outcomes.values() if kind == "done")
    total = len(session.queue)
    lines: list[str] = []
    if flare:
        lines.append(T.FLARE.format(before=before, after=pain_after))
        if session.floss == Exercise.FLOSS_TENSIONER:
            lines.append(T.TENSIONER_FLARE)
    elif done == 0:
        lines.append(T.NOTHING_DONE.format(before=before, after=pain_after))
    elif pain_after > before:
        lines.append(T.PAIN_ROSE.format(before=before, after=pain_after))
    elif pain_after < before:
        lines.append(T.PAIN_FELL.format(before=before, after=pain_after))
    else:
        lines.append(T.PAIN_SAME.format(before=before, after=pain_after))
    if 0 < done < total:
        lines.append(T.SOME_DONE.format(done=done, total=total))
    return lines
