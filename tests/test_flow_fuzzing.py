"""Random walks through every flow, on the real engine and a real database.

A hypothesis state machine plays three people who answer questions, mistype,
press old or made-up buttons, describe emergencies, go quiet for days, get
reminders, have the bot restarted under them and have their messages
delivered twice. After every turn it checks what must hold whatever people do:

- no turn fails (a flow error would be answered with an apology: that counts
  as a failure here) and every new message gets at least one reply;
- a message delivered again changes nothing and says nothing;
- one person's turn never touches another person's conversation or chat;
- conversations only ever rest in a step of a flow;
- while a safety pause holds, no exercise is shown (any hold: the code pauses
  the programme for surgical review too), nor right after an alert, nor
  before screening is complete;
- an edited message is read for safety only;
- pain scores are stored on the 0-10 scale only;
- the nerve floss follows PROTOCOL.md section 3: slider only on days 1-7;
  before day 15 the tensioner only once offered (after three flare-free
  sessions) and taken; the slider for the three sessions after a flare in a
  tensioner session;
- in a check-in, the cauda equina question is answered before the first
  exercise, and pain above 5 gets the relief tips first;
- reminders never reach someone paused by safety, someone who switched them
  off, or anyone erased, and carry no exercise; one nudge per lapse at most.
- the outcome questions (PROTOCOL.md section 5): answers are stored in their
  ranges (reach 0-4, the press-ups' answer -1/0/1, 0-10 ratings, the global
  change 1-7), at most three activities; an ordinary check-in asks one
  question more than before at most (where the pain reaches, once; the
  press-ups' answer rides on their Done button); this week's questions come
  a week apart at least; none is asked during a safety pause; after the pain
  spread down with the press-ups (or knee hugs), they are not shown again
  that local day.

The normal suite runs a hundred walks in four tests of 25 (about 25 s in all,
spread over pytest-xdist's workers); ``pytest --slow`` runs ten
thousand (``test_flows_hold_up_to_a_long_random_walk``, about 45 minutes on two
cores). With ``-s`` each run prints how many walks and turns it made.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from bot.engine import Engine
from bot.reminders import ReminderDispatcher
from core.messages import Alert, Exercise, InboundEvent, OutgoingMessage
from fakes.harness import PLATFORM, ChatHarness, Replies
from flows import texts
from flows.clinic import join_choice
from flows.context import Context
from flows.intents import NAMES
from flows.measures import GLOBAL_CHANGES, MOVEMENTS, REACHES
from flows.programme import (
    SLIDER_SESSIONS_AFTER_FLARE,
    TENSIONER_OFFER_DAY,
    TENSIONER_SWITCH_DAY,
    tips_first,
)
from flows.screening import SEE_DOCTOR_QUESTIONS
from flows.symptoms import read
from flows.turn import MACHINES, NEW, choices_of
from flows.zones import zone
from storage import invites
from storage.clinics import save_clinic
from storage.database import Database, create_db_engine, upgrade
from storage.tables import (
    activities,
    conversations,
    identities,
    outbox,
    outcome_scores,
    reviews,
    screening_answers,
    sessions,
)
from tests.states import RESTING_STATES, conversation_at
from tests.stored import everything

START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # a Monday; DST starts in March
USERS = ("ann", "ben", "cat")
#: Where a conversation may be between turns: a question of some flow, or not greeted
#: yet (someone whose first event was an edit, which is read for safety only).
RESTING = frozenset([*RESTING_STATES, ("onboarding", NEW)])
HOLDING = (Alert.EMERGENCY, Alert.SEE_DOCTOR)

ZONES = ["Europe/Berlin", "UTC", "America/New_York", "Asia/Kolkata", "Pacific/Auckland",
         "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC+05:30", "berlin", "tokyo"]
EMERGENCIES = ["I can't control my bladder", "my groin feels numb",
               "numb down there when I wipe", "I wet myself", "leaking urine",
               "I couldn't start peeing this morning", "tingling around my anus"]
DENIALS = ["no bladder problems", "I don't have any numbness in my groin",
           "my bladder is fine", "no tingling between my legs"]
PAIN_WORDS = ["no pain", "seven", "about 3", "7/10", "5 out of 10", "ten", "0", "4.5"]
USEFUL = [
    "yes", "no", "y", "nope", "not sure", "7", "7/10", "seven", "about 7", "done", "skip",
    "too painful", "examined", "09:00", "7pm", "noon", "hello", "start", "later",
    "/checkin", "/tips", "/menu", "/help", "/restart", "/pause 2", "/pause", "/stop",
    "/resume", "/progress", "/exercises", "/review", "/reminders", "/remind 08:30",
    "/remind", "/timezone Tokyo", "/timezone", "/snooze", "/skip_today", "/quiet 22:00-07:00",
    "/quiet off", "/days weekdays", "/export", "/sharing", "/clinic leave", "/delete",
    "/start", "/join NOT-A-CODE", "keep", "erase", "a week", "3 days",
    *(str(n) for n in range(13)), "-1", "11", "12/10", *ZONES,
]
CHOICE_IDS = sorted(
    {c.id for flow, state in RESTING_STATES
     for c in choices_of(conversation_at(flow, state), MACHINES[flow].flow.step(state))}
    | set(NAMES) | {"clinic:1", "clinic:99", "share:1", "share:99"}
)

people = st.sampled_from(USERS)
pains = st.integers(0, 10)
#: Answers to this week's questions, typed or pressed.
WEEKLY_ANSWERS = st.one_of(st.integers(0, 10).map(str),
                           st.sampled_from(["skip", "skip_rest", *GLOBAL_CHANGES]))


# --- one migrated database, copied for every walk ------------------------------------

@cache
def template() -> Path:
    """A SQLite file migrated once per test session (a state machine gets no fixtures)."""
    folder = Path(tempfile.mkdtemp(prefix="flow-fuzz-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "template.sqlite3"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


# --- what the database says about the people ------------------------------------------


@dataclass(frozen=True, slots=True)
class Stored:
    """One person's conversation row, as the next turn will read it."""

    flow: str
    state: str
    version: int
    context: str

    @property
    def ctx(self) -> Context:
        return Context.model_validate_json(self.context)


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    local_date: date
    floss: str
    flare: bool
    status: str
    pain_before: int
    pain_after: int | None


