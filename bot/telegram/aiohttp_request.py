"""python-telegram-bot's network layer on aiohttp instead of httpx.

PTB's default, :class:`telegram.request.HTTPXRequest`, costs several times
more CPU per Bot API call than aiohttp does (profiled on the webhook path:
about a third of the server's time went to httpx, httpcore and anyio, part
of it polling every idle pooled connection before each request). PTB lets
any :class:`~telegram.request.BaseRequest` do the calls and keeps for
itself what matters: the parameters, the parsing of the answer, and the
mapping of errors (429, 403 ...) to its exceptions. aiohttp is already a
dependency (Slack's async client uses it).

Calls without files go as one JSON body (the Bot API takes JSON; it is
cheaper to build than a form); calls with files as ``multipart/form-data``,
their other parameters as form fields encoded the way PTB encodes them.
"""

from __future__ import annotations

import asyncio
import json

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

#: Seconds, as HTTPXRequest's defaults.
DEFAULT_TIMEOUT = 5.0
MEDIA_WRITE_TIMEOUT = 20.0


class AiohttpRequest(BaseRequest):
    """A :class:`~telegram.request.BaseRequest` over one pooled :class:`aiohttp.ClientSession`.

    Args:
        connection_pool_size: at most this many connections at once (and kept open).
        read_timeout: default seconds to wait for an answer; a call may pass its own.

    """

    def __init__(self, connection_pool_size: int = 1,
                 read_timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._session: aiohttp.ClientSession | None = None
        self._open = False  # between initialize() and shutdown()
        self._in_flight = 0

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout (PTB adds the long-poll time to it for getUpdates)."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Open the session (idempotent); it must be made inside the running loop."""
        self._open = True
        self._ensure_session()

    def _ensure_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size,
                                             limit_per_host=self._pool_size)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT})
        return self._session

    async def shutdown(self) -> None:
        """Close the session and its connections (idempotent)."""
        self._open = False
        await self._close()

    async def _close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make one call; PTB reads the status and body.

        Raises:
            TimedOut: no answer in time (the call may or may not have reached Telegram).
            NetworkError: the connection failed.
            RuntimeError: :meth:`initialize` was not called.

        """
        if not self._open:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        session = self._ensure_session()
        files = request_data is not None and request_data.contains_files
        timeout = aiohttp.ClientTimeout(
            total=None,
            connect=_seconds(connect_timeout, DEFAULT_TIMEOUT),
            sock_read=_seconds(read_timeout, self._read_timeout),
        )
        # aiohttp has no write timeout of its own: a slow upload is bounded by the
        # read timeout's clock starting only once it is sent, so bound the whole call.
        write = _seconds(write_timeout, MEDIA_WRITE_TIMEOUT if files else DEFAULT_TIMEOUT)
        body: aiohttp.FormData | bytes | None = None
        headers = None
        if request_data is not None:
            if files:
                body = aiohttp.FormData()
                for name, value in request_data.json_parameters.items():
                    body.add_field(name, value)
                for name, (filename, content, mime_type) in request_data.multipart_data.items():
                    body.add_field(name, content, filename=filename, content_type=mime_type)
            else:
                body = json.dumps(request_data.parameters).encode()
                headers = {"Content-Type": "application/json"}
        unreachable = False
        self._in_flight += 1
        try:
            async with asyncio.timeout(None if write is None or timeout.sock_read is None
                                       else write + timeout.sock_read), \
                    session.request(method, url, data=body, headers=headers,
                                    timeout=timeout) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientConnectorError as error:
            unreachable = True
            raise NetworkError(f"aiohttp.{type(error).__name__}") from error
        except aiohttp.ClientError as error:
            # The type only: some of aiohttp's messages quote the URL, and the URL holds
            # the token.
            raise NetworkError(f"aiohttp.{type(error).__name__}") from error
        finally:
            self._in_flight -= 1
            if unreachable and not self._in_flight:
                # Nothing to keep while the API cannot be reached, and PTB does not shut a
                # bot down whose initialize() failed: closed now, the session is not left
                # for the garbage collector to report as unclosed. The next call opens one.
                await self._close()


def _seconds(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value
