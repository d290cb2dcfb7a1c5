"""Installing the project: a clean wheel, the ``sciatica-bot`` command, help pages, the README.

The README's commands are what a newcomer copies first, so each one is
checked against the real argument parser and ``dev.py``.
"""

from __future__ import annotations

import re
import shlex

import pytest

from bot.cli import build_parser
from tests.entry_points.installed import ROOT, Installed
from tests.entry_points.processes import Shell

README = (ROOT / "README.md").read_text()
SUBCOMMANDS = ("chat", "db", "flows", "serve", "slack", "telegram", "worker")


def test_the_wheel_builds_without_a_warning(installed: Installed) -> None:
    assert "warning" not in installed.build_output.lower(), installed.build_output


def test_the_command_runs_the_installed_wheel_not_the_checkout(shell: Shell) -> None:
    result = shell.run("python", "-c", "import bot, storage; print(bot.__file__, storage.__file__)")
    assert result.returncode == 0, result.stderr
    for path in result.stdout.split():
        assert path.startswith(str(shell.installed.venv)), result.stdout


def test_the_help_lists_every_subcommand_with_what_it_does() -> None:
    page = build_parser().format_help()
    for command in SUBCOMMANDS:
        assert re.search(rf"^\s+{command}\s+\w", page, re.MULTILINE), command


def test_a_subcommand_help_page_says_what_it_does(shell: Shell) -> None:
    page = shell.run("sciatica-bot", "serve", "--help").stdout
    description = page.split("\n\n")[1]
    assert not description.startswith("options:"), page
    assert "webhook" in description


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_each_subcommand_has_a_description(command: str) -> None:
    parser = build_parser()
    [action] = [a for a in parser._actions if a.dest == "command"]
    sub = action.choices[command]  # type: ignore[index]
    assert sub.description, command
    assert len(sub.description) > 40, command


def readme_commands() -> list[str]:
    """Every ``sciatica-bot`` and ``dev.py`` command line in the README, as written."""
    found = []
    for line in README.splitlines():
        for match in re.finditer(r"(?:`|^\s*|\|\s*)((?:\.venv/bin/)?sciatica-bot(?: [^`|#\n]*)?"
                                 r"|python3 dev\.py [^`|#\n]*)", line):
            found.append(match.group(1).strip())
    return sorted(set(found))


def test_the_readme_has_commands_to_check() -> None:
    commands = readme_commands()
    assert "python3 dev.py chat" in commands
    assert "python3 dev.py test" in commands
    assert any(c.startswith(".venv/bin/sciatica-bot") for c in commands)
    assert len([c for c in commands if "sciatica-bot" in c]) >= 10


@pytest.mark.parametrize("line", readme_commands())
def test_every_readme_command_is_one_the_program_takes(line: str) -> None:
    words = shlex.split(line.replace("<command>", "serve"))
    if words[:2] == ["python3", "dev.py"]:
        assert words[2] in ("chat", "test", "bench", "lock"), line
        if words[2] == "chat":
            build_parser().parse_args(["chat", *words[3:]])
        return
    try:
        build_parser().parse_args(words[1:])
    except SystemExit as error:
        if error.code != 0:  # --help ends with status 0
            pytest.fail(f"README command does not parse ({error.code}): {line}")