class CheckedHarness(ChatHarness):
    """The test harness, with every event it sends handed to the fuzzer's checks."""

    def __init__(self, db: Database, start: datetime,
                 deliver: Callable[[InboundEvent, Callable[[InboundEvent], Replies]], Replies]
                 ) -> None:
        super().__init__(db, start)
        self._deliver = deliver

    def send_event(self, event: InboundEvent) -> Replies:
        return self._deliver(event, super().send_event)

    def reconnect(self, url: str) -> None:
        """A restart: everything in memory is gone, the database file stays."""
        self.db.dispose()
        self.db = Database.connect(url)
        self.engine = Engine(self.db, self.clock)
        self.reminders = ReminderDispatcher(self.db, self.clock)


class FlowFuzzer(RuleBasedStateMachine):
    """Three people and a bot, a clinic with a daily call, and a clock to play with."""

    walks: ClassVar[int] = 0  # examples run, to show a run did as many as it promised
    turns: ClassVar[int] = 0

    def __init__(self) -> None:
        super().__init__()
        FlowFuzzer.walks += 1
        self.folder = Path(tempfile.mkdtemp(prefix="walk-", dir=template().parent))
        path = self.folder / "bot.sqlite3"
        shutil.copy(template(), path)
        self.url = f"sqlite:///{path}"
        self.bot = CheckedHarness(Database.connect(self.url), START, self._deliver)
        self.clinic = save_clinic(
            self.bot.db, name="#physio-team", platform=PLATFORM, team="T1", channel="C1",
            call_time="09:00", timezone="Europe/Berlin", window_hours=12,
            next_call_at=START + timedelta(hours=1), now=START,
        ).id
        self.sent: list[InboundEvent] = []
        self.seen: set[str] = set()
        self.codes: list[str] = []
        self.nudges: dict[str, int] = dict.fromkeys(USERS, 0)
        self.tips_given: dict[str, datetime] = {}  # when the check-in that got them began
        self.offer_taken: dict[str, datetime] = {}  # when the check-in that took it began
        self.reach_asked: dict[str, int] = {}  # times asked in the check-in under way

    def teardown(self) -> None:
        self.bot.db.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- the people ----------------------------------------------------------------

    @initialize(starters=st.lists(people, unique=True, min_size=1), data=st.data())
    def some_people_set_up_and_screen(self, starters: list[str], data: st.DataObject) -> None:
        """Most walks start with someone past screening, so the programme gets explored."""
        for user in starters:
            self.bot.onboard(
                user,
                age=data.draw(st.integers(18, 95), label="age"),
                bending=data.draw(st.sampled_from(["yes", "no", "unsure"]), label="bending"),
                standing=data.draw(st.sampled_from(["yes", "no", "unsure"]), label="standing"),
                zone=data.draw(st.sampled_from(ZONES), label="zone"),
                remind=data.draw(st.sampled_from(["09:00", "07:30", "21:00", "none"]),
                                 label="remind"),
                flags=data.draw(st.one_of(st.just(()), st.lists(
                    st.sampled_from([*SEE_DOCTOR_QUESTIONS, "severe_weakness", "saddle"]),
                    max_size=2)), label="flags"),
            )

    @rule(user=people, data=st.data(), steps=st.integers(1, 12))
    def answers_sensibly(self, user: str, data: st.DataObject, steps: int) -> None:
        """A run of the answers each question is there for (mostly the way forward)."""
        for _ in range(steps):
            stored = self._stored().get(user)
            position = (stored.flow, stored.state) if stored else ("", "")
            kind, value = data.draw(_sensible(position), label=f"answer at {position}")
            if kind == "press":
                self.bot.press(value, user)
            else:
                self.bot.say(value, user)

    @rule(user=people, before=pains, after=pains, tensioner=st.booleans(), go_on=st.booleans(),
          outcomes=st.lists(st.sampled_from(["done", "skip", "too_painful"]), min_size=3,
                            max_size=3),
          reach=st.sampled_from([*REACHES, "skip"]),
          movement=st.one_of(st.none(), st.sampled_from(list(MOVEMENTS))),
          weekly=st.one_of(st.none(), st.lists(WEEKLY_ANSWERS, max_size=8)))
    def does_a_whole_checkin(self, user: str, before: int, after: int, tensioner: bool,
                             go_on: bool, outcomes: list[str], reach: str,
                             movement: str | None, weekly: list[str] | None) -> None:
        """/checkin to the end, as fast as the person can (wherever they were)."""
        self.bot.checkin(before, after, user, outcomes=outcomes, tensioner=tensioner,
                         go_on=go_on, reach=reach, movement=movement, weekly=weekly)

    @rule(user=people, days=st.lists(st.tuples(st.integers(1, 3), pains, pains, st.booleans(),
                                               st.sampled_from(REACHES)),
                                     min_size=1, max_size=8))
    def keeps_up_the_programme(self, user: str,
                               days: list[tuple[int, int, int, bool, str]]) -> None:
        """A check-in every day or every few days: walks the floss and the weeks through."""
        for gap, before, after, tensioner, reach in days:
            self.bot.advance(days=gap)
            self.reminders_run()
            self.bot.checkin(before, after, user, tensioner=tensioner, reach=reach,
                             weekly=["7", "skip", "3"])

    @rule(user=people, data=st.data())
    def presses_a_button_of_the_last_message(self, user: str, data: st.DataObject) -> None:
        choices = self.bot.last.get(user, Replies()).choices
        self.bot.press(data.draw(st.sampled_from(choices or CHOICE_IDS), label="choice"), user)

    @rule(user=people, choice=st.one_of(st.sampled_from(CHOICE_IDS), st.text(max_size=20)),
          token=st.sampled_from(["current", "stale", "none", "junk"]))
    def presses_an_unexpected_button(self, user: str, choice: str, token: str) -> None:
        """Any id, with the current token, an older one, none or a made-up one."""
        if token == "stale":
            self.bot.press(choice, user, stale=True)
        elif token == "current":
            self.bot.press(choice, user)
        else:
            sent = None if token == "none" else "not-a-token"
            self.bot.send_event(self.bot.event(user, choice=choice, token=sent))

    @rule(user=people, text=st.one_of(st.sampled_from(USEFUL), st.text(max_size=60)))
    def types_something(self, user: str, text: str) -> None:
        self.bot.say(text, user)

    @rule(user=people, text=st.sampled_from(EMERGENCIES))
    def describes_a_cauda_equina_symptom(self, user: str, text: str) -> None:
        """Checked in ``_check_turn``: the emergency reply at once, whatever was asked."""
        self.bot.say(text, user)

    @rule(user=people, text=st.one_of(st.sampled_from([*USEFUL, *EMERGENCIES]),
                                      st.text(max_size=40)))
    def edits_an_earlier_message(self, user: str, text: str) -> None:
        """Read for safety only: anything else leaves the conversation exactly where it was."""
        before = self._stored().get(user)
        self.bot.send_event(replace(self.bot.event(user, text=text), edited=True))
        after = self._stored().get(user)
        reading = read(text)
        if before is not None and not reading.certain and reading.ask is None:
            assert after is not None
            assert (after.flow, after.state, after.ctx) == (before.flow, before.state, before.ctx)

    @rule(user=people, text=st.sampled_from(DENIALS))
    def denies_a_cauda_equina_symptom(self, user: str, text: str) -> None:
        self.bot.say(text, user)

    @rule(user=people, clinic=st.sampled_from([1, 99]))
    def presses_the_clinic_call(self, user: str, clinic: int) -> None:
        """The call button in the clinic's channel (99: a clinic that does not exist)."""
        clinic_id = self.clinic if clinic == 1 else clinic
        self.bot.send_event(self.bot.event(user, choice=join_choice(clinic_id)))

    @rule(user=people, again=st.booleans())
    def uses_an_invite_code(self, user: str, again: bool) -> None:
        """A fresh invite, or one already used (by anyone)."""
        if again and self.codes:
            code = self.codes[-1]
        else:
            code = invites.create(self.bot.db, self.clinic, self.bot.clock.now(),
                                  timedelta(days=2))
            self.codes.append(code)
        self.bot.say(f"/join {code}", user)

    # --- the world around them -------------------------------------------------------

    @rule(minutes=st.integers(1, 12 * 60))
    def time_passes(self, minutes: int) -> None:
        self.bot.advance(minutes=minutes)

    @rule(days=st.integers(1, 9), minutes=st.integers(-120, 120))
    def days_pass_with_the_reminders_running(self, days: int, minutes: int) -> None:
        """About a day or more: the programme moves on, then the dispatcher catches up."""
        self.bot.advance(minutes=days * 24 * 60 + minutes)
        self.reminders_run()

    @rule()
    def reminders_run(self) -> None:
        stored = self._stored()
        for user, messages in self.bot.tick().items():
            row = stored.get(user)
            assert row is not None, f"a reminder reached {user}, who was erased"
            ctx = row.ctx
            assert ctx.safety.hold is None, f"a reminder reached {user} in a safety pause"
            assert ctx.schedule.remind_at is not None or ctx.schedule.snoozed_until is not None, (
                f"a reminder reached {user}, who switched reminders off")
            assert not any(m.exercise for m in messages)
            self.nudges[user] += sum(m.text == texts.reminders.NUDGE for m in messages)
            assert self.nudges[user] <= 1, f"{user} was nudged twice for one lapse"

    @rule()
    def the_bot_restarts(self) -> None:
        """Connections dropped, engine and dispatcher rebuilt: nothing may be lost."""
        before = everything(self.bot.db)
        self.bot.reconnect(self.url)
        assert everything(self.bot.db) == before

    @precondition(lambda self: bool(self.sent))
    @rule(data=st.data())
    def a_platform_delivers_an_event_again(self, data: st.DataObject) -> None:
        """Checked in ``_deliver``: no reply and not one row changed."""
        self.bot.send_event(data.draw(st.sampled_from(self.sent), label="event"))

    # --- what must hold ----------------------------------------------------------------

    @invariant()
    def pain_scores_are_stored_on_the_0_to_10_scale(self) -> None:
        with self.bot.db.engine.connect() as connection:
            for before, after in connection.execute(
                    select(sessions.c.pain_before, sessions.c.pain_after)):
                assert 0 <= before <= 10
                assert after is None or 0 <= after <= 10
            for baseline, average in connection.execute(
                    select(reviews.c.baseline, reviews.c.recent_average)):
                assert 0 <= baseline <= 10
                assert 0 <= average <= 10
        for row in self._stored().values():
            prog, session = row.ctx.programme, row.ctx.session
            for pain in [prog.baseline_pain, *prog.recent_pains,
                         *((session.pain_before, session.pain_after) if session else ())]:
                assert pain is None or 0 <= pain <= 10

    @invariant()
    def outcome_answers_are_stored_in_their_ranges(self) -> None:
        ranges = {"reach": (0, 4), "reach_spread": (1, 4), "movement": (-1, 1),
                  "peg": (0, 10), "back_pain": (0, 10), "psfs": (0, 10), "pgic": (1, 7)}
        with self.bot.db.engine.connect() as connection:
            for measure, item, score in connection.execute(
                    select(outcome_scores.c.measure, outcome_scores.c.item,
                           outcome_scores.c.score)):
                low, high = ranges[measure]
                assert low <= score <= high, f"{measure} {item} stored as {score}"
                if measure == "psfs":
                    assert item in ("1", "2", "3")
            slots = connection.execute(select(activities.c.user_id, activities.c.slot)).all()
        assert all(1 <= slot <= 3 for _, slot in slots)
        assert len(slots) == len(set(slots)), "an activity slot named twice"
        for row in self._stored().values():
            assert len(row.ctx.outcomes.activities) <= 3

    @invariant()
    def stored_sessions_follow_the_floss_progression(self) -> None:
        """Slider on days 1-7; slider for the three sessions after a tensioner flare."""
        for user in self._stored():
            history = self._sessions(user)
            first_day = _first_day(history)
            forced = 0
            for row in history:
                if row.floss == Exercise.FLOSS_TENSIONER:
                    assert _day(first_day, row.local_date) >= TENSIONER_OFFER_DAY, (
                        f"{user}: tensioner planned on day {_day(first_day, row.local_date)}")
                    assert forced == 0, f"{user}: tensioner within 3 sessions of a flare"
                if row.status != "completed":
                    continue
                if row.flare and row.floss == Exercise.FLOSS_TENSIONER:
                    forced = SLIDER_SESSIONS_AFTER_FLARE
                elif forced:
                    forced -= 1

    # --- every turn ----------------------------------------------------------------------

    def _deliver(self, event: InboundEvent, send: Callable[[InboundEvent], Replies]) -> Replies:
        FlowFuzzer.turns += 1
        fresh = event.event_id not in self.seen
        before = self._stored()
        rows_before = everything(self.bot.db) if not fresh else None
        last_outbox = self._last_outbox_id()
        replies = send(event)
        after = self._stored()
        if not fresh:
            assert not replies, "a redelivered event was answered again"
            assert everything(self.bot.db) == rows_before, "a redelivered event changed data"
            return replies
        self.sent.append(event)
        self.seen.add(event.event_id)
        for user in USERS:
            if user != event.user:
                assert after.get(user) == before.get(user), f"{event.user}'s turn changed {user}"
        assert self._chats_since(last_outbox) <= {event.chat}, "a reply went to another chat"
        self._check_turn(event, before.get(event.user), after.get(event.user), replies)
        return replies

    def _check_turn(self, event: InboundEvent, before: Stored | None, after: Stored | None,
                    replies: Replies) -> None:
        user = event.user
        assert replies, f"no reply to {event.text or event.choice!r}"
        assert not replies.has(texts.common.SOMETHING_WRONG), "a turn failed (apology sent)"
        if after is None:
            assert replies.has(texts.data.ERASED), f"{user}'s conversation vanished"
            self.nudges[user] = 0
            return
        assert (after.flow, after.state) in RESTING, f"rests in {after.flow}.{after.state}"
        ctx = after.ctx
        held_before = before is not None and before.ctx.safety.hold is not None
        if held_before and ctx.safety.hold is not None:
            assert not replies.exercises, f"exercise shown in a safety pause: {replies.text}"
        _no_exercise_after_an_alert(replies)
        if event.text in EMERGENCIES:
            assert replies[0].alert == Alert.EMERGENCY
            assert ctx.safety.hold == Alert.EMERGENCY
            assert (after.flow, after.state) == ("safety", "alerted")
        if event.text in DENIALS:
            assert Alert.EMERGENCY not in replies.alerts
        if before is not None and (before.flow, before.state) == ("checkin", "offer") and (
                ctx.session is not None and ctx.session.floss == Exercise.FLOSS_TENSIONER):
            self.offer_taken[user] = ctx.session.started_at
        if Exercise.FLOSS_TENSIONER in replies.exercises or (after.flow, after.state) == (
                "checkin", "offer"):
            self._check_tensioner_allowed(user, after, replies)
        if replies.exercises:
            assert ctx.screening.completed_at is not None, "an exercise before screening"
        self._check_outcome_questions(user, before, after, replies)
        if (after.flow, after.state) == ("checkin", "high_pain") and ctx.session is not None:
            self.tips_given[user] = ctx.session.started_at
        if (after.flow, after.state) == ("checkin", "exercise"):
            self._check_cauda_equina_asked(user, ctx)
            session = ctx.session
            assert session is not None
            if tips_first(session.pain_before):
                assert self.tips_given.get(user) == session.started_at, (
                    f"exercises at pain {session.pain_before} without the relief tips first")
        old = before.ctx if before is not None else None
        if old is None or old.programme.last_checkin != ctx.programme.last_checkin or (
                old.schedule.remind_at is None and ctx.schedule.remind_at is not None):
            self.nudges[user] = 0  # a new lapse starts: it may have its own nudge

    def _check_outcome_questions(self, user: str, before: Stored | None, after: Stored,
                                 replies: Replies) -> None:
        """At most one more question on an ordinary day; a week between the weekly ones."""
        ctx = after.ctx
        position = (after.flow, after.state)
        if after.flow == "outcomes":
            assert ctx.safety.hold is None, "an outcome question during a safety pause"
        was = (before.flow, before.state) if before is not None else None
        if position == ("checkin", "pain_now"):
            self.reach_asked[user] = 0  # a check-in begins
        elif position == ("checkin", "reach") and was != position:
            self.reach_asked[user] = self.reach_asked.get(user, 0) + 1
            assert self.reach_asked[user] == 1, "where the pain reaches asked twice in a check-in"
        old = before.ctx.outcomes if before is not None else None
        new = ctx.outcomes
        if old is not None and new.last_round != old.last_round and new.round is not None and (
                new.round.purpose == "weekly" and old.last_round is not None):
            assert new.last_round is not None
            assert (new.last_round - old.last_round).days >= 7, "weekly questions within a week"
        shown = {Exercise.PRESSUP_EXTENSION, Exercise.KNEE_HUGS} & set(replies.exercises)
        assert not (shown and new.primary_stopped_on == self._local_today(ctx)), (
            "the press-ups shown again the day the pain spread down with them")

    def _check_tensioner_allowed(self, user: str, after: Stored, replies: Replies) -> None:
        """From day 8, taken when offered before day 15, and never just after a tensioner flare."""
        ctx = after.ctx
        viewed = replies.has(texts.menu.EXERCISES_READY)  # /exercises: today's routine
        session = None if viewed else ctx.session
        assert viewed or session is not None, "a tensioner shown outside a check-in"
        shown_for = self._local_today(ctx) if session is None else session.local_date
        history = self._sessions(user)
        day = _day(_first_day(history), shown_for)
        assert day >= TENSIONER_OFFER_DAY, f"tensioner on day {day}: {replies.text}"
        completed = [r for r in history if r.status == "completed"]
        had_it = any(r.floss == Exercise.FLOSS_TENSIONER for r in completed)
        if Exercise.FLOSS_TENSIONER in replies.exercises and day < TENSIONER_SWITCH_DAY and (
                not had_it):
            taken = session is not None and self.offer_taken.get(user) == session.started_at
            assert taken, f"tensioner on day {day} without being offered and taken"
        for back, row in enumerate(reversed(completed[-SLIDER_SESSIONS_AFTER_FLARE:])):
            if row.flare and row.floss == Exercise.FLOSS_TENSIONER:
                raise AssertionError(f"tensioner {back} session(s) after a tensioner flare")
        if (after.flow, after.state) == ("checkin", "offer"):
            assert not any(r.flare for r in completed[-3:]), "tensioner offered after a flare"

    def _check_cauda_equina_asked(self, user: str, ctx: Context) -> None:
        session = ctx.session
        assert session is not None
        with self.bot.db.engine.connect() as connection:
            answers = connection.execute(
                select(screening_answers.c.answer)
                .join(identities, identities.c.user_id == screening_answers.c.user_id)
                .where(identities.c.platform == PLATFORM, identities.c.platform_user == user,
                       screening_answers.c.question == "checkin_cauda_equina",
                       screening_answers.c.at >= session.started_at)
            ).scalars().all()
        assert "no" in answers, "an exercise before the cauda equina question was answered"

    # --- reading the database ------------------------------------------------------------

    def _stored(self) -> dict[str, Stored]:
        with self.bot.db.engine.connect() as connection:
            rows = connection.execute(
                select(identities.c.platform_user, conversations.c.flow, conversations.c.state,
                       conversations.c.version, conversations.c.context)
                .join(conversations, conversations.c.user_id == identities.c.user_id)
                .where(identities.c.platform == PLATFORM)
            ).all()
        return {user: Stored(flow, state, version, context)
                for user, flow, state, version, context in rows}

    def _sessions(self, user: str) -> list[SessionRow]:
        with self.bot.db.engine.connect() as connection:
            rows = connection.execute(
                select(sessions.c.id, sessions.c.local_date, sessions.c.floss, sessions.c.flare,
                       sessions.c.status, sessions.c.pain_before, sessions.c.pain_after)
                .join(identities, identities.c.user_id == sessions.c.user_id)
                .where(identities.c.platform == PLATFORM, identities.c.platform_user == user)
                .order_by(sessions.c.id)
            ).all()
        return [SessionRow(*row) for row in rows]

    def _last_outbox_id(self) -> int:
        with self.bot.db.engine.connect() as connection:
            ids = connection.execute(select(outbox.c.id).order_by(outbox.c.id.desc()).limit(1))
            return ids.scalar() or 0

    def _chats_since(self, outbox_id: int) -> set[str]:
        with self.bot.db.engine.connect() as connection:
            return set(connection.execute(
                select(outbox.c.chat).where(outbox.c.id > outbox_id)).scalars())

    def _local_today(self, ctx: Context) -> date:
        return self.bot.clock.now().astimezone(zone(ctx.schedule.timezone)).date()


