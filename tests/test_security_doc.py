"""docs/security.md names only tests that exist: each line of the threat model stays proved."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "security.md"
# `tests/x.py::test_a`, and `::test_b` after it for the same file.
NAMED = re.compile(r"`(?P<path>tests/[\w/]+\.py)?::(?P<test>test_\w+)`")


def named_tests() -> list[tuple[str, str]]:
    found, path = [], ""
    for match in NAMED.finditer(DOC.read_text()):
        path = match.group("path") or path
        found.append((path, match.group("test")))
    return found


def defined(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text())
    return {node.name for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


def test_every_test_the_threat_model_names_exists() -> None:
    missing = [f"{path}::{test}" for path, test in named_tests()
               if not (ROOT / path).exists() or test not in defined(path)]

    assert len(named_tests()) > 40
    assert missing == []
