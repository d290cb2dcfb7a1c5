"""Serialising neutral messages for the outbox."""

from __future__ import annotations

import json
from typing import Any

from core.messages import (
    Alert,
    Attachment,
    Choice,
    ClinicPost,
    ClinicPostKind,
    Exercise,
    Image,
    OutgoingMessage,
)


def message_to_json(message: OutgoingMessage) -> tuple[str, bytes | None]:
    """The message as JSON, with the image bytes apart (stored in a binary column).

    Documents are never stored: a file for a person is an ``attachment``
    request, made at send time.
    """
    if message.documents:
        raise ValueError("documents are not stored in the outbox; send an attachment request")
    body: dict[str, Any] = {"text": message.text}
    if message.choices:
        body["choices"] = [[c.id, c.label] for c in message.choices]
    if message.alert is not None:
        body["alert"] = message.alert.value
    if message.exercise is not None:
        body["exercise"] = message.exercise.value
    if message.reply_token is not None:
        body["token"] = message.reply_token
    if message.attachment is not None:
        body["attach"] = message.attachment.value
    if message.heading is not None:
        body["heading"] = message.heading
    if message.clinic_post is not None:
        post = message.clinic_post
        body["clinic"] = [post.kind.value, post.clinic_id, post.ref, post.to, post.moved]
    image = None
    if message.image is not None:
        body["image"] = {"alt": message.image.alt, "mime": message.image.mime_type}
        image = message.image.data
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")), image


def message_from_json(payload: str, image: bytes | None = None) -> OutgoingMessage:
    """Inverse of :func:`message_to_json`."""
    body = json.loads(payload)
    picture = None
    if "image" in body and image is not None:
        picture = Image(data=image, alt=body["image"]["alt"], mime_type=body["image"]["mime"])
    return OutgoingMessage(
        text=body["text"],
        choices=tuple(Choice(i, label) for i, label in body.get("choices", ())),
        alert=Alert(body["alert"]) if "alert" in body else None,
        exercise=Exercise(body["exercise"]) if "exercise" in body else None,
        reply_token=body.get("token"),
        image=picture,
        attachment=Attachment(body["attach"]) if "attach" in body else None,
        heading=body.get("heading"),
        clinic_post=_clinic_post(body["clinic"]) if "clinic" in body else None,
    )


def _clinic_post(stored: list[object]) -> ClinicPost:
    kind, clinic_id, ref, to, moved = stored
    return ClinicPost(ClinicPostKind(str(kind)), int(str(clinic_id)), int(str(ref)), str(to),
                      bool(moved))
