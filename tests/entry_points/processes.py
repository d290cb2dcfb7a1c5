"""A ``sciatica-bot`` process as a person starts it in a shell, and what it printed.

Output goes to files, not pipes, so a chatty process can never block on a
full pipe while a test waits for something else. Each process runs in its
own session: a test's Ctrl-C (``SIGINT`` to the process group, as a
terminal sends it) reaches the process and never the test run.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

from tests.entry_points.installed import Installed

#: How long a process may take to come up on a loaded two-core machine.
STARTUP_SECONDS = 90


class Running:
    """A started process; stopped (SIGTERM, then SIGKILL) when the ``with`` block ends."""

    def __init__(self, args: Sequence[str], env: dict[str, str], cwd: Path, output: Path, *,
                 stdin: bool = False, terminal: int | None = None) -> None:
        self.args = list(args)
        output.mkdir(parents=True, exist_ok=True)
        self._out_path = output / f"{time.monotonic_ns()}.out"
        self._err_path = self._out_path.with_suffix(".err")
        self._out = self._out_path.open("wb")
        self._err = self._err_path.open("wb")
        self.process = subprocess.Popen(
            self.args, env=env, cwd=cwd, stdout=self._out,
            stderr=self._err if terminal is None else terminal,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL, start_new_session=True,
        )

    # --- talking to it -------------------------------------------------------

    def type(self, line: str) -> None:
        """A line typed at the process's standard input."""
        stdin = self._stdin()
        stdin.write(line.encode() + b"\n")
        stdin.flush()

    def end_input(self) -> None:
        """Ctrl-D at the start of a line: the end of the input."""
        self._stdin().close()

    def interrupt(self) -> None:
        """Ctrl-C: SIGINT to the whole process group, as a terminal sends it."""
        os.killpg(self.process.pid, signal.SIGINT)

    def _stdin(self) -> IO[bytes]:
        assert self.process.stdin is not None, "started without stdin=True"
        return self.process.stdin

    # --- what it printed -----------------------------------------------------

    @property
    def stdout(self) -> str:
        if not self._out.closed:
            self._out.flush()
        return self._out_path.read_text(errors="replace")

    @property
    def stderr(self) -> str:
        if not self._err.closed:
            self._err.flush()
        return self._err_path.read_text(errors="replace")

    def logs(self) -> list[dict[str, Any]]:
        """The JSON log lines written so far (stderr is not a terminal, so logs are JSON)."""
        return [json.loads(line) for line in self.stderr.splitlines() if line.startswith("{")]

    def log_messages(self) -> list[str]:
        return [entry["message"] for entry in self.logs()]

    # --- waiting -------------------------------------------------------------

    def wait_until(self, condition: Callable[[], object], what: str,
                   seconds: float = STARTUP_SECONDS) -> None:
        """Poll ``condition`` until it holds; fail with the process's output if it never does."""
        deadline = time.monotonic() + seconds
        while not condition():
            if self.process.poll() is not None:
                raise AssertionError(f"{self.args[0]} exited ({self.process.returncode}) "
                                     f"before {what}:\n{self.stdout}\n{self.stderr}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} within {seconds}s:\n{self.stdout}\n{self.stderr}")
            time.sleep(0.1)

    async def until(self, condition: Callable[[], object], what: str,
                    seconds: float = STARTUP_SECONDS) -> None:
        """:meth:`wait_until` for a test whose event loop serves a fake meanwhile."""
        deadline = time.monotonic() + seconds
        while not condition():
            if self.process.poll() is not None:
                raise AssertionError(f"{self.args[0]} exited ({self.process.returncode}) "
                                     f"before {what}:\n{self.stdout}\n{self.stderr}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} within {seconds}s:\n{self.stdout}\n{self.stderr}")
            await asyncio.sleep(0.1)

    def wait_healthy(self, url: str) -> None:
        """Until ``url``/healthz answers 200."""

        def healthy() -> bool:
            try:
                return httpx.get(f"{url}/healthz", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        self.wait_until(healthy, f"answer on {url}/healthz")

    def finish(self, seconds: float = 60) -> int:
        """Wait for the process to exit by itself; its exit code."""
        try:
            code = self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running after {seconds}s:\n{self.stdout}\n"
                                 f"{self.stderr}") from None
        self._close_files()
        return code

    def stop(self, how: int = signal.SIGTERM, seconds: float = 60) -> int:
        """Send ``how`` (SIGTERM as systemd or Docker stop, SIGINT as Ctrl-C) and wait."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, how)
        return self.finish(seconds)

    async def stopped(self, how: int = signal.SIGTERM, seconds: float = 60) -> int:
        """:meth:`stop` for a test whose event loop serves a fake meanwhile."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, how)
        deadline = time.monotonic() + seconds
        while self.process.poll() is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"still running after {seconds}s:\n{self.stdout}\n"
                                     f"{self.stderr}")
            await asyncio.sleep(0.1)
        return self.finish()

    def _close_files(self) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        self._out.close()
        self._err.close()

    def __enter__(self) -> Running:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        self._close_files()


@dataclass(frozen=True)
class Shell:
    """A newcomer's shell in the fresh virtualenv: an empty home and an empty folder to work in."""

    installed: Installed
    home: Path
    cwd: Path
    output: Path

    def env(self, **settings: str) -> dict[str, str]:
        """The environment a command gets: the shell's, plus ``settings``."""
        return self.installed.environment(self.home, **settings)

    def start(self, *args: str, stdin: bool = False, terminal: int | None = None,
              **settings: str) -> Running:
        """Start ``args`` (``"sciatica-bot", "serve"``) with ``settings`` in the environment.

        ``terminal``: a pseudo-terminal's descriptor for standard error, as in
        an interactive shell (its output is then read from the terminal).
        """
        return Running(args, self.env(**settings), self.cwd, self.output, stdin=stdin,
                       terminal=terminal)

    def run(self, *args: str, stdin: str = "", seconds: float = STARTUP_SECONDS,
            **settings: str) -> subprocess.CompletedProcess[str]:
        """Run ``args`` to its end with ``stdin`` as its input."""
        return subprocess.run(list(args), env=self.env(**settings), cwd=self.cwd, input=stdin,
                              capture_output=True, text=True, timeout=seconds, check=False)

    def made(self) -> list[Path]:
        """Everything in the work folder and home (a command that fails must make nothing)."""
        return sorted(p for root in (self.cwd, self.home) for p in root.rglob("*"))
