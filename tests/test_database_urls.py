"""Database URLs as people type them: the right ones open, the wrong ones make nothing.

The same rules through the installed command, with the one line a person
sees, are in ``tests/entry_points/test_configuration.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.database import (
    DatabaseUrlError,
    create_db_engine,
    default_path,
    normalise_url,
    shown_url,
)


@pytest.mark.parametrize(("typed", "means"), [
    ("postgresql://bot:pw@db.internal/sciatica", "postgresql+psycopg://bot:pw@db.internal/sciatica"),
    ("postgres://bot@localhost/sciatica", "postgresql+psycopg://bot@localhost/sciatica"),
    ("postgresql+psycopg://bot@localhost:5433/s", "postgresql+psycopg://bot@localhost:5433/s"),
    ("sqlite:////var/lib/sciatica-bot/bot.sqlite3", "sqlite:////var/lib/sciatica-bot/bot.sqlite3"),
    ("sqlite://", "sqlite://"),
])
def test_urls_people_mean_are_taken(typed: str, means: str) -> None:
    assert normalise_url(typed) == means


def test_a_plain_path_is_a_sqlite_file(tmp_path: Path) -> None:
    assert normalise_url(str(tmp_path / "bot.db")) == f"sqlite:///{tmp_path / 'bot.db'}"


@pytest.mark.parametrize(("typed", "said"), [
    ("postgresql:/bot@localhost/sciatica", "no '//'"),
    ("postgresql:bot@localhost/sciatica", "no '//'"),
    ("htp:", "no '//'"),
    ("localhost:5432/sciatica", "no '//'"),
    ("mysql://bot@localhost/sciatica", "does not run on"),
    ("htp://localhost/sciatica", "does not run on"),
    ("oracle+oracledb://bot@localhost/x", "does not run on"),
    ("", "is empty"),
    ("   ", "is empty"),
])
def test_urls_that_cannot_be_right_are_refused(typed: str, said: str) -> None:
    with pytest.raises(DatabaseUrlError, match=said) as refused:
        normalise_url(typed)
    assert "postgresql://" in refused.value.problem
    assert "sqlite:////" in refused.value.problem


def test_a_missing_driver_is_a_wrong_url_not_a_traceback() -> None:
    with pytest.raises(DatabaseUrlError, match="not installed"):
        create_db_engine("postgresql+psycopg2://bot@localhost/sciatica")


def test_a_sqlite_file_in_a_missing_folder_is_refused_and_nothing_made(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUrlError, match="does not exist"):
        create_db_engine(str(tmp_path / "nonexistent" / "dir"))
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_sqlite_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUrlError, match="is a folder"):
        create_db_engine(f"sqlite:///{tmp_path}")


def test_the_default_file_gets_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    engine = create_db_engine(f"sqlite:///{default_path()}")
    engine.dispose()
    assert default_path().parent.is_dir()
    assert default_path().is_relative_to(tmp_path)


def test_a_shown_url_never_has_its_password() -> None:
    shown = shown_url("postgresql://bot:s3cret@db.internal:5432/sciatica")
    assert shown == "postgresql+psycopg://bot:***@db.internal:5432/sciatica"
    assert "s3cret" not in shown_url("postgresql:/bot:s3cret@db.internal/sciatica")
