"""Sentences written for the safety reader before any detector pattern was read.

Written by the detector engineer on 2026-12-03 from PROTOCOL.md and issue 12 alone,
so they are not the old detector's vocabulary. Each is (text, expected level) where
the level is ``emergency``, ``see_doctor``, ``surgical_review`` or ``none``.
"""

from __future__ import annotations

from typing import Final

EMERGENCIES: Final[tuple[str, ...]] = (
    # lay and slang words for urine, faeces, genitals, bottom
    "i keep weeing myself and i dont even know its happening",
    "pooed myself in the car and didnt feel it coming",
    "had a bit of an accident in my pants this morning, couldnt hold it",
    "cant feel my bits at all since last night",
    "my fanny feels completely numb",
    "numb round my ring, like when the dentist numbs you",
    "my willy and balls have gone numb",
    "my bum cheeks are both numb and so is my front bottom",
    "can't stop my pee coming out",
    "peeing myself without knowing",
    "lost control of my bowels today",
    "i crapped myself and didnt realise",
    "no feeling down there at all",
    "numb down below since this morning",
    "my taint is numb",
    "it's tingly around my back passage",
    # bed wetting, unnoticed wetness
    "woke up and the bed was soaked, i havent wet the bed since i was a kid",
    "i wet the bed last night",
    "found my knickers wet and had no idea i'd leaked",
    "my trousers were damp and i never felt myself go",
    # retention stories
    "been sat on the loo for ages and nothing will come out",
    "i need to go but when i try nothing happens",
    "straining and straining and the wee just wont start",
    "my bladder won't empty properly anymore",
    "can't tell when i've finished peeing",
    "havent been able to pass water since yesterday",
    "i can't pee",
    "haven't had a wee all day even though i've been drinking loads",
    # toilet, wiping, seat sensation
    "when i wipe i can't feel the paper",
    "sitting on the toilet seat it feels like someone elses bum",
    "wiping feels weird, like it's not my body",
    "cant feel the toilet seat under me",
    "numb when i wipe after going",
    # waist down, below belly button, both buttocks, sitting numbness persisting
    "numb from the waist down",
    "everything below my belly button has gone numb",
    "my left buttock is numb and now the right one is too",
    "both buttocks are numb",
    "numb bum from sitting and it hasn't gone away after standing for an hour",
    "my inner thighs and groin are numb",
    "pins and needles in my groin and private parts",
    "saddle numbness",
    "tingling around my anus",
    # bowel control
    "i can't control my bowels",
    "i cant hold my poo in anymore",
    "my bowels just let go",
    "i'm incontinent since yesterday",
    "urinary retention",
    "i have no bladder control",
    # typos and dropped letters
    "i cant controll my bladdder",
    "numbness in my gorin",
    "my blader is leakin",
    "wettin myself",
    "cant feel my genitls",
    "tinglin round my anis",
    "incontinnence started today",
    # US/AU voices
    "I peed my pants and didn't even notice",
    "my butt is totally numb, both sides, and my crotch",
    "can't feel my junk",
    "I dunno, been dribbling wee all arvo and cant stop it",
    "reckon i've lost control of my bladder mate",
    "my undies are wet and i didnt know",
)

NEAR_MISSES: Final[tuple[str, ...]] = (
    "no bladder problems",
    "no numbness down there",
    "i haven't had any accidents",
    "my bladder is fine",
    "no issues with peeing or pooing",
    "nope nothing like that",
    "my son wet the bed last night so i didn't sleep",
    "my mum has bladder incontinence",
    "my baby's nappy was soaked",
    "the dog peed on the carpet",
    "i had a numb groin years ago after surgery but it went",
    "what if i lose control of my bladder?",
    "is numbness in the groin a bad sign?",
    "what should i do if i wet myself",
    "i'm a bit constipated from the painkillers",
    "haven't pooed for two days, codeine does that to me",
    "my left buttock is numb",
    "numb bum from sitting but it went after i walked around",
    "my foot is numb",
    "tingling in my toes",
    "pins and needles down my leg",
    "the pain goes into my buttock and down the back of my thigh",
    "i need to pee a lot at night, always have",
    "i went to the toilet and it was fine",
    "sitting on the loo hurts my back",
    "wiping is fine, no numbness",
    "my groin aches from the gym",
    "i pulled a muscle in my groin playing football",
    "i wet my hair in the shower",
    "i'm drinking lots of water",
    "the bed is too soft",
    "my trousers are wet because it rained",
    "my waist hurts",
    "I feel fine today",
    "7",
    "done",
    "yes",
    "pain is about a 6 today",
    "took 2 paracetamol",
    "feeling a bit better",
)

SEE_DOCTOR: Final[tuple[str, ...]] = (
    "the sciatica is in both legs now",
    "pain going down both my legs",
    "i've had a fever and night sweats",
    "waking up drenched in sweat every night",
    "i've lost a stone without trying",
    "losing weight and i'm not dieting",
    "just been diagnosed with cancer",
    "they found a tumour last week",
    "my leg is getting weaker and weaker",
    "the numbness in my leg keeps getting worse",
    "running a temperature of 39",
    "both legs giving way",
)

SURGICAL_REVIEW: Final[tuple[str, ...]] = (
    "my foot has started dragging and the tablets don't touch the pain",
    "foot drop and the painkillers aren't working",
    "can't lift my foot up and the pain is unbearable even with morphine",
    "my leg is weak and the pain meds do nothing",
)
