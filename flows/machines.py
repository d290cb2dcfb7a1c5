"""Compile flow definitions into pytransitions machines, once.

One :class:`FlowMachine` per flow, shared by every conversation: the
conversation is passed in as the model on each trigger and its ``state``
attribute is the machine's state, so nothing is built per message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from transitions import EventData, Machine

from flows.conversation import Conversation
from flows.spec import Effect, Flow, Guard, parse_exit_state


def _guard(fn: Guard) -> Callable[[EventData], bool]:
    def condition(event: EventData) -> bool:
        return fn(cast(Conversation, event.model), event.kwargs.get("value"))

    condition.__name__ = fn.__name__
    return condition


def _effect(fn: Effect) -> Callable[[EventData], None]:
    def before(event: EventData) -> None:
        fn(cast(Conversation, event.model), event.kwargs.get("value"))

    before.__name__ = fn.__name__
    return before


def transition_specs(flow: Flow, *, named: bool = False) -> list[dict[str, Any]]:
    """The flow's routes as pytransitions transition dicts.

    With ``named`` the guards and effects are given by name only, which is
    what the diagram machine needs (it never runs them).
    """
    specs: list[dict[str, Any]] = []
    for step in flow.steps:
        for trigger, routes in step.routes().items():
            for go in routes:
                conditions: list[Any] = []
                if go.when is not None:
                    conditions.append(go.when.__name__ if named else _guard(go.when))
                before = [fn.__name__ if named else _effect(fn) for fn in go.do]
                specs.append(
                    {
                        "trigger": trigger,
                        "source": step.name,
                        "dest": go.dest,
                        "conditions": conditions,
                        "before": before,
                    }
                )
    return specs


def state_names(flow: Flow) -> list[str]:
    """Steps plus the pseudo-states that hand over to other flows."""
    names = [s.name for s in flow.steps]
    for spec in transition_specs(flow, named=True):
        if spec["dest"] not in names:
            names.append(spec["dest"])
    return names


class FlowMachine:
    """A flow's single, shared state machine."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        names = state_names(flow)
        self.exits: dict[str, tuple[str, str | None]] = {}
        for name in names:
            target = parse_exit_state(name)
            if target is not None:
                self.exits[name] = target
            elif name not in {s.name for s in flow.steps}:
                raise ValueError(f"{flow.name}: route to unknown step {name!r}")
        self._machine = Machine(
            model=None,
            states=names,
            transitions=transition_specs(flow),
            initial=flow.initial,
            auto_transitions=False,
            send_event=True,
            model_attribute="state",
            ignore_invalid_triggers=True,
        )
        self._triggers: dict[str, frozenset[str]] = {
            step.name: frozenset(step.routes()) for step in flow.steps
        }

    def accepts(self, state: str, trigger: str) -> bool:
        """Whether ``trigger`` has a route out of ``state``."""
        return trigger in self._triggers.get(state, frozenset())

    def fire(self, conversation: Conversation, trigger: str, value: Any = None) -> bool:
        """Run the first route whose guard passes; ``False`` if none did."""
        if not self.accepts(conversation.state, trigger):
            return False
        return bool(self._machine.events[trigger].trigger(conversation, value=value))