def _first_day(history: list[SessionRow]) -> date | None:
    """Day 1 is the local date of the first completed exercise session."""
    return next((r.local_date for r in history if r.status == "completed"), None)


def _day(first_day: date | None, on: date) -> int:
    return 1 if first_day is None else (on - first_day).days + 1


def _no_exercise_after_an_alert(replies: list[OutgoingMessage]) -> None:
    alerted = False
    for message in replies:
        alerted = alerted or message.alert in HOLDING
        assert not (alerted and message.exercise), "an exercise right after an alert"


Answer = tuple[str, str]  # ("press", choice id) or ("say", text)


def _press(*ids: str) -> st.SearchStrategy[Answer]:
    return st.sampled_from([("press", i) for i in ids])


def _say(*texts_: str) -> st.SearchStrategy[Answer]:
    return st.sampled_from([("say", t) for t in texts_])


_MOSTLY_NO = _press("no", "no", "no", "no", "no", "no", "no", "yes")
_PAIN = st.one_of(pains.map(lambda p: ("say", str(p))), _say(*PAIN_WORDS))
_SCORE = st.one_of(pains.map(lambda p: ("say", str(p))), _say("about 6", "12", "no pain"))
#: The answers each question is there for, the way forward most likely.
SENSIBLE: dict[tuple[str, str], st.SearchStrategy[Answer]] = {
    ("", ""): _say("hello", "/start"),  # nobody yet
    ("onboarding", NEW): _say("hello", "/start"),
    ("onboarding", "welcome"): _press("continue"),
    ("onboarding", "consent"): _press("yes", "yes", "yes", "no"),
    ("onboarding", "declined"): _press("consent"),
    ("onboarding", "timezone"): _say(*ZONES),
    ("onboarding", "reminder"): st.one_of(_press("08:00", "19:00", "none"),
                                          _say("09:00", "6:45am", "23:30")),
    ("screening", "age"): st.integers(18, 99).map(lambda age: ("say", str(age))),
    ("screening", "bending"): _press("yes", "no", "unsure"),
    ("screening", "standing"): _press("yes", "no", "unsure"),
    ("screening", "clear"): _press("start", "start", "later"),
    ("safety", "alerted"): _press("examined"),
    ("safety", "held"): _press("examined", "examined", "not_yet"),
    ("safety", "waiting"): _press("examined"),
    ("checkin", "pain_now"): _PAIN,
    ("checkin", "pain_now_check"): _press("yes", "yes", "no"),
    ("checkin", "pain_after_check"): _press("yes", "yes", "no"),
    ("exercises", "safety_check"): _MOSTLY_NO,
    ("checkin", "cauda_equina"): _MOSTLY_NO,
    ("checkin", "high_pain"): _press("go_on", "go_on", "not_today"),
    ("checkin", "offer"): _press("yes", "yes", "no"),
    ("checkin", "reach"): st.one_of(_press(*REACHES, "skip"),
                                    _say("down to my calf", "toes", "just my back", "hmm")),
    ("checkin", "exercise"): _press("done", "done", "skip", "too_painful", *MOVEMENTS),
    ("outcomes", "activity"): st.one_of(_press("no_more"),
                                        _say("walking the dog", "sitting at work", "7")),
    ("outcomes", "activity_score"): st.one_of(_SCORE, _press("skip")),
    ("outcomes", "score"): st.one_of(_SCORE, _press("skip", "skip_rest")),
    ("outcomes", "global_change"): _press(*GLOBAL_CHANGES, "skip"),
    ("checkin", "pain_after"): _PAIN,
    ("review", "too_early"): _press("checkin", "menu"),
    ("review", "so_far"): _press("checkin", "menu"),
    ("review", "better"): _press("keep_going"),
    ("menu", "idle"): st.one_of(_press("checkin", "checkin", "checkin", "progress", "exercises",
                                       "reminders", "tips", "help"),
                                _say("/review", "/pause 3", "/sharing", "/restart")),
    ("reminders", "overview"): _press("change_time", "change_zone", "pause", "off", "menu"),
    ("reminders", "ask_time"): _say("08:30", "7pm", "noon"),
    ("reminders", "ask_zone"): _say(*ZONES),
    ("reminders", "ask_pause"): st.one_of(_press("1", "3", "7"), _say("a week", "2 days")),
    ("restart", "confirm"): _press("yes", "no"),
    ("clinic", "share"): _press("yes", "no"),
    ("clinic", "invited"): _press("yes", "no"),
    ("clinic", "manage"): _press("share:1", "menu"),
    ("erase", "confirm"): _press("keep", "keep", "keep", "erase"),
}


