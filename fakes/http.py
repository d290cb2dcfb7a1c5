"""A real HTTP server on 127.0.0.1 for fake platform APIs.

Platform fakes (Telegram Bot API, Slack Web API) subclass nothing: they
build a Starlette app and hand it to :class:`LocalServer`, which runs it
with uvicorn in a background thread on a free loopback port. Tests then
point the real client libraries at ``server.url``.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from types import TracebackType

import httpx
import uvicorn
from starlette.types import ASGIApp


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(process: subprocess.Popen[bytes], url: str, *, what: str,
                  seconds: float, every: float = 0.1) -> None:
    """Poll ``url`` until it answers 200, for a server ``process`` just started.

    Raises:
        RuntimeError: the process exited first, or ``seconds`` passed (``what``
            names the server in the message).

    """
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited early with code {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up")
        time.sleep(every)


class LocalServer:
    """Serve ``app`` on 127.0.0.1 until :meth:`stop` (or the ``with`` block ends)."""

    def __init__(self, app: ASGIApp, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # log_config=None: a fake must not reconfigure the test process's logging
        # (uvicorn's own config stops its loggers from reaching the root logger).
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_config=None,
                                lifespan="on", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def start(self) -> LocalServer:
        """Start serving and wait until the port accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the fake server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread."""
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()
