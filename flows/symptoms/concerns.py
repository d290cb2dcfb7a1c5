"""The red-flag concerns free text can raise, each with its alert level.

A concern is what the bot would ask about or act on: the cauda equina
symptoms of PROTOCOL.md section 1 (``emergency``), the see-a-doctor signs
(``see_doctor``) and severe uncontrolled pain with marked weakness
(``surgical_review``). The words the bot uses for each are in
:mod:`flows.texts.safety`; the words people use are in
:mod:`flows.symptoms.lexicon`.
"""

from __future__ import annotations

from enum import StrEnum

from core.messages import Alert


class Concern(StrEnum):
    """One red flag, named for what the person reports."""

    SADDLE_NUMBNESS = "saddle_numbness"
    TOILET_FEELING = "toilet_feeling"
    BLADDER_CONTROL = "bladder_control"
    BOWEL_CONTROL = "bowel_control"
    RETENTION = "retention"
    UNNOTICED_WETNESS = "unnoticed_wetness"
    #: The combined cauda equina question, asked after both legs gave way.
    CAUDA_EQUINA = "cauda_equina"
    #: The same question in general words, asked when a message only resembles an emergency.
    NERVE_EMERGENCY = "nerve_emergency"
    BOTH_LEGS = "both_legs"
    LEGS_GIVING_WAY = "legs_giving_way"
    FEVER = "fever"
    NIGHT_SWEATS = "night_sweats"
    WEIGHT_LOSS = "weight_loss"
    CANCER = "cancer"
    WORSENING = "worsening"
    SURGICAL = "surgical"

    @property
    def level(self) -> Alert:
        """The alert this concern raises when confirmed."""
        if self in _EMERGENCIES:
            return Alert.EMERGENCY
        if self is Concern.SURGICAL:
            return Alert.SURGICAL_REVIEW
        return Alert.SEE_DOCTOR


_EMERGENCIES = frozenset({
    Concern.SADDLE_NUMBNESS, Concern.TOILET_FEELING, Concern.BLADDER_CONTROL,
    Concern.BOWEL_CONTROL, Concern.RETENTION, Concern.UNNOTICED_WETNESS, Concern.CAUDA_EQUINA,
    Concern.NERVE_EMERGENCY,
})

#: Severity order of the alert levels, most severe last.
SEVERITY: dict[Alert, int] = {Alert.SURGICAL_REVIEW: 1, Alert.SEE_DOCTOR: 2, Alert.EMERGENCY: 3}
