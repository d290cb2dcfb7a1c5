"""`sciatica-bot serve` as a real process on 127.0.0.1, for tests and benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fakes.http import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def serving(settings: dict[str, str], *, startup_seconds: float = 60) -> Iterator[str]:
    """Run ``serve`` with these environment settings until the block ends; yield its URL."""
    with serving_process(settings, startup_seconds=startup_seconds) as (url, _):
        yield url


@contextmanager
def serving_process(settings: dict[str, str], *, startup_seconds: float = 60
                    ) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """As :func:`serving`, and the process too (benchmarks read its CPU time)."""
    port = free_port()
    env = dict(os.environ, HOST="127.0.0.1", PORT=str(port), LOG_LEVEL="WARNING", **settings)
    process = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, url + "/healthz", what="serve", seconds=startup_seconds)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=30)
