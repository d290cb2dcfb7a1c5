"""Charts and files in Telegram: /progress sends a photo, /export two documents, /delete erases.

Real python-telegram-bot against the fake Bot API, the real engine on SQLite
and PostgreSQL.
"""

from __future__ import annotations

import io
import json
from datetime import timedelta

from PIL import Image as Picture

from bot.clock import ManualClock
from bot.runtime import Runtime
from fakes.telegram import FakeTelegram
from flows import texts
from tests.stored import traces
from tests.telegram.driver import Person, TelegramDriver


async def check_in(alice: Person, runtime: Runtime, before: int, after: int) -> None:
    """A day later, a whole check-in by buttons."""
    assert isinstance(runtime.clock, ManualClock)
    runtime.clock.advance(timedelta(days=1))
    await alice.says("/checkin")
    await alice.says(str(before))
    await alice.presses("No")
    for _ in range(3):
        await alice.presses("Done")
    await alice.says(str(after))


async def test_progress_sends_the_summary_and_the_chart_as_a_photo(
        telegram_bot: TelegramDriver, telegram_runtime: Runtime) -> None:
    alice = telegram_bot.person()
    await alice.onboards()
    for before, after in ((5, 5), (5, 4), (4, 3)):
        await check_in(alice, telegram_runtime, before, after)

    shown = await alice.says("/progress")

    assert shown.has("Check-ins: 3")
    (photo,) = [c for c in shown if c.method == "sendPhoto"]
    assert shown.index(photo) == 1  # right after the summary
    picture = Picture.open(io.BytesIO(photo.files["photo"]))
    assert picture.format == "PNG"
    assert picture.size == (1000, 880)
    assert photo.text.startswith("Leg pain at 3 check-ins, from day 1 to day 3 of the programme")


async def test_export_sends_a_summary_page_the_check_ins_as_csv_and_all_data_as_json(
        telegram_bot_polling: TelegramDriver, telegram_runtime: Runtime) -> None:
    alice = telegram_bot_polling.person()
    await alice.onboards()
    await check_in(alice, telegram_runtime, 5, 4)

    sent = await alice.says("/export")

    assert sent.has(texts.data.EXPORT_READY)
    documents = [c for c in sent if c.method == "sendDocument"]
    names = [d.params["_filenames"]["document"] for d in documents]
    assert [n.rsplit(".", 1)[1] for n in names] == ["html", "csv", "json"]
    page, checkins, everything = (d.files["document"] for d in documents)
    assert "<h2>Check-ins</h2>" in page.decode()
    assert checkins.decode("utf-8-sig").splitlines()[1].split(",")[3:5] == ["5", "4"]
    (identity,) = json.loads(everything)["tables"]["identities"]
    assert identity["platform_user"] == str(alice.user)


async def test_delete_by_button_erases_the_person_and_hello_starts_over(
        telegram_bot_polling: TelegramDriver, telegram_runtime: Runtime,
        fake_telegram: FakeTelegram) -> None:
    alice = telegram_bot_polling.person()
    await alice.onboards()
    await check_in(alice, telegram_runtime, 5, 4)
    asked = await alice.says("/delete")
    assert asked.labels == [texts.data.ERASE_YES, texts.data.ERASE_NO]

    done = await alice.presses(texts.data.ERASE_YES)

    assert done.has(texts.data.ERASED)
    assert traces(telegram_runtime.db, -1, [str(alice.user)]) == {}
    welcome = await alice.says("hello")
    assert welcome.labels == ["Let's start"]