def _sensible(position: tuple[str, str]) -> st.SearchStrategy[Answer]:
    if position in SENSIBLE:
        return SENSIBLE[position]
    return _MOSTLY_NO if position[0] == "screening" else _say("/menu")


#: The normal suite's walks, and the tests they are split into (independent walks: four
#: workers take one batch each instead of one worker taking all of them).
WALKS, WALK_BATCHES = 100, 4


def _run(max_examples: int, steps: int, batch: int | None = None) -> None:
    """Walk, then show that as many walks ran as promised (and how long they took).

    ``batch``: one of the normal suite's batches, each seeded with its number.
    Without a seed of its own every batch would walk the same walks wherever
    Hypothesis derandomises (its profile under ``CI``).
    """
    FlowFuzzer.walks = FlowFuzzer.turns = 0
    started = time.monotonic()
    machine: type[FlowFuzzer] = FlowFuzzer
    if batch is not None:
        machine = seed(batch)(type(f"FlowFuzzerBatch{batch}", (FlowFuzzer,), {}))
    run_state_machine_as_test(machine, settings=settings(
        max_examples=max_examples,
        stateful_step_count=steps,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.filter_too_much],
    ))
    print(f"\nflow fuzzing: {FlowFuzzer.walks} walks, {FlowFuzzer.turns} turns, "
          f"{time.monotonic() - started:.0f} s")
    assert FlowFuzzer.walks >= max_examples


