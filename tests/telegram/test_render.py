"""From a neutral message to Telegram calls: HTML, alert headings, splitting, keyboards."""

from __future__ import annotations

import pytest

from bot.telegram.render import (
    ALERT_HEADINGS,
    MAX_CAPTION,
    MAX_TEXT,
    DocumentPart,
    PhotoPart,
    TextPart,
    render,
    split,
    units,
)
from core.messages import Alert, Choice, Document, Image, OutgoingMessage
from flows import texts

YES_NO = (Choice("yes", "Yes"), Choice("no", "No"))


def only_text(message: OutgoingMessage) -> TextPart:
    parts = render(message)
    assert len(parts) == 1
    assert isinstance(parts[0], TextPart)
    return parts[0]


def test_markup_characters_in_texts_are_escaped() -> None:
    part = only_text(OutgoingMessage("Use <b>heat</b> & rest; 3 < 5 > 2"))
    assert part.html == "Use &lt;b&gt;heat&lt;/b&gt; &amp; rest; 3 &lt; 5 &gt; 2"


@pytest.mark.parametrize("alert", list(Alert))
def test_an_alert_opens_with_a_bold_heading_saying_what_to_do(alert: Alert) -> None:
    part = only_text(OutgoingMessage("Details <here> & there", alert=alert))
    heading = ALERT_HEADINGS[alert]
    assert part.html == f"<b>{heading}</b>\n\nDetails &lt;here&gt; &amp; there"


def test_the_emergency_heading_tells_to_go_to_an_emergency_department() -> None:
    assert ALERT_HEADINGS[Alert.EMERGENCY] == "🚨 Emergency — go to an emergency department now"


def test_choices_become_an_inline_keyboard_carrying_token_and_id() -> None:
    part = only_text(OutgoingMessage("Agree?", choices=YES_NO, reply_token="12"))
    assert part.keyboard is not None
    buttons = [(b.text, b.callback_data) for row in part.keyboard.inline_keyboard for b in row]
    assert buttons == [("Yes", "12|yes"), ("No", "12|no")]


def test_short_labels_share_a_row_and_long_ones_get_their_own() -> None:
    choices = (Choice("a", "Yes"), Choice("b", "No"), Choice("c", "Not sure"),
               Choice("d", "Yes, I've been examined by a doctor"), Choice("e", "Not yet"))
    part = only_text(OutgoingMessage("?", choices=choices, reply_token="1"))
    assert part.keyboard is not None
    rows = [[b.text for b in row] for row in part.keyboard.inline_keyboard]
    assert rows == [["Yes", "No", "Not sure"], ["Yes, I've been examined by a doctor"],
                    ["Not yet"]]


def test_a_message_with_buttons_but_no_text_still_says_something() -> None:
    part = only_text(OutgoingMessage("", choices=YES_NO, reply_token="1"))
    assert part.html == texts.common.PICK_ONE
    assert part.keyboard is not None


def test_nothing_to_show_means_no_calls() -> None:
    assert render(OutgoingMessage("  ")) == ()


def test_a_long_text_is_split_on_paragraphs_with_the_keyboard_on_the_last_part() -> None:
    paragraphs = [f"Paragraph {n}: " + "word " * 300 for n in range(12)]
    message = OutgoingMessage("\n\n".join(paragraphs), choices=YES_NO, reply_token="4")
    parts = render(message)
    assert len(parts) > 1
    assert all(isinstance(p, TextPart) and units(p.html) <= MAX_TEXT for p in parts)
    assert [p.keyboard is not None for p in parts] == [False] * (len(parts) - 1) + [True]
    rejoined = "\n\n".join(p.html for p in parts if isinstance(p, TextPart))
    assert rejoined == message.text
    for part in parts:
        assert isinstance(part, TextPart)
        assert part.html.startswith("Paragraph ")  # every cut is at a paragraph boundary


def test_the_limit_counts_the_visible_text_not_the_escaped_markup() -> None:
    text = "&" * MAX_TEXT  # 4096 visible characters, 20480 once escaped
    assert len(render(OutgoingMessage(text))) == 1


def test_the_limit_counts_utf16_units_like_telegram() -> None:
    text = "🙂" * MAX_TEXT  # each emoji is two UTF-16 units
    parts = split(text, MAX_TEXT)
    assert [units(p) for p in parts] == [MAX_TEXT, MAX_TEXT]
    assert "".join(parts) == text


def test_a_single_paragraph_is_split_on_lines_then_words() -> None:
    lines = "\n".join("line " * 50 for _ in range(40))
    for piece in split(lines, 1000):
        assert units(piece) <= 1000
        assert piece.startswith("line")
    words = "word " * 1000
    pieces = split(words, 1000)
    assert all(units(p) <= 1000 and not p.startswith(" ") for p in pieces)
    assert " ".join(pieces).split() == words.split()


def test_an_alert_heading_stays_on_the_first_part_only() -> None:
    body = "\n\n".join("x" * 3000 for _ in range(3))
    parts = render(OutgoingMessage(body, alert=Alert.EMERGENCY))
    html = [p.html for p in parts if isinstance(p, TextPart)]
    assert html[0].startswith(f"<b>{ALERT_HEADINGS[Alert.EMERGENCY]}</b>\n\n")
    assert not any("<b>" in h for h in html[1:])


def test_an_image_is_a_photo_captioned_with_its_alt_text_after_the_text() -> None:
    image = Image(b"\x89PNG fake", alt="Pain scores <falling> & steady")
    parts = render(OutgoingMessage("Your week", choices=YES_NO, reply_token="2", image=image))
    assert [type(p) for p in parts] == [TextPart, PhotoPart]
    photo = parts[1]
    assert isinstance(photo, PhotoPart)
    assert photo.data == image.data
    assert photo.caption_html == "Pain scores &lt;falling&gt; &amp; steady"
    assert photo.keyboard is not None


def test_alt_text_over_the_caption_limit_continues_in_a_following_message() -> None:
    alt = " ".join(f"point{n}" for n in range(400))  # about 3000 characters
    parts = render(OutgoingMessage("", image=Image(b"png", alt=alt)))
    photo, *rest = parts
    assert isinstance(photo, PhotoPart)
    assert units(photo.caption_html) <= MAX_CAPTION
    assert rest
    assert all(isinstance(p, TextPart) for p in rest)
    shown = [photo.caption_html] + [p.html for p in rest if isinstance(p, TextPart)]
    assert " ".join(shown).split() == alt.split()


def test_documents_follow_the_text_each_captioned_with_its_title() -> None:
    files = (Document(b"{}", "data.json", "Your data <JSON>", "application/json"),
             Document(b"a,b", "data.csv", "Your data (CSV)", "text/csv"))
    parts = render(OutgoingMessage("Here you are", documents=files))
    assert [type(p) for p in parts] == [TextPart, DocumentPart, DocumentPart]
    first, second = parts[1], parts[2]
    assert isinstance(first, DocumentPart)
    assert isinstance(second, DocumentPart)
    assert (first.filename, first.data, first.caption_html) == (
        "data.json", b"{}", "Your data &lt;JSON&gt;")
    assert second.filename == "data.csv"
