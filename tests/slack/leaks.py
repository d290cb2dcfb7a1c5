"""The leak scan: everything the fake Slack was given, checked against who may see it.

Run after every test of the Slack suite (``tests/slack/conftest.py``), it
fails the test that leaked. Independent of the code under test: it reads the
database only for who is who (patients, what they shared with whom, who is a
clinician) and looks at every post, update, ephemeral note, uploaded file,
Home tab and slash-command answer as Slack got it.

The rules:

- A patient's name in a line that speaks of health (pain, check-ins, missing
  one, a flare-up, an alert, a doctor, a score), or anywhere in a file, may
  only reach the patient and the clinicians of a clinic they shared with. A
  channel is read by its members; one the fake knows nothing about by anyone.
- A patient's own words never leave their direct messages, not even to a
  clinician.
- An alert posted anywhere but a direct message reaches clinicians only.

A "patient" is anyone who joined a clinic's check-ins, checked in or had an
alert; their names are their Slack display name, every name a clinic gave them
on an invite, and the "Patient <number>" the bot uses when it has no name.
Clinicians removed since and consent withdrawn since still count as allowed
(the scan looks at a whole test, not at each moment of it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from fakes.slack import FakeSlack
from storage.database import Database
from storage.models import (
    Clinician,
    ClinicInvite,
    ClinicMember,
    ExerciseSession,
    Identity,
    SafetyEvent,
)

#: Words that make a line about someone's health.
HEALTH = re.compile(
    r"pain|check-?ins?\b|checked in|miss|flare|alert|emergency|doctor|medical review|"
    r"score|→|↑|↓|/10|🚨|⚠️",
    re.IGNORECASE,
)
#: Fewest words of a typed text the scan looks for elsewhere (fewer: answers like "6" or
#: "Europe/Berlin", which the bot may well say itself).
OWN_WORDS = 3
ANYONE = "<anyone in the workspace>"


@dataclass(frozen=True, slots=True)
class Seen:
    """One thing Slack showed to someone: where, to whom, what."""

    where: str
    audience: frozenset[str]  # Slack user ids; ANYONE when not known
    text: str
    file: bool = False
    direct: bool = False  # a DM, or an answer/note only its one reader sees
    alert: bool = False


@dataclass
class Patient:
    """Someone whose health data the bot holds, and who may see it."""

    user_id: int
    own: str | None = None  # their Slack user id, if they are on Slack
    names: set[str] = field(default_factory=set)
    allowed: set[str] = field(default_factory=set)  # Slack user ids
    own_words: list[str] = field(default_factory=list)


def audience(fake: FakeSlack, channel: str) -> frozenset[str]:
    """Who reads ``channel``: a DM's person, a channel's members, or anyone."""
    if channel.startswith("D"):
        return frozenset({f"U{channel[1:]}"})
    if channel.startswith("U"):
        return frozenset({channel})
    members = fake.channel_members.get(channel)
    return frozenset(members) if members is not None else frozenset({ANYONE})


def seen(fake: FakeSlack, answers: Sequence[tuple[str, str]]) -> list[Seen]:
    """Everything the fake Slack showed, and the slash-command answers."""
    shown: list[Seen] = []
    for call in fake.calls:
        if call.in_outage:
            continue
        channel = str(call.args.get("channel", ""))
        alert = any(b.get("type") == "header" for b in call.blocks())
        if (call.method == "chat.postMessage" and call.ts is not None) or (
                call.method == "chat.update"):
            shown.append(Seen(f"{call.method} to {channel}", audience(fake, channel), call.text,
                              direct=channel.startswith("D"), alert=alert))
        elif call.method == "chat.postEphemeral":
            user = str(call.args.get("user"))
            shown.append(Seen(f"ephemeral to {user} in {channel}", frozenset({user}), call.text,
                              direct=True))
        elif call.method == "views.publish":
            user = str(call.args.get("user_id"))
            shown.append(Seen(f"Home tab of {user}", frozenset({user}), str(call.args),
                              direct=True))
    for shared in fake.files():
        channel = str(shared["channel"])
        data: bytes = shared["data"]
        body = data.decode("utf-8", "replace") if not data.startswith(b"\x89PNG") else ""
        text = "\n".join([str(shared.get("title") or ""), str(shared.get("alt_txt") or ""),
                          body])
        shown.append(Seen(f"file {shared['name']} in {channel}", audience(fake, channel), text,
                          file=True, direct=channel.startswith("D")))
    shown.extend(Seen(f"answer to {user}", frozenset({user}), text, direct=True)
                 for user, text in answers)
    return shown


def patients(db: Database, fake: FakeSlack, said: Iterable[tuple[str, str]]
             ) -> tuple[list[Patient], set[str]]:
    """Every patient with their names and allowed readers; every clinician ever."""
    with db.engine.connect() as connection:
        def rows(model: type, *columns: str) -> list[tuple[object, ...]]:
            table = model.__table__  # type: ignore[attr-defined]
            return [tuple(r) for r in connection.execute(select(*(table.c[c] for c in columns)))]

        clinicians = rows(Clinician, "clinic_id", "platform_user")
        members = rows(ClinicMember, "clinic_id", "user_id", "consent_given_at", "label")
        invites = rows(ClinicInvite, "used_by", "label")
        ids = rows(Identity, "user_id", "platform", "platform_user")
        health = {u for (u,) in rows(ExerciseSession, "user_id")} | {
            u for (u,) in rows(SafetyEvent, "user_id")} | {u for _, u, _, _ in members}
    slack_of = {int(str(u)): str(p).partition(":")[2] for u, pl, p in ids if pl == "slack"}
    by_clinic: dict[int, set[str]] = {}
    for clinic_id, person in clinicians:
        by_clinic.setdefault(int(str(clinic_id)), set()).add(str(person).partition(":")[2])
    found = []
    for user_id in sorted(int(str(u)) for u in health):
        own = slack_of.get(user_id)
        patient = Patient(user_id, own, names={f"Patient {user_id}"})
        if own is not None:
            patient.allowed.add(own)
            if fake.names.get(own):
                patient.names.add(fake.names[own])
            patient.own_words = [t for u, t in said if u == own and len(t.split()) >= OWN_WORDS]
        for clinic_id, member, given, label in members:
            if member == user_id and label:
                patient.names.add(str(label))
            if member == user_id and given is not None:
                patient.allowed |= by_clinic.get(int(str(clinic_id)), set())
        patient.names |= {str(label) for used_by, label in invites
                          if used_by == user_id and label}
        found.append(patient)
    everyone = set().union(*by_clinic.values()) if by_clinic else set()
    return found, everyone


def _named(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def leaks(db: Database, fake: FakeSlack, said: Sequence[tuple[str, str]],
          answers: Sequence[tuple[str, str]]) -> list[str]:
    """Every leak the scan finds, described (an empty list: none)."""
    found: list[str] = []
    everyone, clinicians = patients(db, fake, said)
    for item in seen(fake, answers):
        for patient in everyone:
            for words in patient.own_words:
                if words in item.text and item.audience != {patient.own}:
                    found.append(f"{item.where}: patient {patient.user_id}'s own words "
                                 f"reached {sorted(item.audience)}")
            strangers = item.audience - patient.allowed
            if not strangers:
                continue
            for name in patient.names:
                pattern = _named(name)
                for line in item.text.splitlines():
                    if pattern.search(line) and (item.file or HEALTH.search(line)):
                        found.append(f"{item.where}: {name} with health words reached "
                                     f"{sorted(strangers)}: {line}")
        if item.alert and not item.direct and not item.audience <= clinicians:
            found.append(f"{item.where}: an alert reached {sorted(item.audience - clinicians)}")
    return sorted(set(found))
