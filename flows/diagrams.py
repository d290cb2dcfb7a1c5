"""Mermaid state diagrams of every flow, from the same definitions the bot runs.

A clinician can review the logic as a picture; ``tests/test_diagrams.py``
keeps the committed files current.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from transitions.extensions.diagrams import GraphMachine

from flows.machines import state_names, transition_specs
from flows.spec import Flow
from flows.turn import ALL_FLOWS


def mermaid(flow: Flow) -> str:
    """The flow as a Mermaid ``stateDiagram-v2``."""
    machine = GraphMachine(
        model=SimpleNamespace(),
        states=state_names(flow),
        transitions=transition_specs(flow, named=True),
        initial=flow.initial,
        auto_transitions=False,
        graph_engine="mermaid",
        show_conditions=True,
        title=flow.title or flow.name,
    )
    source = str(machine.get_graph().draw(None)).rstrip()
    # transitions writes the title bare between the front-matter fences;
    # Mermaid wants it as a `title:` key.
    title = flow.title or flow.name
    source = source.replace(f"---\n{title}\n---", f"---\ntitle: {title}\n---", 1)
    return source + "\n"


def render_all() -> dict[str, str]:
    """File name to content for every flow."""
    return {
        f"{flow.name}.md": f"# {flow.title or flow.name}\n\n```mermaid\n{mermaid(flow)}```\n"
        for flow in ALL_FLOWS
    }


def write_diagrams(folder: Path) -> list[Path]:
    """Write one Markdown file with a Mermaid diagram per flow."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in render_all().items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
