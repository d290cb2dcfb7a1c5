#!/usr/bin/env python3
"""Quick start, with nothing but Python 3.11+ installed.

    python3 dev.py chat     # talk to the bot in this terminal (SQLite, no tokens)
    python3 dev.py test     # the whole test suite, on SQLite and PostgreSQL
    python3 dev.py bench    # every benchmark; writes docs/performance.md (--quick: < 1 min)

Each command creates ``.venv`` and installs what it needs on first use. The
test command starts a throw-away PostgreSQL server on 127.0.0.1 when it can
(installing Debian's package where it has the rights) and otherwise says
plainly that only the SQLite half ran. Extra arguments go to the bot or to
pytest (``python3 dev.py test -k emergency``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

sys.path.insert(0, str(ROOT / "tools"))


def _say(message: str) -> None:
    print(f"[dev] {message}", file=sys.stderr, flush=True)


def ensure_venv(extras: str = "") -> None:
    """Create the virtual environment and install the project when it changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - say so plainly on an older Python
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]}).")
    if not PYTHON.exists():
        _say(f"creating {VENV.name}")
        venv.create(VENV, with_pip=True)
    pyproject = (ROOT / "pyproject.toml").read_bytes()
    wanted = hashlib.sha256(pyproject + extras.encode()).hexdigest()
    stamp = VENV / (f".installed-{extras}" if extras else ".installed")
    if stamp.exists() and stamp.read_text() == wanted:
        return
    _say("installing dependencies (first run only)")
    target = f".[{extras}]" if extras else "."
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-e", target],
        cwd=ROOT, check=True,
    )
    stamp.write_text(wanted)


def chat(args: list[str]) -> int:
    ensure_venv()
    return subprocess.call([str(PYTHON), "-m", "bot", "chat", *args], cwd=ROOT)


def test(args: list[str]) -> int:
    ensure_venv("test")
    import postgres

    in_ci = bool(os.environ.get("CI"))
    env = dict(os.environ)
    server = None
    if env.get("TEST_POSTGRES_URL"):
        _say("using the PostgreSQL server in TEST_POSTGRES_URL")
    else:
        server = postgres.start(install=True, log=_say)
        if server is not None:
            env["TEST_POSTGRES_URL"] = server.url
        elif in_ci:
            _say("PostgreSQL could not be started, and CI must test on it")
            return 1
        else:
            _say("PostgreSQL is not available here: running the SQLite half only")
    try:
        code = subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=env)
    finally:
        if server is not None:
            server.stop()
    if code == 5:
        _say("pytest collected no tests; that counts as a failure")
        return 1
    if server is None and not env.get("TEST_POSTGRES_URL"):
        _say("note: only the SQLite half ran (no PostgreSQL)")
    return code


def bench(args: list[str]) -> int:
    ensure_venv("test,bench")
    return subprocess.call([str(PYTHON), "-m", "bench", *args], cwd=ROOT)


def main(argv: list[str]) -> int:
    commands = {"chat": chat, "test": test, "bench": bench}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
