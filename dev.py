#!/usr/bin/env python3
"""Quick start, with nothing but Python 3.11+ installed.

    python3 dev.py chat     # talk to the bot in this terminal (SQLite, no tokens)
    python3 dev.py test     # the whole test suite, on SQLite and PostgreSQL
    python3 dev.py bench    # every benchmark; writes docs/performance.md (--quick: < 1 min)
    python3 dev.py lock     # re-resolve constraints.txt: the newest versions pyproject allows

Each command creates ``.venv`` and installs what it needs on first use, at
the exact versions of ``constraints.txt`` (what CI tests; ``lock`` moves them
to the newest that ``pyproject.toml`` allows, and the suite then says whether
they still work). Ctrl-C goes to the command running in ``.venv`` alone: it
stops the way it stops by itself, and this script waits for it. The
test command starts a throw-away PostgreSQL server on 127.0.0.1 when it can
(installing Debian's package where it has the rights) and otherwise says
plainly that only the SQLite half ran. Extra arguments go to the bot or to
pytest (``python3 dev.py test -k emergency``). The tests run on several
pytest-xdist workers; ``-p no:xdist``, ``-n 0`` or ``-s`` runs them in one process.

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
import signal
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CONSTRAINTS = ROOT / "constraints.txt"
#: Installed by ``ensure_venv`` itself, or the project: never pinned in constraints.txt.
UNPINNED = {"pip", "setuptools", "wheel", "sciatica-bot"}
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

#: pytest-xdist workers of ``test``: at least this many (the suite mostly waits), one per
#: core beyond that, at most MAX_WORKERS (each worker holds about 500 MB).
MIN_WORKERS = 4
MAX_WORKERS = 8

sys.path.insert(0, str(ROOT / "tools"))


def _say(message: str) -> None:
    print(f"[dev] {message}", file=sys.stderr, flush=True)


def _fingerprint(extras: str) -> str:
    """What an install with ``extras`` depended on: pyproject.toml and constraints.txt."""
    pyproject = (ROOT / "pyproject.toml").read_bytes()
    pinned = CONSTRAINTS.read_bytes() if CONSTRAINTS.exists() else b""
    return hashlib.sha256(pyproject + pinned + extras.encode()).hexdigest()


def _installed(extras: str) -> bool:
    """Whether an install with these extras, or with more, is current."""
    wanted = set(filter(None, extras.split(",")))
    for stamp in VENV.glob(".installed*"):
        have = stamp.name.removeprefix(".installed").removeprefix("-")
        if wanted <= set(filter(None, have.split(","))) and stamp.read_text() == _fingerprint(have):
            return True
    return False


def ensure_venv(extras: str = "") -> None:
    """Create the virtual environment and install the project when it changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - say so plainly on an older Python
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]}).")
    if not PYTHON.exists():
        _say(f"creating {VENV.name}")
        venv.create(VENV, with_pip=True)
    if _installed(extras):
        return
    stamp = VENV / (f".installed-{extras}" if extras else ".installed")
    _say("installing dependencies (first run only)")
    # venv brings the pip and setuptools of its Python (3.11: pip 23.2.1 and setuptools
    # 65.5.0, both with known vulnerabilities), which pip-audit rightly counts as installed.
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--upgrade", "pip", "setuptools"],
        cwd=ROOT, check=True,
    )
    target = f".[{extras}]" if extras else "."
    pinned = ["--constraint", str(CONSTRAINTS)] if CONSTRAINTS.exists() else []
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         *pinned, "-e", target],
        cwd=ROOT, check=True,
    )
    stamp.write_text(_fingerprint(extras))


def _call(command: list[str], **options: object) -> int:
    """Run ``command`` to its end; Ctrl-C reaches it (same process group) but not this script.

    Without this, Ctrl-C raised KeyboardInterrupt here too: a traceback of
    this script, and the command killed before it could finish. A handler
    that does nothing, not SIG_IGN: an ignored signal would stay ignored in
    the command, a handler is reset to the default when the command starts.
    """
    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: None)
    try:
        process = subprocess.Popen(command, **options)  # type: ignore[call-overload]
        return int(process.wait())
    finally:
        signal.signal(signal.SIGINT, previous)


def chat(args: list[str]) -> int:
    ensure_venv()
    return _call([str(PYTHON), "-m", "bot", "chat", *args], cwd=ROOT)


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
        code = _call([str(PYTHON), "-m", "pytest", *workers(args), *args], cwd=ROOT, env=env)
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


def workers(args: list[str]) -> list[str]:
    """pytest-xdist's options for ``args``: several workers, unless the arguments say otherwise.

    About half the suite's time is waiting (processes starting, servers
    polled, platforms timing out), so more workers than cores pays (figures
    in README.md). ``worksteal``: an idle worker takes tests queued for a busy
    one. ``-n``/``--numprocesses`` of one's own, ``-p no:xdist`` (serial), or
    ``-s`` (a worker's prints never reach the terminal) leave it to pytest.
    """
    for arg in args:
        if (arg.startswith(("-n", "--numprocesses", "--capture=no")) or arg == "no:xdist"
                or "s" in _short_flags(arg)):
            return []
    count = min(max(MIN_WORKERS, os.cpu_count() or 1), MAX_WORKERS)
    return ["-n", str(count), "--dist", "worksteal"]


#: pytest's one-letter options that take a value: in "-rs" the s is -r's value, not -s.
_TAKES_VALUE = "kmrpcoWn"


def _short_flags(arg: str) -> str:
    """The one-letter flags of a cluster such as ``-xvs`` (none in ``--long`` or a value)."""
    if not arg.startswith("-") or arg.startswith("--"):
        return ""
    flags = ""
    for letter in arg[1:]:
        if letter in _TAKES_VALUE:
            break
        flags += letter
    return flags


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
    return _call([str(PYTHON), "-m", "bench", *args], cwd=ROOT)


def lock(args: list[str]) -> int:
    """Write constraints.txt: the newest versions pyproject.toml allows, all extras together.

    One resolution for everything dev.py installs (the benchmark's aiogram
    caps some shared libraries), so the suite, the benchmarks and a
    ``pip install . -c constraints.txt`` all run on the same versions.
    """
    ensure_venv()
    report = VENV / "lock-report.json"
    _say("resolving the newest versions pyproject.toml allows (nothing is installed)")
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--disable-pip-version-check", "--report", str(report), ".[test,bench]"],
        cwd=ROOT, check=True,
    )
    resolved = json.loads(report.read_text())["install"]
    report.unlink()
    pins = sorted((item["metadata"]["name"], item["metadata"]["version"]) for item in resolved
                  if item["metadata"]["name"].lower() not in UNPINNED)
    CONSTRAINTS.write_text(
        "# The exact versions CI and dev.py install (pip install --constraint constraints.txt).\n"
        f"# Resolved by `python3 dev.py lock` on {time.strftime('%Y-%m-%d')} with Python "
        f"{sys.version_info.major}.{sys.version_info.minor} on {sys.platform}: the newest\n"
        "# that pyproject.toml allows, its test and bench extras included. Rerun it, then the\n"
        "# whole suite, to move to newer versions.\n"
        + "".join(f"{name}=={version}\n" for name, version in pins))
    _say(f"wrote {len(pins)} pins to {CONSTRAINTS.name}; now run `python3 dev.py test`")
    return 0


def main(argv: list[str]) -> int:
    commands = {"chat": chat, "test": test, "bench": bench, "lock": lock}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
