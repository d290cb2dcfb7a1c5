"""`sciatica-bot serve` as a real process on 127.0.0.1, for tests and benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from fakes.http import free_port

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
        deadline = time.monotonic() + startup_seconds
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"serve exited early with code {process.returncode}")
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("serve did not come up")
            time.sleep(0.1)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=30)
