"""A fake Slack Web API: the methods the app calls, recorded, with programmable failures.

Served by :class:`fakes.http.LocalServer` on 127.0.0.1; the real
``slack_sdk`` client talks to it through ``base_url``. Answers have the
shape of Slack's (``ok``, ``error``, ``ts`` ...). :meth:`FakeSlack.fail`
makes the next calls of a method answer an error, or 429 with
``Retry-After``; :meth:`FakeSlack.outage` makes every call fail (500, a
hang past the client's timeout, or 429) for a period.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

TEAM = "T0CLINIC1"
BOT_USER = "U0BOT0001"


@dataclass
class Call:
    """One Web API call as the fake received it."""

    method: str
    args: dict[str, Any]
    token: str
    ts: str | None = None  # the ts the fake answered with (posts)
    in_outage: bool = False  # answered with the outage's failure, not taken
    at: float = field(default_factory=time.monotonic)  # when the fake received it

    def blocks(self) -> list[dict[str, Any]]:
        raw = self.args.get("blocks") or []
        return json.loads(raw) if isinstance(raw, str) else list(raw)

    @property
    def text(self) -> str:
        """The message's fallback text plus every block's text (what a person sees)."""
        parts = [str(self.args.get("text", ""))]
        for block in self.blocks():
            if isinstance(block.get("text"), dict):
                parts.append(block["text"]["text"])
            for element in block.get("elements", []):
                if isinstance(element.get("text"), dict):
                    parts.append(element["text"]["text"])
                elif isinstance(element.get("text"), str):
                    parts.append(element["text"])
        return "\n".join(parts)

    def buttons(self) -> list[dict[str, Any]]:
        return [e for b in self.blocks() if b.get("type") == "actions"
                for e in b.get("elements", [])]


@dataclass
class _Failure:
    error: str
    status: int
    retry_after: float | None
    channel: str | None


@dataclass(frozen=True)
class _Outage:
    kind: str  # "500", "hang" or "429"
    until: float  # time.monotonic() when it ends
    hang: float
    retry_after: float


@dataclass
class FakeSlack:
    """State of the fake workspace: users, recorded calls, scripted failures."""

    names: dict[str, str] = field(default_factory=dict)
    socket_url: str = ""  # what apps.connections.open hands out (Socket Mode)
    refused_tokens: set[str] = field(default_factory=set)  # answered invalid_auth
    timezones: dict[str, str] = field(default_factory=dict)
    channel_members: dict[str, list[str]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)  # file id -> bytes received
    _failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _outage: _Outage | None = None

    def __post_init__(self) -> None:
        self.app = Starlette(routes=[
            Route("/api/{method}", self._api, methods=["GET", "POST"]),
            Route("/upload/{file_id}", self._upload, methods=["POST"]),
        ])
        self._files: dict[str, dict[str, Any]] = {}  # file id -> name, length, alt text
        self._shared: list[dict[str, Any]] = []

    # --- programming --------------------------------------------------------

    def fail(self, method: str, error: str = "ratelimited", *, status: int = 200,
             retry_after: float | None = None, times: int = 1,
             channel: str | None = None) -> None:
        """The next ``times`` calls of ``method`` (to ``channel``, if given) fail.

        With ``retry_after`` the answer is a 429 with that ``Retry-After``.
        """
        if retry_after is not None:
            status = 429
        with self._lock:
            self._failures.setdefault(method, []).extend(
                _Failure(error, status, retry_after, channel) for _ in range(times))

    def outage(self, kind: str, seconds: float, *, hang: float = 1.0,
               retry_after: float = 1.0) -> None:
        """For ``seconds`` from now every call fails: ``"500"``, ``"hang"`` or ``"429"``.

        A hung call waits ``hang`` seconds, then answers 503, so a client
        that gave up before has not delivered anything behind its back.
        """
        if kind not in ("500", "hang", "429"):
            raise ValueError(f"unknown outage {kind!r}")
        self._outage = _Outage(kind, time.monotonic() + seconds, hang, retry_after)

    # --- reading ----------------------------------------------------------------

    def of(self, method: str, **where: str) -> list[Call]:
        """Calls of ``method`` whose arguments match ``where``."""
        with self._lock:
            calls = list(self.calls)
        return [c for c in calls if c.method == method
                and all(str(c.args.get(k)) == v for k, v in where.items())]

    def posts(self, channel: str | None = None) -> list[Call]:
        """``chat.postMessage`` calls, to ``channel`` if given."""
        return self.of("chat.postMessage", **({"channel": channel} if channel else {}))

    def files(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Files shared by a successful ``files.completeUploadExternal`` (in ``channel``).

        Each has ``id``, ``name``, ``title``, ``alt_txt``, ``channel``, ``thread_ts``
        and the uploaded ``data``, in the order they were shared.
        """
        with self._lock:
            shared = [dict(f) for f in self._shared]
        return [f for f in shared if channel is None or f["channel"] == channel]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    # --- serving ----------------------------------------------------------------

    async def _api(self, request: Request) -> JSONResponse:
        method = request.path_params["method"]
        args: dict[str, Any] = dict(request.query_params)
        body = await request.body()
        kind = request.headers.get("content-type", "")
        if body and "json" in kind:
            args.update(json.loads(body))
        elif body:
            args.update(parse_qsl(body.decode()))
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        call = Call(method, args, token)
        with self._lock:
            self.calls.append(call)
            queue = self._failures.get(method, [])
            failure = next((f for f in queue
                            if f.channel is None or f.channel == args.get("channel")), None)
            if failure is not None:
                queue.remove(failure)
        outage = self._outage
        if outage is not None and time.monotonic() < outage.until:
            call.in_outage = True
            if outage.kind == "hang":
                await asyncio.sleep(outage.hang)
                return JSONResponse({"ok": False, "error": "service_unavailable"},
                                    status_code=503)
            if outage.kind == "429":
                return JSONResponse({"ok": False, "error": "ratelimited"}, status_code=429,
                                    headers={"Retry-After": f"{outage.retry_after:g}"})
            return JSONResponse({"ok": False, "error": "internal_error"}, status_code=500)
        if failure is not None:
            headers = ({"Retry-After": f"{failure.retry_after:g}"}
                       if failure.retry_after is not None else {})
            return JSONResponse({"ok": False, "error": failure.error},
                                status_code=failure.status, headers=headers)
        if not token:
            return JSONResponse({"ok": False, "error": "not_authed"})
        if token in self.refused_tokens:
            return JSONResponse({"ok": False, "error": "invalid_auth"})
        if method == "files.getUploadURLExternal":
            return JSONResponse(self._upload_url(args, str(request.base_url)))
        answer = self._answer(method, args)
        call.ts = answer.get("ts") if method == "chat.postMessage" else None
        return JSONResponse(answer)

    def _upload_url(self, args: dict[str, Any], base: str) -> dict[str, Any]:
        """Step 1 of an upload: a file id and where to POST the bytes (this server)."""
        if not args.get("filename") or not str(args.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        with self._lock:
            file_id = f"F{len(self._files) + 1:08d}"
            self._files[file_id] = {"name": args["filename"], "length": int(args["length"]),
                                    "alt_txt": args.get("alt_txt")}
        return {"ok": True, "upload_url": f"{base}upload/{file_id}", "file_id": file_id}

    async def _upload(self, request: Request) -> JSONResponse:
        """Step 2: the bytes, which must have the announced length."""
        file_id = request.path_params["file_id"]
        data = await request.body()
        with self._lock:
            expected = self._files.get(file_id, {}).get("length")
            if expected != len(data):
                return JSONResponse({"ok": False, "error": "length_mismatch"}, status_code=400)
            self.uploads[file_id] = data
        return JSONResponse({"ok": True})

    def _complete_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        """Step 3: share uploaded files in a channel (or a thread of it)."""
        items = json.loads(str(args.get("files", "[]")))
        with self._lock:
            if not items or any(i.get("id") not in self.uploads for i in items):
                return {"ok": False, "error": "file_not_found"}
            files = [{"id": i["id"], "name": self._files[i["id"]]["name"],
                      "title": i.get("title")} for i in items]
            self._shared.extend(
                {**self._files[f["id"]], **f, "channel": args.get("channel_id"),
                 "thread_ts": args.get("thread_ts"), "data": self.uploads[f["id"]]}
                for f in files)
        return {"ok": True, "files": files}

    def _next_ts(self) -> str:
        return f"1772434800.{next(self._ts):06d}"

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "url": "https://clinic.example.slack.com/", "team": "Clinic",
                    "user": "sciatica", "team_id": TEAM, "user_id": BOT_USER,
                    "bot_id": "B0BOT0001", "is_enterprise_install": False}
        if method in ("chat.postMessage", "chat.update"):
            ts = args.get("ts") or self._next_ts()
            return {"ok": True, "channel": args.get("channel"), "ts": ts,
                    "message": {"text": args.get("text"), "ts": ts}}
        if method == "files.completeUploadExternal":
            return self._complete_upload(args)
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method == "conversations.open":
            user = str(args.get("users", "")).split(",")[0]
            return {"ok": True, "channel": {"id": f"D{user[1:]}"}}
        if method == "conversations.members":
            return {"ok": True, "members": self.channel_members.get(str(args.get("channel")), []),
                    "response_metadata": {"next_cursor": ""}}
        if method == "users.info":
            user = str(args.get("user"))
            return {"ok": True, "user": {
                "id": user, "name": user.lower(), "tz": self.timezones.get(user, "Europe/Berlin"),
                "profile": {"display_name": self.names.get(user, ""), "real_name": ""}}}
        if method in ("views.publish", "views.open"):
            view = args.get("view") or {}
            view = json.loads(view) if isinstance(view, str) else view
            return {"ok": True, "view": {"id": "V0000001", **view}}
        return {"ok": False, "error": "unknown_method"}
