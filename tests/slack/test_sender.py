"""Slack's answers to chat.postMessage, as the outbox needs to know them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery import RetryLater, Undeliverable
from bot.slack.sender import SlackSender
from core.messages import Alert, Choice, Document, Image, OutgoingMessage
from fakes.http import LocalServer
from fakes.slack import FakeSlack

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


@pytest.fixture
def fake() -> FakeSlack:
    return FakeSlack()


@pytest.fixture
def sender(fake: FakeSlack) -> Iterator[SlackSender]:
    with LocalServer(fake.app) as server:
        yield SlackSender(AsyncWebClient(token="xoxb-test", base_url=f"{server.url}/api/"))


async def test_a_message_is_posted_with_its_buttons(sender: SlackSender, fake: FakeSlack) -> None:
    await sender.send("D0ALICE01", OutgoingMessage(
        "Ready?", choices=(Choice("yes", "Yes"), Choice("no", "No")), reply_token="7"))

    [post] = fake.posts("D0ALICE01")
    assert post.args["text"] == "Ready?"
    assert [b["value"] for b in post.buttons()] == ['{"c":"yes","t":"7"}', '{"c":"no","t":"7"}']


async def test_rate_limit_is_retry_later_with_slacks_retry_after(sender: SlackSender,
                                                                 fake: FakeSlack) -> None:
    fake.fail("chat.postMessage", retry_after=7)

    with pytest.raises(RetryLater) as raised:
        await sender.send("D0ALICE01", OutgoingMessage("hi"))
    assert raised.value.retry_after == 7
    assert raised.value.chat_wide


async def test_a_slack_server_error_is_retry_later(sender: SlackSender, fake: FakeSlack) -> None:
    fake.fail("chat.postMessage", "internal_error", status=500)

    with pytest.raises(RetryLater):
        await sender.send("D0ALICE01", OutgoingMessage("hi"))


@pytest.mark.parametrize("error", ["channel_not_found", "account_inactive", "is_archived"])
async def test_a_person_out_of_reach_is_blocked(sender: SlackSender, fake: FakeSlack,
                                                error: str) -> None:
    fake.fail("chat.postMessage", error)

    with pytest.raises(Undeliverable) as raised:
        await sender.send("D0ALICE01", OutgoingMessage("hi"))
    assert raised.value.blocked
    assert str(raised.value) == error


async def test_a_refused_message_is_undeliverable_but_not_blocked(sender: SlackSender,
                                                                  fake: FakeSlack) -> None:
    fake.fail("chat.postMessage", "invalid_blocks")

    with pytest.raises(Undeliverable) as raised:
        await sender.send("D0ALICE01", OutgoingMessage("hi"))
    assert not raised.value.blocked


async def test_an_alert_opens_with_a_header(sender: SlackSender, fake: FakeSlack) -> None:
    await sender.send("D0ALICE01", OutgoingMessage("Go now.", alert=Alert.EMERGENCY))

    [post] = fake.posts()
    assert post.blocks()[0] == {"type": "header", "text": {
        "type": "plain_text", "text": "🚨 Emergency: act now", "emoji": True}}


async def test_a_picture_is_uploaded_after_the_text_with_its_alt_text(
        sender: SlackSender, fake: FakeSlack) -> None:
    picture = Image(PNG, alt="Pain falling from 6 to 3")
    await sender.post("C0PHYSIO1", OutgoingMessage("Today's summary", image=picture),
                      thread="1772434800.000001")

    [post] = fake.posts("C0PHYSIO1")
    assert post.args["thread_ts"] == "1772434800.000001"
    [shared] = fake.files("C0PHYSIO1")
    assert (shared["data"], shared["alt_txt"]) == (PNG, "Pain falling from 6 to 3")
    assert shared["thread_ts"] == "1772434800.000001"
    assert [c.method for c in fake.calls] == [
        "chat.postMessage", "files.getUploadURLExternal", "files.completeUploadExternal"]


async def test_documents_are_uploaded_together_with_their_titles(
        sender: SlackSender, fake: FakeSlack) -> None:
    files = (Document(b'{"a": 1}', "data.json", "Your data (JSON)", "application/json"),
             Document(b"a,1\n", "data.csv", "Your data (CSV)", "text/csv"))
    await sender.send("D0ALICE01", OutgoingMessage("Here you are", documents=files))

    shared = fake.files("D0ALICE01")
    assert [(f["name"], f["title"], f["data"]) for f in shared] == [
        ("data.json", "Your data (JSON)", b'{"a": 1}'), ("data.csv", "Your data (CSV)", b"a,1\n")]


async def test_a_failed_upload_is_retried_without_posting_the_text_twice(
        sender: SlackSender, fake: FakeSlack) -> None:
    message = OutgoingMessage("Your chart", image=Image(PNG, alt="chart"))
    fake.fail("files.completeUploadExternal", retry_after=1)

    with pytest.raises(RetryLater):
        await sender.send("D0ALICE01", message)
    await sender.send("D0ALICE01", message)

    assert len(fake.posts("D0ALICE01")) == 1
    assert len(fake.files("D0ALICE01")) == 1
