"""The vocabulary flows are written in: steps, routes, guards and effects.

A flow is data. Each :class:`Step` says what the bot asks (``say`` and
``choices``), how free text is read (``read``) and where each answer leads
(``on``). :mod:`flows.machines` compiles the data into one pytransitions
machine per flow, once, at import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.messages import Choice, OutgoingMessage
from flows.choice_words import Phrases

if TYPE_CHECKING:
    from flows.conversation import Conversation

#: Trigger fired with the value a step's reader produced from free text.
ANSWER = "answer"
#: Trigger fired on entering an ``auto`` step: it decides and moves on at once.
NEXT = "next"

Guard = Callable[["Conversation", Any], bool]
Effect = Callable[["Conversation", Any], None]
Say = str | Callable[["Conversation"], Sequence[OutgoingMessage | str]]
Choices = tuple[Choice, ...] | Callable[["Conversation"], tuple[Choice, ...]]


@dataclass(frozen=True, slots=True)
class Answer:
    """What a reader made of free text: the trigger to fire and its value."""

    trigger: str
    value: Any = None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A reader's specific hint for text it could not accept ("12 is above 10")."""

    hint: str


Reader = Callable[[str], Answer | Unreadable | None]


@dataclass(frozen=True, slots=True)
class Go:
    """One route out of a step: destination, optional guard, effects run before entering."""

    dest: str
    when: Guard | None = None
    do: tuple[Effect, ...] = ()

    @staticmethod
    def to_flow(flow: str, step: str | None = None, *, when: Guard | None = None,
                do: tuple[Effect, ...] = ()) -> Go:
        """Leave this flow for ``flow`` (at ``step``, or its first step)."""
        return Go(exit_state(flow, step), when=when, do=do)


@dataclass(frozen=True, slots=True)
class Step:
    """One question (or one automatic decision) in a flow."""

    name: str
    say: Say = ""
    choices: Choices = ()
    read: Reader | None = None
    #: Everyday words for the choices ("did all 10 reps" is Done).
    phrases: Phrases | None = None
    on: Mapping[str, Go | tuple[Go, ...]] = field(default_factory=dict)
    hint: str = ""
    auto: bool = False

    def routes(self) -> dict[str, tuple[Go, ...]]:
        """Routes by trigger, each as a tuple tried in order."""
        return {t: (g,) if isinstance(g, Go) else g for t, g in self.on.items()}


@dataclass(frozen=True, slots=True)
class Gate:
    """What must be true before a flow may start."""

    setup_done: bool = False
    screened: bool = False
    no_safety_hold: bool = False


@dataclass(frozen=True, slots=True)
class Flow:
    """A named set of steps; the first step is where the flow starts."""

    name: str
    steps: tuple[Step, ...]
    gate: Gate = Gate()
    title: str = ""

    @property
    def initial(self) -> str:
        """Name of the step the flow starts at."""
        return self.steps[0].name

    def step(self, name: str) -> Step:
        """Look a step up by name (KeyError for a name the flow does not have)."""
        for s in self.steps:
            if s.name == name:
                return s
        raise KeyError(f"{self.name} has no step {name!r}")


EXIT_PREFIX = "to_"


def exit_state(flow: str, step: str | None = None) -> str:
    """Name of the pseudo-state that hands the conversation to another flow."""
    return f"{EXIT_PREFIX}{flow}" + (f"__{step}" if step else "")


def parse_exit_state(name: str) -> tuple[str, str | None] | None:
    """Inverse of :func:`exit_state`; ``None`` for an ordinary step."""
    if not name.startswith(EXIT_PREFIX):
        return None
    flow, _, step = name[len(EXIT_PREFIX):].partition("__")
    return flow, (step or None)


def yes_no(yes: str = "Yes", no: str = "No") -> tuple[Choice, ...]:
    """The two-button question used all over screening."""
    return (Choice("yes", yes), Choice("no", no))
