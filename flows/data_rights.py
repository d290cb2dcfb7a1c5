"""A person's data rights: a copy of everything stored, and erasing it after a clear yes.

The flows only ask: the export is an attachment request made at send time
(:mod:`bot.attachments`), and erasure is a record the engine carries out in
the same transaction (:func:`storage.personal_data.erase`).
"""

from __future__ import annotations

from typing import Any

from core.messages import Attachment, Choice, OutgoingMessage
from flows import texts
from flows.conversation import Conversation
from flows.parsing import normalise
from flows.records import ErasureRequested, ExportRequested
from flows.spec import Answer, Flow, Go, Step, Unreadable

T = texts.data

#: Typed answers to "delete everything?": deliberately narrow, it cannot be undone.
_ERASE_WORDS = frozenset({"yes", "yes delete", "yes delete everything", "delete",
                          "delete everything", "delete it", "erase", "erase everything"})
_KEEP_WORDS = frozenset({"no", "n", "nope", "cancel", "keep", "keep my data", "don't",
                         "dont", "stop", "no thanks", "no thank you", "no keep it", "keep it",
                         "no, keep it", "never mind", "no don't", "no dont"})


def export(conversation: Conversation) -> None:
    """The export: a short note, and both files made for the recipient when it is sent.

    The request is what the audit log records, once: the files may be made
    again if a delivery has to be retried.
    """
    conversation.record(ExportRequested(at=conversation.now))
    conversation.out.append(OutgoingMessage(T.EXPORT_READY, attachment=Attachment.DATA_EXPORT))


def read_confirmation(text: str) -> Answer | Unreadable | None:
    """Only a plain yes deletes; anything unclear asks again."""
    cleaned = normalise(text).strip(" .!,")
    cleaned = " ".join(cleaned.replace(",", " ").split())
    if cleaned in _ERASE_WORDS:
        return Answer("erase")
    if cleaned in _KEEP_WORDS:
        return Answer("keep")
    return Unreadable(T.ERASE_HINT)


def request_erasure(conversation: Conversation, _: Any) -> None:
    """Ask the engine to erase the person along with this turn."""
    conversation.record(ErasureRequested(at=conversation.now))


def kept(conversation: Conversation, _: Any) -> None:
    """Say nothing changed."""
    conversation.say(T.KEPT)


ERASE = Flow(
    name="erase",
    title="Delete my data",
    steps=(
        Step(
            "confirm",
            say=T.ERASE_CONFIRM,
            choices=(Choice("erase", T.ERASE_YES), Choice("keep", T.ERASE_NO)),
            read=read_confirmation,
            hint=T.ERASE_HINT,
            on={
                "erase": Go("erased", do=(request_erasure,)),
                "keep": Go.to_flow("menu", do=(kept,)),
            },
        ),
        # Where the turn that erased everything ends; nothing is saved after it.
        Step("erased", say=T.ERASED),
    ),
)
