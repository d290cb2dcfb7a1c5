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

After the whole suite the test command runs pip-audit on ``.venv`` (the
project itself skipped), asking PyPI's vulnerability service about every
installed package. In CI (``CI`` set) a known vulnerability fails the run.
An audit that could not be made (the service unreachable, or packages it
could not check: a registry mirror serves no vulnerability data) is said
plainly, with how many packages went unchecked, but does not fail the run:
CI's network reaches the package registries only. Locally it only reports.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
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
    # venv brings the pip and setuptools of its Python (3.11: pip 23.2.1 and setuptools
    # 65.5.0, both with known vulnerabilities), which pip-audit rightly counts as installed.
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--upgrade", "pip", "setuptools"],
        cwd=ROOT, check=True,
    )
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
    if in_ci or not args:
        audited = audit()
        if in_ci and audited != 0:
            _say("a dependency has a known vulnerability: failing")
            return code or audited
    return code


def audit() -> int:
    """pip-audit of ``.venv`` against PyPI's vulnerability service; 1 on a known vulnerability.

    pip-audit itself exits 0 when the service answered "not found" for every
    package: nothing was checked then, and that is said (loudly, not as a
    failure: where the service is out of reach, no run could ever pass).
    """
    _say("auditing the installed packages for known vulnerabilities (pip-audit)")
    started = time.monotonic()
    result = subprocess.run(
        [str(BIN / "pip-audit"), "--skip-editable", "--progress-spinner", "off",
         "--format", "json"],
        # Not from the repository: its sciatica_bot.egg-info would hide that the
        # project is installed editable, and pip-audit would look it up on PyPI.
        cwd=VENV, capture_output=True, text=True, check=False,
    )
    seconds = time.monotonic() - started
    try:
        packages = json.loads(result.stdout)["dependencies"]
    except (ValueError, KeyError, TypeError):
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
        _say(f"WARNING: pip-audit could not audit ({reason}); is PyPI's vulnerability "
             "service (https://pypi.org/pypi/<name>/<version>/json) reachable from here?")
        return 0
    editable = [p for p in packages if "editable" in p.get("skip_reason", "")]
    unchecked = [p for p in packages if p.get("skip_reason") and p not in editable]
    vulnerable = [p for p in packages if p.get("vulns")]
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            _say(f"VULNERABLE {package['name']} {package['version']}: {vuln['id']} "
                 f"(fixed in {fixed})")
    if unchecked:
        _say(f"WARNING: pip-audit could not check {len(unchecked)} of {len(packages)} "
             f"packages (the vulnerability service did not answer for them), for example "
             f"{unchecked[0]['skip_reason']}")
    checked = len(packages) - len(unchecked) - len(editable)
    _say(f"pip-audit: {checked} packages checked, {len(vulnerable)} vulnerable, "
         f"{len(unchecked)} not checked, in {seconds:.1f}s")
    return 1 if vulnerable else 0


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
