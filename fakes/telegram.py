"""A fake Telegram Bot API, served on 127.0.0.1 for the real python-telegram-bot.

It implements the methods the adapter calls, the way Telegram answers them:
``getUpdates`` with ``offset``/``timeout`` semantics, messages parsed from
HTML into text and entities (malformed markup is refused as Telegram
refuses it), the 4096/1024-character and 64-byte callback-data limits,
"message is not modified", one answer per callback query. It records every
call with the instant it arrived, and can be told to answer 429 with
``retry_after``, 403 for a person who blocked the bot, or 500.

It also plays the people: :meth:`FakeTelegram.text_update` and friends build
updates from the recorded payloads in ``tests/fixtures/telegram/``, and
:meth:`FakeTelegram.enqueue` hands them to the next ``getUpdates``.

The server runs in its own thread, so all state is guarded by one lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.settings import Settings
from fakes.http import LocalServer

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "telegram"
TOKEN = "7000000001:AAF4k3-t0k3n-for-tests_only"
WEBHOOK_SECRET = "hook-secret_0123456789"
BOT_USER = {"id": 7000000001, "is_bot": True, "first_name": "Sciatica Bot",
            "username": "sciatica_test_bot", "can_join_groups": False,
            "can_read_all_group_messages": False, "supports_inline_queries": False}
#: Parameters PTB sends as plain strings; everything else arrives JSON-encoded.
_STRINGS = {"text", "caption", "callback_query_id", "url", "secret_token", "parse_mode",
            "inline_message_id", "filename"}
_SENDS = ("sendMessage", "sendPhoto", "sendDocument")


def fixture(name: str) -> dict[str, Any]:
    """A recorded update payload (a fresh copy)."""
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text())
    return data


@dataclass(frozen=True)
class Call:
    """One Bot API call as the fake received it."""

    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when the request arrived
    status: int
    files: dict[str, bytes] = field(default_factory=dict)
    result: Any = None

    @property
    def chat(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """``(label, callback_data)`` of the inline keyboard, row by row."""
        markup = self.params.get("reply_markup") or {}
        return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", [])
                for b in row]

    @property
    def html(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def text(self) -> str:
        """The text a person sees (markup parsed away)."""
        return str(_visible(self.result) if isinstance(self.result, dict) else "")


@dataclass
class _Failure:
    method: str
    status: int
    description: str
    retry_after: int | None
    times: int
    after: int
    chat: int | None = None


class FakeTelegram:
    """The fake server's state and its Starlette app (``self.app``)."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.url = ""  # set by the fixture once served
        self.calls: list[Call] = []  # answered calls, in the order they were answered
        self.arrived: list[str] = []  # methods of calls received, answered or not yet
        #: The highest ``offset`` a ``getUpdates`` has asked with, counted when it
        #: arrives (a long poll is recorded in ``calls`` only when it returns).
        self.confirmed_before = 0
        self.webhook: dict[str, Any] = {}
        self.commands: list[dict[str, str]] = []
        self.blocked: set[int] = set()
        self._lock = threading.Lock()
        self._pending: list[dict[str, Any]] = []
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._queries: dict[str, bool] = {}  # callback query id -> answered
        self._failures: list[_Failure] = []
        self._delays: dict[str, float] = {}
        self._update_ids = itertools.count(700_000_001)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(4_000_000_000_000_000_001)
        self._closing = False
        self._outage: tuple[int, float, int] | None = None  # status, until, retry_after
        self.app = Starlette(routes=[
            Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"]),
        ])

    # --- programming the fake ---------------------------------------------------

    def fail(self, method: str, status: int, *, retry_after: int | None = None,
             times: int = 1, after: int = 0, description: str = "",
             chat: int | None = None) -> None:
        """Answer ``times`` calls of ``method`` with an error, once ``after`` more succeeded.

        ``chat``: only calls to that chat (a flood limit or fault of one chat).
        """
        default = {429: f"Too Many Requests: retry after {retry_after}",
                   403: "Forbidden: bot was blocked by the user",
                   409: "Conflict: terminated by other getUpdates request; make sure that "
                        "only one bot instance is running",
                   500: "Internal Server Error"}.get(status, "Bad Request")
        with self._lock:
            self._failures.append(_Failure(method, status, description or default,
                                           retry_after, times, after, chat))

    def outage(self, status: int, seconds: float, *, retry_after: int = 1) -> None:
        """For ``seconds`` from now every call but ``getUpdates`` fails with ``status``.

        ``500`` (the API is down) or ``429`` (flood control, with ``retry_after``).
        """
        with self._lock:
            self._outage = (status, time.monotonic() + seconds, retry_after)

    def delay(self, method: str, seconds: float) -> None:
        """Answer every call of ``method`` only after ``seconds`` (a slow API)."""
        with self._lock:
            self._delays[method] = seconds

    def block(self, chat: int) -> None:
        """The person blocked the bot: every send to ``chat`` is refused with 403."""
        with self._lock:
            self.blocked.add(chat)

    def close(self) -> None:
        """Release waiting long polls (before the server stops)."""
        self._closing = True

    # --- playing the people -----------------------------------------------------

    def text_update(self, user: int, text: str, *, name: str = "Alice") -> dict[str, Any]:
        """A person in a private chat sends ``text``."""
        update = fixture("message_text")
        message = update["message"]
        self._personalise(message, user, name)
        message["text"] = text
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"offset": 0, "length": len(command), "type": "bot_command"}]
        return self._stamp(update)

    def other_update(self, name: str, user: int) -> dict[str, Any]:
        """A recorded update (sticker, photo, voice, edited_message ...) from ``user``."""
        update = fixture(name)
        for key in ("message", "edited_message"):
            if key in update:
                self._personalise(update[key], user, update[key]["from"]["first_name"])
        return self._stamp(update)

    def press(self, user: int, sent: Call, label: str, *, inaccessible: bool = False,
              data: str | None = None) -> dict[str, Any]:
        """``user`` presses the button ``label`` under the message ``sent``.

        The update carries the message as Telegram has it now (edits
        included); ``inaccessible`` gives the short form Telegram sends for
        messages older than 48 hours. ``data`` overrides the button's data.
        """
        message = self.message(sent)
        if data is None:
            matches = [d for text, d in _buttons(message) if text == label]
            if not matches:
                raise AssertionError(f"no button {label!r} under that message")
            data = matches[0]
        update = fixture("callback_query_inaccessible" if inaccessible else "callback_query")
        query = update["callback_query"]
        query["id"] = str(next(self._query_ids))
        query["from"]["id"] = user
        query["data"] = data
        if inaccessible:
            query["message"] = {"chat": message["chat"], "message_id": message["message_id"],
                                "date": 0}
        else:
            query["message"] = message
        with self._lock:
            self._queries[query["id"]] = False
        return self._stamp(update)

    def enqueue(self, *updates: dict[str, Any]) -> None:
        """Make updates available to ``getUpdates``."""
        with self._lock:
            self._pending.extend(copy.deepcopy(list(updates)))

    def redeliver(self, update: dict[str, Any]) -> None:
        """Serve an already confirmed update once more, as after a lost confirmation."""
        with self._lock:
            self._pending.insert(0, dict(copy.deepcopy(update), _again=True))

    # --- reading what happened --------------------------------------------------

    def calls_of(self, method: str, chat: int | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self.calls
                    if c.method == method and (chat is None or c.chat == chat)]

    def sent(self, chat: int) -> list[Call]:
        """Messages the bot got through to ``chat``, in order."""
        with self._lock:
            return [c for c in self.calls
                    if c.method in _SENDS and c.status == 200 and c.chat == chat]

    def message(self, sent: Call) -> dict[str, Any]:
        """The message as it stands now (after any edits)."""
        result = sent.result
        assert isinstance(result, dict)
        with self._lock:
            return copy.deepcopy(self._messages[(result["chat"]["id"], result["message_id"])])

    def pending_updates(self) -> int:
        with self._lock:
            return len(self._pending)

    # --- the HTTP side ----------------------------------------------------------

    async def _endpoint(self, request: Request) -> JSONResponse:
        if request.path_params["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.path_params["method"]
        arrived = time.monotonic()
        params, files = await _params(request)
        with self._lock:
            self.arrived.append(method)
            delay = self._delays.get(method, 0.0)
        if delay:
            await asyncio.sleep(delay)
        outage = self._outage
        if method != "getUpdates" and outage is not None and time.monotonic() < outage[1]:
            status, payload = _outage_answer(outage[0], outage[2])
        elif method == "getUpdates":
            with self._lock:
                failure = self._take_failure(method, params)
            status, payload = failure or await self._get_updates(params)
        else:
            with self._lock:
                status, payload = self._dispatch(method, params, files)
        with self._lock:
            self.calls.append(Call(method, params, arrived, status, files,
                                   payload.get("result")))
        return JSONResponse(payload, status_code=status)

    async def _get_updates(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Unconfirmed updates from ``offset`` on; a later offset confirms (drops) them."""
        offset = params.get("offset")
        if offset is not None:
            with self._lock:
                self.confirmed_before = max(self.confirmed_before, int(offset))
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while True:
            with self._lock:
                if offset is not None:
                    self._pending = [u for u in self._pending
                                     if u["update_id"] >= offset or u.get("_again")]
                ready = self._pending[:100]
                for update in ready:
                    update.pop("_again", None)
                if ready:
                    return 200, {"ok": True, "result": copy.deepcopy(ready)}
            if self._closing or time.monotonic() >= deadline:
                return 200, {"ok": True, "result": []}
            await asyncio.sleep(0.01)

    def _dispatch(self, method: str, params: dict[str, Any],
                  files: dict[str, bytes]) -> tuple[int, dict[str, Any]]:
        failure = self._take_failure(method, params)
        if failure is not None:
            return failure
        handler: Callable[[dict[str, Any], dict[str, bytes]], Any] | None = {
            "getMe": lambda p, f: BOT_USER,
            "logOut": lambda p, f: True,
            "close": lambda p, f: True,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": lambda p, f: {"url": self.webhook.get("url", ""),
                                            "has_custom_certificate": False,
                                            "pending_update_count": len(self._pending)},
            "setMyCommands": self._set_my_commands,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "editMessageText": self._edit_text,
            "editMessageCaption": self._edit_caption,
            "editMessageReplyMarkup": self._edit_markup,
            "answerCallbackQuery": self._answer_callback_query,
        }.get(method)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        try:
            return 200, {"ok": True, "result": handler(params, files)}
        except _ApiError as error:
            return error.status, {"ok": False, "error_code": error.status,
                                  "description": error.description}

    def _take_failure(self, method: str,
                      params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        if method in _SENDS and params.get("chat_id") is not None \
                and int(params["chat_id"]) in self.blocked:
            return 403, {"ok": False, "error_code": 403,
                         "description": "Forbidden: bot was blocked by the user"}
        for failure in self._failures:
            if failure.chat is not None and str(params.get("chat_id")) != str(failure.chat):
                continue
            if failure.method == method and failure.times > 0:
                if failure.after > 0:
                    failure.after -= 1
                    continue
                failure.times -= 1
                payload: dict[str, Any] = {"ok": False, "error_code": failure.status,
                                           "description": failure.description}
                if failure.retry_after is not None:
                    payload["parameters"] = {"retry_after": failure.retry_after}
                return failure.status, payload
        return None

    # --- methods ----------------------------------------------------------------

    def _set_webhook(self, params: dict[str, Any], _: dict[str, bytes]) -> bool:
        secret = params.get("secret_token", "")
        if secret and not all(c.isalnum() or c in "_-" for c in secret):
            raise _ApiError(400, "Bad Request: secret token contains unallowed characters")
        self.webhook = dict(params)
        return True

    def _delete_webhook(self, params: dict[str, Any], _: dict[str, bytes]) -> bool:
        self.webhook = {}
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _set_my_commands(self, params: dict[str, Any], _: dict[str, bytes]) -> bool:
        commands = params.get("commands") or []
        for command in commands:
            name, description = command.get("command", ""), command.get("description", "")
            if not (1 <= len(name) <= 32 and name == name.lower()
                    and all(c.isalnum() or c == "_" for c in name)):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise _ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands = list(commands)
        return True

    def _send_message(self, params: dict[str, Any], _: dict[str, bytes]) -> dict[str, Any]:
        text, entities = _parse(str(params.get("text", "")), params.get("parse_mode"))
        if not text.strip():
            raise _ApiError(400, "Bad Request: message text is empty")
        if _units(text) > 4096:
            raise _ApiError(400, "Bad Request: message is too long")
        message = self._new_message(params)
        message["text"] = text
        if entities:
            message["entities"] = entities
        return self._store(message, params)

    def _send_photo(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        photo = files.get("photo")
        if not photo:
            raise _ApiError(400, "Bad Request: there is no photo in the request")
        message = self._new_message(params)
        message["photo"] = [{"file_id": f"AgAC{len(photo)}", "file_unique_id": "AQAD",
                             "file_size": len(photo), "width": 640, "height": 480}]
        self._caption(message, params)
        return self._store(message, params)

    def _send_document(self, params: dict[str, Any],
                       files: dict[str, bytes]) -> dict[str, Any]:
        document = files.get("document")
        if not document:
            raise _ApiError(400, "Bad Request: there is no document in the request")
        message = self._new_message(params)
        name = params.get("_filenames", {}).get("document", "document")
        message["document"] = {"file_id": f"BQAC{len(document)}", "file_unique_id": "AgAD",
                               "file_name": name, "file_size": len(document)}
        self._caption(message, params)
        return self._store(message, params)

    def _caption(self, message: dict[str, Any], params: dict[str, Any]) -> None:
        if params.get("caption"):
            caption, entities = _parse(str(params["caption"]), params.get("parse_mode"))
            if _units(caption) > 1024:
                raise _ApiError(400, "Bad Request: message caption is too long")
            message["caption"] = caption
            if entities:
                message["caption_entities"] = entities

    def _edit_text(self, params: dict[str, Any], _: dict[str, bytes]) -> dict[str, Any]:
        message = self._find(params)
        if "text" not in message:
            raise _ApiError(400, "Bad Request: there is no text in the message to edit")
        text, entities = _parse(str(params.get("text", "")), params.get("parse_mode"))
        if _units(text) > 4096:
            raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        markup = _markup(params)
        if text == message["text"] and entities == message.get("entities", []) \
                and markup == message.get("reply_markup"):
            raise _ApiError(400, _NOT_MODIFIED)
        message["text"] = text
        message["entities"] = entities
        return self._update_markup(message, markup)

    def _edit_caption(self, params: dict[str, Any], _: dict[str, bytes]) -> dict[str, Any]:
        message = self._find(params)
        caption, entities = _parse(str(params.get("caption", "")), params.get("parse_mode"))
        markup = _markup(params)
        if caption == message.get("caption") and markup == message.get("reply_markup"):
            raise _ApiError(400, _NOT_MODIFIED)
        message["caption"] = caption
        message["caption_entities"] = entities
        return self._update_markup(message, markup)

    def _edit_markup(self, params: dict[str, Any], _: dict[str, bytes]) -> dict[str, Any]:
        message = self._find(params)
        markup = _markup(params)
        if markup == message.get("reply_markup"):
            raise _ApiError(400, _NOT_MODIFIED)
        return self._update_markup(message, markup)

    def _answer_callback_query(self, params: dict[str, Any], _: dict[str, bytes]) -> bool:
        query = str(params.get("callback_query_id", ""))
        if self._queries.get(query, True):
            raise _ApiError(400, "Bad Request: query is too old and response timeout expired "
                                 "or query ID is invalid")
        self._queries[query] = True
        return True

    # --- message store ----------------------------------------------------------

    def _new_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = int(params["chat_id"])
        return {"message_id": next(self._message_ids), "from": BOT_USER,
                "chat": {"id": chat, "first_name": "Alice", "type": "private"},
                "date": int(time.time())}

    def _store(self, message: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
        markup = _markup(params)
        if markup is not None:
            message["reply_markup"] = markup
        self._messages[(message["chat"]["id"], message["message_id"])] = message
        return copy.deepcopy(message)

    def _find(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params.get("chat_id", 0)), int(params.get("message_id", 0)))
        if key not in self._messages:
            raise _ApiError(400, "Bad Request: message to edit not found")
        return self._messages[key]

    def _update_markup(self, message: dict[str, Any],
                       markup: dict[str, Any] | None) -> dict[str, Any]:
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    # --- helpers ------------------------------------------------------------------

    def _personalise(self, message: dict[str, Any], user: int, name: str) -> None:
        message["from"]["id"] = user
        message["from"]["first_name"] = name
        if message["chat"]["type"] == "private":
            message["chat"]["id"] = user
            message["chat"]["first_name"] = name
        message["message_id"] = next(self._message_ids)
        message["date"] = int(time.time())

    def _stamp(self, update: dict[str, Any]) -> dict[str, Any]:
        update["update_id"] = next(self._update_ids)
        return update


_NOT_MODIFIED = ("Bad Request: message is not modified: specified new message content and "
                 "reply markup are exactly the same as a current content and reply markup "
                 "of the message")


class _ApiError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _error(status: int, description: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error_code": status, "description": description},
                        status_code=status)


async def _params(request: Request) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Form (url-encoded or multipart) or JSON body, values decoded as PTB encoded them."""
    params: dict[str, Any] = dict(request.query_params)
    files: dict[str, bytes] = {}
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        body = await request.body()
        params.update(json.loads(body) if body else {})
        return params, files
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        async with request.form() as form:
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    files[key] = await value.read()
                    params.setdefault("_filenames", {})[key] = value.filename or ""
                else:
                    params[key] = value
    for key, value in list(params.items()):
        if key not in _STRINGS and isinstance(value, str):  # _filenames is a dict
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
    return params, files


def _markup(params: dict[str, Any]) -> dict[str, Any] | None:
    markup = params.get("reply_markup")
    if not markup:
        return None
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if not button.get("text"):
                raise _ApiError(400, "Bad Request: text buttons are unallowed in the inline "
                                     "keyboard")
    return dict(markup)


def _buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    markup = message.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", [])
            for b in row]


def _visible(message: dict[str, Any]) -> str:
    return str(message.get("text") or message.get("caption") or "")


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


_TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
         "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
         "del": "strikethrough", "code": "code", "pre": "pre", "a": "text_link",
         "tg-spoiler": "spoiler", "blockquote": "blockquote"}