@pytest.mark.long
@pytest.mark.parametrize("batch", range(WALK_BATCHES))
def test_flows_hold_up_to_random_walks(batch: int) -> None:
    """A hundred walks in batches that pytest-xdist workers can run side by side."""
    _run(max_examples=WALKS // WALK_BATCHES, steps=30, batch=batch)


@pytest.mark.slow
def test_flows_hold_up_to_a_long_random_walk() -> None:
    _run(max_examples=10_000, steps=30)


# --- what the walks found, pinned down ---------------------------------------------------


def test_a_review_asked_for_in_the_first_week_keeps_the_slider(
        onboarded_bot: ChatHarness) -> None:
    """Found by the walks: a good review on request turned day 1 into maintenance (tensioner).

    A review asked for before day 42 now shows progress so far and applies no rule.
    """
    bot = onboarded_bot
    bot.checkin(before=8, after=8, go_on=False)  # rests: the start is 8
    bot.checkin(before=2, after=2)  # day 1, on the slider
    assert bot.say("/review").choices == ["checkin", "menu"]  # 8 at the start, 5 now
    assert bot.context().programme.review_on is None
    bot.say("/checkin")
    bot.say("2")
    bot.press("thigh")
    shown = bot.press("no").exercises + bot.press("done").exercises + bot.press("done").exercises
    assert Exercise.FLOSS_SLIDER in shown
    assert Exercise.FLOSS_TENSIONER not in shown
    assert bot.context().programme.phase == "slider"


def test_a_review_asked_for_before_the_tensioner_still_offers_it(
        onboarded_bot: ChatHarness) -> None:
    """Day 9, the tensioner declined so far: after a review on request it is offered."""
    bot = onboarded_bot
    bot.checkin(before=8, after=8, go_on=False)  # rests: the start is 8
    bot.checkin(before=2, after=2)  # day 1
    bot.advance(days=8)
    bot.checkin(before=2, after=2, tensioner=False)  # day 9: offered, declined
    assert bot.say("/review").choices == ["checkin", "menu"]  # so far: 8 at the start, 4 now
    bot.say("/checkin")
    bot.say("2")
    bot.press("thigh")
    assert not bot.press("no").exercises
    assert bot.position() == "checkin.offer"


def test_day_7_again_after_crossing_the_date_line_is_a_slider_day(bot: ChatHarness) -> None:
    """On the tensioner from day 8, then a move west by a calendar day: day 7 means slider."""
    bot.clock.set(datetime(2026, 3, 2, 11, 0, tzinfo=UTC))  # 01:00 on 3 March in Kiritimati
    bot.onboard(zone="Pacific/Kiritimati")
    bot.checkin(2, 2)  # day 1
    bot.advance(days=7)
    bot.checkin(2, 2, tensioner=True)  # day 8: offered and taken
    assert bot.context().programme.phase == "tensioner"
    bot.say("/timezone Pacific/Pago_Pago")  # 25 hours behind: the local date is a day back
    bot.say("/checkin")
    bot.say("2")
    bot.press("thigh")
    shown = bot.press("no").exercises + bot.press("done").exercises + bot.press("done").exercises
    session = bot.context().session
    assert session is not None
    assert session.day == 7
    assert Exercise.FLOSS_SLIDER in shown
    assert Exercise.FLOSS_TENSIONER not in shown
