"""``sciatica-bot db upgrade`` from the installed command, on an empty database of each kind.

PostgreSQL is never migrated by the bot on its own (``AUTO_MIGRATE`` is off
for it), so a deployment runs ``db upgrade`` before anything else: the bot
says so in one line until then, and works after.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.entry_points.processes import Shell

REVISION = re.compile(r"^schema revision: (\w+) \(newest: (\w+)\)$")


@pytest.fixture(params=["sqlite", "postgres"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """``DATABASE_URL`` (and ``AUTO_MIGRATE``) of a database without any schema."""
    if request.param == "sqlite":
        yield {"DATABASE_URL": str(tmp_path / "empty.sqlite3"), "AUTO_MIGRATE": "false"}
    else:
        yield {"DATABASE_URL": request.getfixturevalue("empty_postgres")}


def test_db_upgrade_makes_an_empty_database_ready(shell: Shell,
                                                  empty_database: dict[str, str]) -> None:
    hello = json.dumps({"user": "ben", "text": "hi"}) + "\n"
    refused = shell.run("sciatica-bot", "chat", "--jsonl", stdin=hello, **empty_database)
    assert refused.returncode == 1
    [line] = refused.stderr.splitlines()
    assert "sciatica-bot db upgrade" in line
    assert refused.stdout == ""

    upgraded = shell.run("sciatica-bot", "db", "upgrade", **empty_database)
    assert upgraded.returncode == 0, upgraded.stderr
    current, newest = REVISION.match(upgraded.stdout.strip()).groups()  # type: ignore[union-attr]
    assert current == newest
    assert shell.run("sciatica-bot", "db", "current", **empty_database).stdout == upgraded.stdout

    chat = shell.run("sciatica-bot", "chat", "--jsonl", stdin=hello, **empty_database)
    assert chat.returncode == 0, chat.stderr
    assert "not a doctor" in json.loads(chat.stdout)["replies"][0]["text"]
