"""Fixtures shared by the whole suite.

``db`` runs a test on a real SQLite file and, where ``TEST_POSTGRES_URL``
points at a server, again on a fresh PostgreSQL database. In CI the
PostgreSQL half must run: a missing server fails the session rather than
skipping it. Any attempt to reach a non-loopback address fails the test.
"""

from __future__ import annotations

import os
import shutil
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, text

from fakes.harness import PLATFORM, ChatHarness
from storage.clinics import save_clinic
from storage.crypto import cipher
from storage.database import Database, create_db_engine, normalise_url, upgrade

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")
IN_CI = bool(os.environ.get("CI"))
# Unique per test session and per pytest-xdist worker ("gw0", "gw1"...; "main" when
# serial): several sessions, and every worker of one, share one server.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
TEMPLATE_DB = f"sciatica_template_{WORKER}_{uuid.uuid4().hex[:10]}"
START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # a Monday, 08:00 in Berlin


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run the long variants")


def pytest_configure(config: pytest.Config) -> None:
    if IN_CI and not POSTGRES_URL:
        raise pytest.UsageError("CI must run the PostgreSQL tests: TEST_POSTGRES_URL is not set")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Tests marked long first (otherwise in order): a pytest-xdist worker that picked one
    # up last would keep the whole run waiting for it alone.
    items.sort(key=lambda item: item.get_closest_marker("long") is None)
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="long variant: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


# --- no network but loopback -------------------------------------------------

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _check(address: Any) -> None:
    if isinstance(address, tuple) and address and address[0] not in _LOOPBACK:
        raise RuntimeError(f"a test tried to reach {address[0]}: only 127.0.0.1 is allowed")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _check(address)
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _check(address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)


# --- databases ---------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once with Alembic, copied for every test."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def _admin_engine() -> Any:
    return create_engine(normalise_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")


def _database_url(name: str) -> str:
    base = normalise_url(POSTGRES_URL)
    return base.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str | None]:
    """A PostgreSQL database migrated once with Alembic, cloned for every test."""
    if not POSTGRES_URL:
        yield None
        return
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE_DB} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {TEMPLATE_DB}"))
    engine = create_db_engine(_database_url(TEMPLATE_DB))
    upgrade(engine)
    engine.dispose()
    yield TEMPLATE_DB
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE_DB} WITH (FORCE)"))
    admin.dispose()


@contextmanager
def _fresh_postgres(template: str) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    try:
        yield _database_url(name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path,
    postgres_template: str | None,
) -> Iterator[str]:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "bot.sqlite3"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    if postgres_template is None:
        pytest.skip("no PostgreSQL: set TEST_POSTGRES_URL or run `python3 dev.py test`")
    with _fresh_postgres(postgres_template) as url:
        yield url


@pytest.fixture
def postgres_url(postgres_template: str | None) -> Iterator[str]:
    """A migrated, empty PostgreSQL database (for tests about several processes)."""
    if postgres_template is None:
        pytest.skip("no PostgreSQL: set TEST_POSTGRES_URL or run `python3 dev.py test`")
    with _fresh_postgres(postgres_template) as url:
        yield url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A connected :class:`Database` on a fresh schema."""
    database = Database.connect(database_url)
    yield database
    database.dispose()


@pytest.fixture
def bot(db: Database) -> ChatHarness:
    """The engine and reminder dispatcher on a fresh database, with a manual clock."""
    return ChatHarness(db, START)


@pytest.fixture
def onboarded_bot(bot: ChatHarness) -> ChatHarness:
    """Alice, 45, disc-type pain, screened clear, reminders at 09:00 Berlin time."""
    bot.onboard()
    return bot


@pytest.fixture
def encryption_key() -> Iterator[str]:
    """Encryption at rest switched on with a fresh key, as in production; off again after."""
    key = Fernet.generate_key().decode()
    cipher.configure(key)
    yield key
    cipher.configure(None)


@pytest.fixture
def clinic_id(bot: ChatHarness) -> int:
    """A clinic channel on the test platform, its first call due tomorrow."""
    clinic = save_clinic(bot.db, name="#physio", platform=PLATFORM, team="T1", channel="C1",
                         call_time="09:00", timezone="Europe/Berlin", window_hours=12,
                         next_call_at=bot.clock.now() + timedelta(days=1), now=bot.clock.now())
    return clinic.id
