"""Security at the engine: people's data stays theirs, logs stay clean, secrets stay out of git.

Two people share one database: whatever Bob types or presses (every
command, Alice's reply token, her invite code, a choice from her question)
leaves every row of Alice's as it was and tells Bob nothing of hers. A
realistic session logged as the deployed bot logs, with every library at
DEBUG, writes none of the free text, names or secrets. The tracked files
hold no token-like string. Runs on SQLite and PostgreSQL.

The same session through the real Telegram and Slack adapters is in
``tests/telegram/test_security.py`` and ``tests/slack/test_security.py``.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from bot.attachments import Attachments
from bot.logs import REDACTED, JsonFormatter, LibraryFilter, Redactor, TextFormatter, secrets_of
from bot.settings import Settings
from core.messages import Attachment
from fakes.harness import PLATFORM, ChatHarness, Replies
from storage import invites
from tests.logcapture import production_logging
from tests.stored import traces, user_id_of

ROOT = Path(__file__).resolve().parent.parent
ALICE, BOB = "alice-7f3k", "bob-2q9z"
ALICE_LABEL = "Zelda Quokka-Marsh"
ALICE_ZONE, ALICE_TIME = "Pacific/Chatham", "06:17"
#: What Bob must never be told: Alice's account, name, time zone and reminder time.
ALICES_FACTS = (ALICE, ALICE_LABEL, "Chatham", ALICE_TIME)
PAIN_BEFORE, PAIN_AFTER = "7/10", "3/10"
EMERGENCY = "since the horse ride my groin feels numb when I wipe"


def references(user: str) -> list[str]:
    return [user, f"chat-{user}"]


def checkin_typed(bot: ChatHarness, before: str, after: str, user: str) -> Replies:
    """A whole check-in with the pain scores typed as people type them."""
    bot.say("/checkin", user)
    bot.say(before, user)
    replies = bot.press("no", user)
    if "go_on" in replies.choices:
        replies = bot.press("go_on", user)
    if "yes" in replies.choices and replies.has("tensioner"):
        bot.press("no", user)
    for _exercise in range(3):
        bot.press("done", user)
    return bot.say(after, user)


@pytest.fixture
def alices_code(bot: ChatHarness, clinic_id: int) -> str:
    """The invite Alice used: it names her, and it is spent."""
    return invites.create(bot.db, clinic_id, bot.clock.now(), timedelta(days=7),
                          label=ALICE_LABEL)


@pytest.fixture
def alice_and_bob(bot: ChatHarness, alices_code: str) -> ChatHarness:
    """Alice (Chatham, 06:17, two check-ins, sharing under her name) and Bob (Berlin), set up."""
    bot.onboard(ALICE, zone=ALICE_ZONE, remind=ALICE_TIME)
    checkin_typed(bot, PAIN_BEFORE, PAIN_AFTER, ALICE)
    bot.say(f"/join {alices_code}", ALICE)
    bot.press("yes", ALICE)
    bot.onboard(BOB)
    bot.checkin(5, 4, BOB)
    return bot


def alices_rows(bot: ChatHarness) -> dict[str, list[dict[str, object]]]:
    return traces(bot.db, user_id_of(bot.db, PLATFORM, ALICE), references(ALICE))


BOBS_COMMANDS = ["/export", "/progress", "/review", "/reminders", "/sharing", "/clinic",
                 "/clinic leave", "/clinic leave physio", "/timezone Europe/Paris",
                 "/remind 10:00", "/pause 3", "/stop", "/resume", "/menu", "/restart",
                 "/checkin", "/exercises", "/help", "/tips", "/delete"]


@pytest.mark.parametrize("command", BOBS_COMMANDS)
def test_bobs_commands_leave_every_row_of_alice_as_it_was(alice_and_bob: ChatHarness,
                                                           command: str) -> None:
    bot = alice_and_bob
    before = alices_rows(bot)

    bot.say(command, BOB)
    if command == "/delete":
        bot.press("erase", BOB)

    assert alices_rows(bot) == before


@pytest.mark.parametrize("command", BOBS_COMMANDS)
def test_bobs_commands_tell_him_nothing_of_alice(alice_and_bob: ChatHarness,
                                                 command: str) -> None:
    bot = alice_and_bob

    replies = bot.say(command, BOB)

    shown = replies.text + "".join(str(c) for m in replies for c in m.choices)
    assert [fact for fact in ALICES_FACTS if fact in shown] == []


def test_bobs_export_holds_nothing_of_alice(alice_and_bob: ChatHarness) -> None:
    bot = alice_and_bob
    [request] = [m for m in bot.say("/export", BOB) if m.attachment is Attachment.DATA_EXPORT]

    sent = Attachments(bot.db, bot.clock).resolve(user_id_of(bot.db, PLATFORM, BOB), request)

    for document in sent.documents:
        data = document.data.decode("utf-8-sig")
        assert [fact for fact in ALICES_FACTS if fact in data] == []
    assert BOB in sent.documents[-1].data.decode()  # the complete copy names his account


def test_bob_using_alices_spent_invite_is_refused_and_she_keeps_sharing(
        alice_and_bob: ChatHarness, alices_code: str) -> None:
    bot = alice_and_bob
    before = alices_rows(bot)

    refused = bot.say(f"/join {alices_code}", BOB)

    assert refused.has("already been used")
    assert not refused.has(ALICE_LABEL)
    assert alices_rows(bot) == before
    assert bot.context(BOB).clinics == {}


def test_a_press_with_alices_reply_token_answers_only_bobs_own_question(
        alice_and_bob: ChatHarness) -> None:
    bot = alice_and_bob
    alices_question = bot.say("/delete", ALICE)
    before = alices_rows(bot)

    bot.press("erase", BOB, token=alices_question.token)

    assert alices_rows(bot) == before
    assert bot.position(ALICE) == "erase.confirm"
    assert bot.context(BOB).programme.checkins == 1  # Bob was not erased either


def test_choices_of_alices_question_pressed_by_bob_change_only_bob(
        alice_and_bob: ChatHarness) -> None:
    bot = alice_and_bob
    asked = bot.say("/sharing", ALICE)
    before = alices_rows(bot)

    for choice in asked.choices:
        bot.press(choice, BOB)

    assert alices_rows(bot) == before
    assert bot.context(ALICE).clinics  # still linked to her clinic


# --- logs: what the deployed bot writes ---------------------------------------------------


def test_a_whole_session_logged_at_debug_writes_no_free_text_name_or_key(
        bot: ChatHarness, alices_code: str, encryption_key: str) -> None:
    with production_logging([encryption_key]) as logs:
        bot.onboard(ALICE)
        checkin_typed(bot, PAIN_BEFORE, PAIN_AFTER, ALICE)
        bot.say(f"/join {alices_code}", ALICE)
        bot.press("yes", ALICE)
        bot.say(EMERGENCY, ALICE)
        [request] = [m for m in bot.say("/export", ALICE)
                     if m.attachment is Attachment.DATA_EXPORT]
        Attachments(bot.db, bot.clock).resolve(user_id_of(bot.db, PLATFORM, ALICE), request)
        logging.getLogger("bot").info("end of session")

    assert "end of session" in logs.written.getvalue()  # the capture works
    assert logs.made_by("transitions")  # libraries did log, at DEBUG and INFO
    assert not [r for r in logs.passed if r.name.startswith("transitions")]
    needles = [PAIN_BEFORE, PAIN_AFTER, EMERGENCY, "groin", ALICE_LABEL, alices_code,
               encryption_key]
    assert logs.leaked(needles) == []


def test_a_failing_flow_logs_its_type_and_stack_but_never_the_text_it_failed_on(
        bot: ChatHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    bot.say("hi")

    def broken(_conversation: object, *, text: str | None = None, **_: object) -> None:
        inner, outer = f"no reader for {text!r}", f"could not handle {text!r}"
        try:
            raise KeyError(inner)
        except KeyError as error:
            raise ValueError(outer) from error

    monkeypatch.setattr("bot.engine.run_turn", broken)
    with production_logging([]) as logs:
        replies = bot.say("my secret diary: pain 7/10 since the horse ride")

    assert replies.has("went wrong on my side")
    written = logs.written.getvalue()
    assert "Traceback (most recent call last)" in written
    assert "ValueError (message not logged)" in written
    assert "KeyError (message not logged)" in written
    assert "direct cause" in written
    assert logs.leaked(["secret diary", "horse ride", "7/10"]) == []


def test_an_exception_text_repeated_in_a_library_message_is_cut_out() -> None:
    with production_logging([]) as logs:
        statement = "INSERT ... [parameters: ('my groin is numb',)]"
        try:
            raise RuntimeError(statement)
        except RuntimeError as error:
            logging.getLogger("slack_bolt.sciatica").exception(
                f"Failed to run listener function (error: {error})")

    assert "Failed to run listener function" in logs.written.getvalue()
    assert "<RuntimeError message not logged>" in logs.written.getvalue()
    assert logs.leaked(["my groin is numb"]) == []


def test_a_secret_in_a_library_warning_is_redacted() -> None:
    token = "7000000001:AAF4k3-t0k3n-for-tests_only"
    with production_logging([token]) as logs:
        logging.getLogger("httpx").warning("POST https://api.telegram.org/bot%s/getMe failed",
                                           token)

    assert f"/bot{REDACTED}/getMe" in logs.written.getvalue()
    assert token not in logs.written.getvalue()


def test_library_debug_and_info_are_not_written_but_the_projects_are() -> None:
    with production_logging([]) as logs:
        for name in ("httpx", "telegram.ext", "sqlalchemy.engine.Engine", "slack_bolt",
                     "some.new.library"):
            logging.getLogger(name).info("library says %s", name)
            logging.getLogger(name).debug("library says %s", name)
        logging.getLogger("bot.engine").debug("the project says so")
        logging.getLogger("uvicorn.error").info("Uvicorn running")

    written = logs.written.getvalue()
    assert "library says" not in written
    assert "the project says so" in written
    assert "Uvicorn running" in written


def test_the_text_format_leaves_exception_messages_out_too() -> None:
    formatter = TextFormatter(Redactor(["s3cr3t-value"]))
    message = "pain 7/10, token s3cr3t-value"
    try:
        raise ValueError(message)
    except ValueError:
        record = logging.LogRecord("bot.engine", logging.ERROR, __file__, 1,
                                   "failed with s3cr3t-value", (), sys.exc_info())
    line = formatter.format(record)

    assert "ValueError (message not logged)" in line
    assert "7/10" not in line
    assert "s3cr3t-value" not in line
    assert REDACTED in line


def test_the_filter_and_formatters_are_what_configure_installs() -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        from bot.logs import configure

        for fmt, kind in (("json", JsonFormatter), ("text", TextFormatter)):
            configure("INFO", fmt, ["x" * 10])
            [handler] = root.handlers
            assert isinstance(handler.formatter, kind)
            assert any(isinstance(f, LibraryFilter) for f in handler.filters)
    finally:
        root.handlers[:], root.level = saved


def test_every_secret_setting_is_kept_out_of_the_logs() -> None:
    key = Fernet.generate_key().decode()
    old_key = Fernet.generate_key().decode()
    settings = Settings(
        database_url="postgresql://bot:db-pa55word@127.0.0.1:5432/bot",
        telegram_bot_token=SecretStr("7000000001:AAF4k3-t0k3n-for-tests_only"),
        telegram_webhook_secret=SecretStr("hook-secret_0123456789"),
        slack_bot_token=SecretStr("xoxb-test-token"),
        slack_app_token=SecretStr("xapp-test-token"),
        slack_signing_secret=SecretStr("8f742231b10e8888abcd99yyyzzz85a5"),
        data_encryption_key=SecretStr(f"{key},{old_key}"),
    )

    found = secrets_of(settings)

    assert set(found) >= {"7000000001:AAF4k3-t0k3n-for-tests_only", "AAF4k3-t0k3n-for-tests_only",
                          "hook-secret_0123456789", "xoxb-test-token", "xapp-test-token",
                          "8f742231b10e8888abcd99yyyzzz85a5", key, old_key, "db-pa55word"}


def test_secrets_have_no_default_and_come_from_the_environment_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "SLACK_BOT_TOKEN",
                 "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DATA_ENCRYPTION_KEY"):
        monkeypatch.delenv(name, raising=False)
    assert secrets_of(Settings(database_url="sqlite://")) == []
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "from-the-environment")
    assert secrets_of(Settings(database_url="sqlite://")) == ["from-the-environment"]


# --- no secrets in the repository --------------------------------------------------------

#: Token shapes: Slack's bot/user/app tokens, Telegram bot tokens, private keys.
TOKEN_SHAPES = {
    "slack token": re.compile(r"\bxox[abposr]-\d{6,}-[0-9A-Za-z-]{6,}"),
    "slack app token": re.compile(r"\bxapp-\d+-[A-Z0-9]{6,}-\d+-[0-9a-f]{16,}"),
    "telegram bot token": re.compile(r"\b\d{8,10}:[A-Za-z0-9_-]{35}\b"),
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
}
#: Where obviously fake credentials may live: the fake platform servers' fixtures.
FIXTURES = ("fakes/", "tests/fixtures/")
FAKE_WORDS = ("test", "fake", "example", "dummy")


def tracked_files() -> list[Path]:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run([git, "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode()
    return [ROOT / name for name in listed.split("\0") if name]


def token_like(text: str) -> Iterator[tuple[str, str]]:
    for kind, shape in TOKEN_SHAPES.items():
        for match in shape.finditer(text):
            yield kind, match.group(0)


def test_no_tracked_file_holds_a_token_like_string() -> None:
    found = []
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        relative = path.relative_to(ROOT).as_posix()
        for kind, value in token_like(text):
            fake = relative.startswith(FIXTURES) and any(w in value.lower() for w in FAKE_WORDS)
            if not fake:
                found.append(f"{relative}: {kind} {value[:12]}...")
    assert found == []


def test_no_environment_file_is_tracked() -> None:
    names = [p.name for p in tracked_files()]
    assert [n for n in names if n == ".env" or n.startswith(".env.")] == []


@pytest.mark.parametrize("value", [
    "xoxb-" + "1234567890-1234567890123-" + "AbCdEfGhIjKlMnOpQrStUvWx",
    "xapp-1-" + "A0123456789-1234567890123-" + "0123456789abcdef0123456789abcdef",
    "123456789:" + "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_",
    "-----BEGIN " + "PRIVATE KEY-----",
], ids=["slack bot", "slack app", "telegram", "private key"])
def test_the_scan_recognises_real_token_shapes(value: str) -> None:
    assert list(token_like(f"token = '{value}'"))


def test_the_scan_passes_placeholders_and_the_fakes_tokens() -> None:
    placeholders = ("xoxb-… xapp-… xoxb-test-token xapp-1-test "
                    "7000000001:AAF4k3-t0k3n-for-tests_only")
    assert list(token_like(placeholders)) == []


def test_formatters_can_run_without_a_redactor() -> None:
    record = logging.LogRecord("bot", logging.INFO, __file__, 1, "hello %s", ("x",), None)
    assert "hello x" in JsonFormatter().format(record)
    assert TextFormatter().format(record).endswith("bot: hello x")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(LibraryFilter())
    handler.setFormatter(JsonFormatter())
    handler.handle(logging.LogRecord("httpx", logging.INFO, __file__, 1, "GET /", (), None))
    assert stream.getvalue() == ""
