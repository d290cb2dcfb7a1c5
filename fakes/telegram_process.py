"""The fake Bot API in a process of its own, for benchmarks of whole servers.

A benchmark that drives a server with webhooks and counts its replies runs
three things at once: the load, the server, and the platform. Served from
the benchmark's own process, the fake would share one interpreter lock
with the load generator; here it has its own. Besides the Bot API it
answers two routes for the benchmark: ``GET /_fake/sends`` (every message
sent since the last reset: chat and arrival, on the machine's monotonic
clock, which every process shares; and the CPU seconds this process has
used) and ``POST /_fake/reset``.

    python -m fakes.telegram_process --port 8081
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from fakes.http import free_port, wait_until_up
from fakes.telegram import _SENDS, FakeTelegram

ROOT = Path(__file__).resolve().parents[1]


def app_with_counter(fake: FakeTelegram) -> Starlette:
    """``fake``'s Bot API plus the benchmark's two routes."""
    start = [0]

    async def sends(request: Request) -> JSONResponse:
        since = int(request.query_params.get("since", "0"))
        with fake._lock:  # the fake's own lock: its calls list grows under it
            calls = fake.calls[start[0]:]
        found = [[c.chat, c.at] for c in calls if c.method in _SENDS and c.status == 200]
        return JSONResponse({"count": len(found), "sends": found[since:],
                             "cpu": time.process_time()})

    async def reset(_: Request) -> JSONResponse:
        with fake._lock:
            start[0] = len(fake.calls)
            fake._messages.clear()
        return JSONResponse({"ok": True})

    return Starlette(routes=[
        Route("/_fake/sends", sends, methods=["GET"]),
        Route("/_fake/reset", reset, methods=["POST"]),
        Mount("/", fake.app),
    ])


@contextmanager
def fake_telegram() -> Iterator[str]:
    """Run the fake in its own process until the block ends; yield its URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "fakes.telegram_process",
                                "--port", str(port)], cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, url + "/_fake/sends?since=0", what="the fake Bot API",
                      seconds=30, every=0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    """Serve the fake on 127.0.0.1 until stopped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    fake = FakeTelegram()
    fake.url = f"http://127.0.0.1:{args.port}"
    uvicorn.run(app_with_counter(fake), host="127.0.0.1", port=args.port, log_config=None,
                access_log=False)


if __name__ == "__main__":
    main()
