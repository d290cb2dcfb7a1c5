"""The safety reader on single messages: reports are caught, denials are not.

The lists below were the hand-written detector's tests (its vocabulary); the
reader that replaced it keeps every one of them, and the sentences of
``tests/safety_reader/own_sentences.py`` were written before any detector
pattern was read. The labelled corpus is measured in
``tests/test_safety_corpus.py``.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from core.messages import Alert
from flows.symptoms import Concern, read
from tests.safety_reader import own_sentences

REPORTS = [
    "I can't control my bladder",
    "I cant control my bladder anymore",
    "my groin feels numb",
    "numb down there when I wipe",
    "I wet myself",
    "I wet myself this morning and didn't notice",
    "I peed my pants without feeling it",
    "I've lost control of my bowels",
    "I can't hold my pee",
    "I couldn't start peeing this morning",
    "I can't pee",
    "I haven't peed since yesterday",
    "numbness in my inner thigh and groin",
    "tingling around my anus",
    "pins and needles between my legs",
    "no feeling in my genitals",
    "I can't feel anything when I wipe",
    "when I wipe it feels numb",
    "my saddle area is numb",
    "my privates feel numb",
    "bowel incontinence since Tuesday",
    "I've become incontinent",
    "I soiled myself",
    "I have bladder problems since the pain started",
    "Numbness in the perineum",
    "MY CROTCH IS NUMB",
    "I don't feel when I need to pee",
    "lost the urge to pee",
    "leaking urine",
    "No, I can't control my bladder",
    "no numbness down there but my groin feels numb now",
    "I'm fine otherwise, though my groin is numb",
    # loss of control, said as a noun phrase
    "lost bladder control",
    "I've lost bladder control",
    "loss of bladder control",
    "loss of bowel control",
    "I have no control over my bladder",
    # cannot pass urine
    "I've not been able to pass urine since this morning",
    "I haven't been able to pee since yesterday",
    "i havent peed all day",
    "i cant pee",
    "I didn't pee all day",
    "I try to pee but nothing comes out",
    "my bladder won't empty",
    "I can't seem to wee",
    # incontinence in everyday words
    "my bladder isn't working",
    "my bladder's not right",
    "my waterworks aren't working properly",
    "I'm peeing myself",
    "I can't hold it in",
    "I can't hold it in anymore",
    "can't hold my pee in",
    "I can't hold my wee in",
    "I can't hold my urine in",
    "I can't hold it until I get to the loo",
    "pee just dribbles out",
    "my pee just trickles out",
    "I'm leaking urine",
    "I wee'd myself",
    "I keep wetting myself",
    "I've pooed myself",
    "I wet the bed last night",
    "I've been having accidents",
    "I keep having little accidents",
    "I didn't make it to the toilet",
    "bladder weakness since the pain started",
    "I've got problems with my bladder",
    # lost awareness of the bladder or bowel
    "I don't know when I need to pee anymore",
    "I can't tell when my bladder is full",
    "I can't feel when I need a poo",
    "I can't tell when I need to go",
    "problems with my continence",
    "I don't get the urge to wee",
    # saddle numbness in everyday and clinical words
    "saddle anaesthesia",
    "saddle anesthesia",
    "my butt is numb",
    "numb bum",
    "my bum's gone numb",
    "my bottom feels numb",
    "my backside is numb",
    "my willy is numb",
    "my penis feels numb",
    "tingling in my balls",
    "my bits are numb",
    "my vagina feels numb",
    "no feeling in my fanny",
    "everything down below is numb",
    "numbness where I sit",
    "my groin and inner thighs are numb",
    "numbness and tingling in my groin",
    "I can't feel the toilet paper",
    "can't feel anything down there, nothing at all",
    "numb groin since Monday",
    "it feels like I'm sitting on a saddle",
    "like sitting on a saddle",
    # told across a "but" or an "and"
    "I need to pee but I can't",
    "I feel like I need to pee but can't",
    "my bladder feels full but nothing comes out",
    "nothing happens when I try to pee",
    "I peed and didn't feel it",
    "when I pee I can't feel it",
    "I didn't realise I was peeing",
    "I have to push to pee",
    "it takes ages to start peeing",
    "I haven't been able to control my bladder",
    "I'm not able to control my bladder",
    "I don't have any control over my bladder",
    "i don't have control of my bladder",
    "I don't have bladder control anymore",
    "my bladder is leaking",
    "I crapped myself",
    "I didn't feel myself pee",
    "I pee without knowing",
    "can't control when i poo",
    "both buttocks are numb",
    "numb between my buttocks",
    "numb on both sides of my bum",
]

# A negation elsewhere in the message is about something else.
NEGATION_OF_SOMETHING_ELSE = [
    "no pain today and I wet myself",
    "It doesn't hurt and my groin is numb",
    "not great today and my groin is numb",
    "Nothing helps and I wet myself",
    "My pain is 3 and I haven't been able to pee",
    "I didn't notice until today that my groin is numb",
    "no pain, but I wet myself",
    "no pain and wet myself",
    "I didn't sleep so I didn't notice my groin is numb",
    "the pills don't help, my bum is numb",
    "no pain, numbness in my groin",
]

DENIALS = [
    "no bladder problems",
    "No bladder or bowel problems",
    "I don't have any numbness in my groin",
    "I haven't wet myself",
    "my bladder is fine",
    "I can control my bladder fine",
    "no numbness down there",
    "not incontinent",
    "never had any bladder issues",
    "no tingling between my legs",
    "without any numbness in the saddle area",
    "nothing wrong with my bladder",
    "bladder fine",
    "no problems with my bladder or bowels",
    "bowels are normal",
    "no numbness in my groin",
    "no bladder and bowel problems",
    "no loss of bladder control",
    "I have never lost control of my bladder",
    "I haven't peed myself",
    "I didn't wet myself",
    "I haven't had any accidents",
    "no trouble peeing",
    "no problems controlling my bladder",
    "I can pee fine",
    "no numbness or tingling in my groin",
    "no pain, numbness or tingling down there",
    "I haven't noticed any numbness between my legs",
    "my bladder and bowels are fine",
    "no bladder control problems",
    "my groin isn't numb",
    "my groin is not numb",
    "my bum isn't numb",
    "groin not numb",
]

# A bare answer after a symptom named as a label denies it.
DENIED_AFTERWARDS = [
    "bladder problems: none",
    "bladder issues, none",
    "groin numbness - none",
    "numb groin? not at all",
    "Bladder problems? No.",
    "numbness in the saddle area: no",
    "loss of bladder control: none",
    "bladder issues - nope, all good",
    "I don't have problems controlling my bladder",
    "I don't have any bladder control problems",
]

UNRELATED = [
    "my leg is numb",
    "numb toes",
    "tingling in my foot",
    "I need to pee",
    "my inner thigh hurts",
    "the pain goes down to my calf",
    "7",
    "yes",
    "I had an accident at work last year",
    "I couldn't sleep this week",
    "",
    "   ",
    "bladder",
    "the balls of my feet are numb",
    "the bottom of my foot is numb",
    "the pain runs from my bum down to my numb foot",
    "my butt hurts",
    "it hurts when I pee",
    "I can't hold it in position",
    "I can't hold it for 2 seconds",
    "I can't hold the stretch long enough",
    "I can't walk a wee bit without pain",
    "I can't help getting pissed off",
    "I can't get to the toilet without help",
    "there's no need to go to the GP",
    "I don't know if I'm going to the gym",
    "my feet are numb at the bottom",
    "my leg fell asleep",
    "I feel a wee bit better",
    "I can't control the pain",
    "I haven't been able to sleep",
    "I sat on the massage ball and my bum is sore",
    "numbness in my left buttock and down my leg",
    "my left butt cheek is numb",
    "my buttock tingles",
    "numb on the right side of my bum",
    "numb bum from sitting all day at work",
    "my bum is numb from sitting on the bike",
    "my leg feels like crap",
    "I don't feel like peeing",
]




def _alerts_or_asks(text: str, level: Alert) -> bool:
    reading = read(text)
    return level in {c.level for c in reading.certain} or (
        reading.ask is not None and reading.ask.level is level)


@pytest.mark.parametrize("text", [*REPORTS, *own_sentences.EMERGENCIES])
def test_a_report_gets_the_emergency_reply_or_the_safety_question(text: str) -> None:
    assert _alerts_or_asks(text, Alert.EMERGENCY)


@pytest.mark.parametrize("text", NEGATION_OF_SOMETHING_ELSE)
def test_a_negation_of_something_else_does_not_hide_a_symptom(text: str) -> None:
    assert _alerts_or_asks(text, Alert.EMERGENCY)


@pytest.mark.parametrize("text", [*DENIALS, *DENIED_AFTERWARDS])
def test_a_denial_gets_neither_alert_nor_question(text: str) -> None:
    reading = read(text)
    assert (reading.certain, reading.ask) == ((), None)
    assert reading.touched


@pytest.mark.parametrize("text", [*UNRELATED, *own_sentences.NEAR_MISSES])
def test_unrelated_text_and_near_misses_get_neither_alert_nor_question(text: str) -> None:
    reading = read(text)
    assert (reading.certain, reading.ask) == ((), None)


@pytest.mark.parametrize("text", own_sentences.SEE_DOCTOR)
def test_see_doctor_signs_get_their_advice_or_the_question(text: str) -> None:
    assert _alerts_or_asks(text, Alert.SEE_DOCTOR)


@pytest.mark.parametrize("text", own_sentences.SURGICAL_REVIEW)
def test_surgical_signs_get_their_advice(text: str) -> None:
    assert Concern.SURGICAL in read(text).certain


@pytest.mark.parametrize(("text", "edits"), [
    ("i cant controll my bladdder", 1), ("numbness in my gorin", 1), ("wettign myself", 1),
])
def test_a_misspelled_symptom_word_is_read_as_the_word(text: str, edits: int) -> None:
    reading = read(text)
    assert reading.alert is not None
    assert reading.assessed[0].finding.edits == edits


def test_a_dropped_g_is_speech_not_a_typo() -> None:
    reading = read("tinglin in my privates since this mornin")
    assert reading.alert is Concern.SADDLE_NUMBNESS
    assert reading.assessed[0].finding.edits == 0


def test_two_slips_in_two_words_still_alert_at_once() -> None:
    assert read("gone numnb from the waist dwon").alert is Concern.SADDLE_NUMBNESS


def test_a_common_english_word_is_never_taken_for_a_symptom_word() -> None:
    assert read("I put the blade in the bowl").touched is False


def test_both_legs_giving_way_gets_the_doctor_today_and_the_cauda_equina_question() -> None:
    reading = read("both my legs keep giving way")
    assert reading.certain == (Concern.LEGS_GIVING_WAY,)
    assert reading.ask is Concern.CAUDA_EQUINA


def test_weakness_with_pain_no_medicine_controls_is_surgical_review_alone() -> None:
    reading = read("my foot is dragging and the painkillers do nothing")
    assert reading.certain == (Concern.SURGICAL,)


def test_ordinary_answers_never_load_the_clinical_nlp_layers_or_the_model() -> None:
    script = (
        "import sys\n"
        "from flows.symptoms import read\n"
        "for text in ['7', 'yes', 'no', 'done', '7/10', 'about a six', '08:30', 'Skip']:\n"
        "    assert not read(text).touched\n"
        "from flows.symptoms.resemblance import model\n"
        "loaded = [m for m in ('spacy', 'medspacy', 'symspellpy') if m in sys.modules]\n"
        "loaded += ['resemblance'] if model.cache_info().currsize else []\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == ""


def test_no_word_of_what_people_type_reaches_any_log(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    from loguru import logger

    sunk: list[str] = []
    sink = logger.add(sunk.append, level="TRACE")
    caplog.set_level(logging.DEBUG)
    try:
        texts = ["my grandmother's zebra-crossing groin is numb", "I wet myself quietly",
                 "no xylophone numbness down there", "maybe a bit weird down there?"]
        for text in texts:
            read(text)
    finally:
        logger.remove(sink)
    out, err = capfd.readouterr()
    logged = " ".join([*sunk, caplog.text, out, err])
    for word in ("grandmother", "zebra", "quietly", "xylophone", "weird", "groin", "numb"):
        assert word not in logged


@pytest.mark.parametrize("text", [
    "probably nothing, but I think my groin has gone a bit numb",
    "I might be overreacting but my privates feel numb",
    "my arse is numb, the whole thing",
    "bum went numb on the train, been off it two hours and it's still numb",
    "woke up and the sheets were soaked, I'd wet the bed, never happened before",
    "been stood at the toilet ten minutes, bursting, and nothing comes",
    "I wee and there's always more left in there, never finishes",
    "lost a bit of poo during the press up and didn't feel it go",
])
def test_a_red_flag_described_in_full_as_theirs_is_alerted_at_once(text: str) -> None:
    reading = read(text)
    assert reading.alert is not None
    assert reading.alert.level is Alert.EMERGENCY
    assert reading.ask is None


@pytest.mark.parametrize("text", [
    "left bum cheek numb again, right one's fine",
    "numbness in my bum and leg, it's the sciatica, same as always",
    "numb bum from the bike ride this morning, fine now",
    "my bum is numb from the injection they gave me",
    "only my foot tingles, down there is normal",
    "the hot water bottle leaked in the bed overnight",
    "woke up sweating and the bed was wet",
    "I was constipated, went to the loo and pushed but nothing came",
    "I think I've got a UTI, I keep needing to pee and nothing much comes out",
    "I need to go to the toilet but I can't go on my own, my back is too bad",
    "that joke made me wet myself haha",
    "I'm terrified of wetting myself in public",
])
def test_a_near_miss_in_the_same_words_gets_no_emergency_reply(text: str) -> None:
    reading = read(text)
    assert all(c.level is not Alert.EMERGENCY for c in reading.certain)
