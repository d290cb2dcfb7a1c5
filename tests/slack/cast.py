"""Who is who in the clinic tests: two clinics, their clinicians, patients and bystanders.

Written before the code that handles them. Names carry dots, apostrophes and
letters outside ASCII on purpose, as real names do.

Physio North calls its patients in the public channel #physio-north and keeps
named details in the private channel #physio-north-team (only its clinicians).
Physio South calls in #physio-south and sends named details to each
clinician's direct messages.
"""

from __future__ import annotations

# --- places -------------------------------------------------------------------------
NORTH = "C0NORTH01"  # #physio-north: public, the daily call; patients are here
NORTH_TEAM = "G0NTEAM01"  # #physio-north-team: private, North's clinicians only
SOUTH = "C0SOUTH01"  # #physio-south: public, the daily call
LOBBY = "C0LOBBY01"  # #general: public, no clinic

# --- people ---------------------------------------------------------------------------
NORA = "U0NORA001"  # set North up: its first clinician
JORG = "U0JORG001"  # added by Nora as North's second clinician
SIOBHAN = "U0SIOB001"  # North's patient, shares, checks in
ANNA = "U0ANNA001"  # North's patient, shares, has an emergency
MO = "U0MO00001"  # in #physio-north, never pressed the call: a bystander
SAM = "U0SAM0001"  # South's clinician, also a member of #physio-north
ZOE = "U0ZOE0001"  # South's patient, shares
LUKASZ = "lukasz"  # on Telegram, joined North by invite, shares

NAMES = {
    NORA: "Dr. Nora O'Brien",
    JORG: "Jörg Müller-Lüdenscheidt",
    SIOBHAN: "Siobhán O'Neill",
    ANNA: "Anna K.",
    MO: "Mo Ibrahim",
    SAM: "Sam Ó Dálaigh",
    ZOE: "Zoë d'Arcy",
}
LUKASZ_LABEL = "Łukasz W."  # the name North's invite gives him

MEMBERS = {
    NORTH: [NORA, JORG, SIOBHAN, ANNA, MO, SAM],
    NORTH_TEAM: [NORA, JORG],
    SOUTH: [SAM, ZOE, MO],
    LOBBY: [NORA, JORG, SIOBHAN, ANNA, MO, SAM, ZOE],
}
PRIVATE = {NORTH_TEAM}

# --- what they say ------------------------------------------------------------------------
SIOBHAN_PAIN = (6, 3)  # typed "6" before and "3" after: hers alone
ZOE_PAIN = (4, 7)  # a flare-up
ANNA_EMERGENCY = "since saturday I can't feel myself when I wipe, numb down there"
LUKASZ_PAIN = (8, 5)

# --- the authorization matrix ----------------------------------------------------------------
# Every clinician command, typed in #physio-north (the Telegram patient types it in his chat).
CLINICIAN_COMMANDS = [
    "patients",
    "patient 1",
    "patient Siobhán O'Neill",
    "export",
    "clinic export",
    "clinic invite Łukasz W.",
    "clinic clinicians list",
    f"clinic clinicians add <@{MO}|mo>",
    f"clinic clinicians remove <@{JORG}|jorg>",
    "clinic settings",
    "clinic setup 08:00",
    "clinic off",
]
# Who tries each, and whether they may.
ACTORS = {
    "clinician": (NORA, True),
    "patient of this clinic": (SIOBHAN, False),
    "channel member who is not a patient": (MO, False),
    "clinician of another clinic": (SAM, False),
    "Telegram patient": (LUKASZ, False),
}