class _TelegramHtml(HTMLParser):
    """Telegram's HTML subset: text plus entities, refusing what Telegram refuses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.entities: list[dict[str, Any]] = []
        self._open: list[tuple[str, int, dict[str, Any]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _TAGS:
            raise _ApiError(400, f"Bad Request: can't parse entities: Unsupported start tag "
                                 f"\"{tag}\" at byte offset {len(self.text)}")
        extra: dict[str, Any] = {}
        if tag == "a":
            extra["url"] = dict(attrs).get("href") or ""
        self._open.append((tag, _units(self.text), extra))

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1][0] != tag:
            raise _ApiError(400, f"Bad Request: can't parse entities: Unexpected end tag "
                                 f"\"{tag}\"")
        _, start, extra = self._open.pop()
        length = _units(self.text) - start
        if length:
            self.entities.append({"offset": start, "length": length, "type": _TAGS[tag],
                                  **extra})

    def handle_data(self, data: str) -> None:
        self.text += data

    def close(self) -> None:
        super().close()
        if self._open:
            raise _ApiError(400, "Bad Request: can't parse entities: Can't find end tag "
                                 f"corresponding to start tag \"{self._open[-1][0]}\"")


def _parse(text: str, parse_mode: Any) -> tuple[str, list[dict[str, Any]]]:
    if parse_mode != "HTML":
        return text, []
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return parser.text, entities


def _outage_answer(status: int, retry_after: int) -> tuple[int, dict[str, Any]]:
    if status == 429:
        return 429, {"ok": False, "error_code": 429,
                     "description": f"Too Many Requests: retry after {retry_after}",
                     "parameters": {"retry_after": retry_after}}
    return status, {"ok": False, "error_code": status, "description": "Internal Server Error"}


@contextlib.contextmanager
def served() -> Iterator[FakeTelegram]:
    """A fake Bot API served on 127.0.0.1 (``fake.url``) until the block ends."""
    fake = FakeTelegram()
    server = LocalServer(fake.app)
    fake.url = server.url
    server.start()
    try:
        yield fake
    finally:
        fake.close()
        server.stop()


def settings_for(fake: FakeTelegram, **overrides: Any) -> Settings:
    """Settings pointing the bot at ``fake``; no real limits (tests of them set their own)."""
    values: dict[str, Any] = {
        "telegram_bot_token": TOKEN,
        "telegram_webhook_secret": WEBHOOK_SECRET,
        "telegram_api_url": f"{fake.url}/bot",
        "telegram_file_url": f"{fake.url}/file/bot",
        "telegram_rate_per_chat": 1000.0,
        "telegram_rate_global": 1000.0,
        "telegram_poll_timeout": 1,
        "slack_bot_token": None,
        "worker_interval_seconds": 0.2,
    }
    values.update(overrides)
    return Settings(**values)
