"""Fixtures of the entry-point tests: the installed command, a shell, the fake platforms.

``installed`` is built once per test session (a wheel in a fresh
virtualenv, about ten seconds); every test then starts ``sciatica-bot`` by
name from a shell whose ``PATH`` has that virtualenv first, in an empty
folder, with an empty ``HOME``.
"""

from __future__ import annotations

import fcntl
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from fakes.http import LocalServer, free_port
from fakes.slack import FakeSlack
from fakes.slack_socket import FakeSocketMode
from fakes.slack_workspace import ALICE
from fakes.telegram import FakeTelegram, served
from storage.database import normalise_url
from tests.conftest import POSTGRES_URL, WORKER
from tests.entry_points.installed import Installed, install
from tests.entry_points.processes import Shell


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The project's wheel in a fresh virtualenv (built once per session).

    Under pytest-xdist the workers share one build: the first to get here
    builds it under a lock in the run's common temporary folder, the others
    wait and reuse it (every test only reads it). Run serially, that folder
    would be shared with other sessions, so each session builds its own.
    """
    if WORKER == "main":
        return install(tmp_path_factory.mktemp("installed"))
    into = tmp_path_factory.getbasetemp().parent / "installed"
    with (into.parent / "installed.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = into / "built.json"
        if built.exists():
            return Installed.from_json(built.read_text())
        shutil.rmtree(into, ignore_errors=True)  # a worker that failed half-way
        into.mkdir()
        installed = install(into)
        built.write_text(installed.to_json())
        return installed


@pytest.fixture
def shell(installed: Installed, tmp_path: Path) -> Shell:
    """An empty home and an empty work folder, the fresh virtualenv first on ``PATH``."""
    home, cwd = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    cwd.mkdir()
    return Shell(installed, home, cwd, tmp_path / "output")


@pytest.fixture
def sqlite_file(tmp_path: Path) -> str:
    """Where a test's SQLite database goes (the file does not exist yet)."""
    return str(tmp_path / "bot.sqlite3")


@pytest.fixture
def web_port() -> int:
    """A free port on 127.0.0.1 for ``serve``."""
    return free_port()


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    """The fake Bot API on 127.0.0.1."""
    with served() as fake:
        yield fake


@pytest.fixture
def fake_slack() -> FakeSlack:
    """The fake Slack workspace: Alice, and every Web API call the bot made."""
    return FakeSlack(names={ALICE: "Alice"})


@pytest.fixture
def slack_api(fake_slack: FakeSlack) -> Iterator[str]:
    """The fake Web API served on 127.0.0.1: the value of ``SLACK_API_URL``."""
    with LocalServer(fake_slack.app) as server:
        yield f"{server.url}/api/"


@pytest.fixture
async def socket_mode(fake_slack: FakeSlack) -> AsyncIterator[FakeSocketMode]:
    """Slack's end of the Socket Mode WebSocket, handed out by apps.connections.open."""
    socket = FakeSocketMode()
    fake_slack.socket_url = await socket.start()
    yield socket
    await socket.stop()


@pytest.fixture
def empty_postgres() -> Iterator[str]:
    """A new, empty PostgreSQL database (no schema at all); skipped without a server."""
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL: set TEST_POSTGRES_URL or run `python3 dev.py test`")
    name = f"e_{uuid.uuid4().hex[:16]}"
    admin = create_engine(normalise_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
