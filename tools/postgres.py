"""A throw-away PostgreSQL server on 127.0.0.1 for tests and benchmarks.

Standard library only (it runs before the virtual environment exists).
Finds Debian's PostgreSQL binaries, installing the ``postgresql`` package
with apt-get when allowed and possible, creates a cluster in a temporary
folder, starts it on a free loopback port and stops it again.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Log = Callable[[str], None]


def _bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def _install(log: Log) -> bool:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        log("cannot install PostgreSQL here (needs root and apt-get)")
        return False
    log("installing PostgreSQL from Debian's packages")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"]):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log(f"{' '.join(command)} failed: {result.stderr.strip()[-400:]}")
            return False
    return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as(user: str | None) -> Callable[[], None] | None:
    """PostgreSQL refuses to run as root; drop to ``user`` in the child."""
    if user is None:
        return None
    entry = pwd.getpwnam(user)

    def demote() -> None:
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)

    return demote


def _service_user(log: Log) -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        log("creating the postgres system user")
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
    return "postgres"


@dataclass
class Server:
    """A running server; :meth:`stop` removes it and its data."""

    url: str
    bindir: Path
    datadir: Path
    user: str | None

    def stop(self) -> None:
        """Stop the server and delete its cluster."""
        subprocess.run(
            [str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "-w",
             "stop"],
            preexec_fn=_run_as(self.user), capture_output=True, check=False,
        )
        shutil.rmtree(self.datadir.parent, ignore_errors=True)


def start(*, install: bool, log: Log = print) -> Server | None:
    """Start a server, or return ``None`` (saying why) when that is impossible."""
    bindir = _bindir()
    if bindir is None and install and _install(log):
        bindir = _bindir()
    if bindir is None:
        log("PostgreSQL binaries (initdb, pg_ctl) not found")
        return None
    user = _service_user(log)
    root = Path(tempfile.mkdtemp(prefix="sciatica-pg-"))
    datadir = root / "data"
    datadir.mkdir()
    socket_dir = root / "sock"
    socket_dir.mkdir()
    if user is not None:
        entry = pwd.getpwnam(user)
        for path in (root, datadir, socket_dir):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    demote = _run_as(user)
    init = subprocess.run(
        [str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres", "--auth=trust",
         "-E", "UTF8", "--locale=C"],
        preexec_fn=demote, capture_output=True, text=True, check=False,
    )
    if init.returncode != 0:
        log(f"initdb failed: {init.stderr.strip()[-400:]}")
        shutil.rmtree(root, ignore_errors=True)
        return None
    port = _free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {socket_dir} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300 "
        "-c shared_buffers=128MB"
    )
    started = subprocess.run(
        [str(bindir / "pg_ctl"), "-D", str(datadir), "-o", options, "-l",
         str(root / "server.log"), "-w", "-t", "60", "start"],
        preexec_fn=demote, capture_output=True, text=True, check=False,
    )
    if started.returncode != 0:
        log(f"pg_ctl start failed: {started.stderr.strip()[-400:]}")
        shutil.rmtree(root, ignore_errors=True)
        return None
    for _ in range(100):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    log(f"PostgreSQL running on 127.0.0.1:{port}")
    return Server(f"postgresql://postgres@127.0.0.1:{port}/postgres", bindir, datadir, user)
