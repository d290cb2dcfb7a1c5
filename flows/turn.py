"""One turn of a conversation, platform- and database-free.

Order of precedence, on every turn and in every state:

1. free text read by the safety reader (:mod:`flows.symptoms`): a clear red flag
   gets its alert, a possible one the safety question (:mod:`flows.red_flags`);
2. a choice of the current question (by id, label or number, or a message
   that is one of its everyday phrases: "start over" at the restart question);
3. a global intent (help, menu, tips, pause ...);
4. a choice whose everyday phrases occur in the message ("did all 10 reps");
5. the current question's reader (pain score, time, yes/no ...), then a
   near miss of a phrase where the step allows one;
6. otherwise a short re-prompt that says what is expected and repeats the
   choices.

:func:`run_turn` mutates the conversation it is given; the engine persists it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Final, TypeVar

from core.messages import Alert, Choice, OutgoingMessage
from flows import checkin, clinic, data_rights, red_flags, reminders, symptoms, texts, views
from flows.checkin import CHECKIN
from flows.choice_words import by_label_words
from flows.clinic import CLINIC, Invitation, InviteRefused
from flows.conversation import Conversation, Heard
from flows.data_rights import ERASE
from flows.exercises_today import EXERCISES, checked_today
from flows.intents import NAMES, Intent, nearest_command, parse_intent, unknown_command
from flows.machines import FlowMachine
from flows.menu import MENU, RESTART
from flows.onboarding import ONBOARDING
from flows.outcomes import OUTCOMES
from flows.parsing import normalise, parse_clock, parse_days, parse_quiet, parse_weekdays
from flows.records import ClinicianCommandRefused
from flows.reminders import REMINDERS
from flows.review import REVIEW
from flows.safety import SAFETY
from flows.screening import SCREENING
from flows.spec import NEXT, Answer, Flow, Step, Unreadable
from flows.zones import parse_zone

ALL_FLOWS: Final[tuple[Flow, ...]] = (
    ONBOARDING, SCREENING, SAFETY, CHECKIN, OUTCOMES, REVIEW, MENU, REMINDERS, RESTART, CLINIC,
    ERASE, EXERCISES,
)
#: The machines, built once at import and shared by every conversation.
MACHINES: Final[dict[str, FlowMachine]] = {f.name: FlowMachine(f) for f in ALL_FLOWS}

#: State of a conversation that has not been shown anything yet.
NEW: Final = ""
FIRST_FLOW: Final = "onboarding"
_MAX_HOPS = 16
_ECHO = 40  # at most this much of what was typed is repeated in a hint
#: What of a mistyped command's argument a hint may repeat ("8", "08:30", "mon-fri"):
#: short and plain, never markup or control characters.
_ECHOABLE = re.compile(rf"[A-Za-z0-9 :.,+\-]{{0,{_ECHO}}}")
T = TypeVar("T")


def run_turn(
    conversation: Conversation,
    *,
    text: str | None = None,
    choice: str | None = None,
    reply_token: str | None = None,
    edited: bool = False,
    invitation: Invitation | InviteRefused | None = None,
    unseen: bool = False,
    zone_hint: str | None = None,
) -> None:
    """Advance ``conversation`` by what the person typed or pressed.

    ``invitation`` is a press of a clinic's call button (the engine looked
    the clinic up): the sharing question the first time, else the check-in;
    or an invite code the engine redeemed (or refused) in this turn.
    ``unseen``: the current question never reached the person (they blocked
    the bot, or its delivery failed): typed text is not taken as its answer;
    the question is shown again (a command is still carried out, and the
    safety reader reads everything first).
    ``zone_hint`` is the zone the person's device says it is in, offered
    first when the bot asks for one.
    """
    conversation.heard = Heard(text=text, choice=choice, token=reply_token)
    conversation.zone_hint = zone_hint
    reading = symptoms.read(text) if text is not None else symptoms.NOTHING
    if _red_flag(conversation, reading):
        return
    conversation.red_flag_touched = reading.touched
    if edited:
        # An edit cannot change an answer already acted on; only safety reads it.
        conversation.say(texts.common.EDIT_NOT_READ)
        if conversation.state != NEW:
            _again(conversation)
        return
    if isinstance(invitation, InviteRefused):
        conversation.say(clinic.refused_text(invitation))
        _carry_on(conversation)
        return
    if invitation is not None and invitation.by_code:
        _invited(conversation, invitation)
        return
    if invitation is not None:
        if clinic.join(conversation, invitation):
            _start(conversation, CHECKIN.name)
        else:
            _switch(conversation, CLINIC.name, "share")
        return
    if conversation.state == NEW:
        _switch(conversation, FIRST_FLOW, None)
        return
    if (MACHINES[conversation.flow].flow.gate.no_safety_hold
            and conversation.ctx.safety.hold is not None):
        _switch(conversation, SAFETY.name, "held")
        return
    step = current_step(conversation)
    if unseen and choice is None:
        _returning(conversation, text or "")
        return
    if choice is not None:
        _pressed(conversation, step, choice, reply_token)
    else:
        _typed(conversation, step, text or "")


def _red_flag(conversation: Conversation, reading: symptoms.Reading) -> bool:
    """Act on a red flag in free text (see :mod:`flows.red_flags`); whether that was the turn."""
    emergencies = [c for c in reading.certain if c.level is Alert.EMERGENCY]
    if emergencies:
        red_flags.raise_signs(conversation, emergencies, "free_text")
        _switch(conversation, SAFETY.name, "alerted")
        return True
    if reading.certain and red_flags.screened(conversation):
        red_flags.raise_signs(conversation, reading.certain, "free_text")
        if reading.ask is None:
            _switch(conversation, SAFETY.name, "alerted")
        else:
            red_flags.start_question(conversation, reading.ask, back_to=(SAFETY.name, "held"))
            _switch(conversation, SAFETY.name, "confirm")
        return True
    if reading.certain:
        noted = red_flags.note_signs(conversation, reading.certain)
        if reading.ask is not None:
            _ask(conversation, reading.ask)
        elif conversation.state == NEW:
            _switch(conversation, FIRST_FLOW, None)
        elif conversation.flow == SCREENING.name and conversation.state in noted:
            # The sign is the answer to the screening question being asked.
            _fire(conversation, current_step(conversation), "yes", "yes")
        else:
            _again(conversation)
        return True
    if reading.ask is not None:
        _ask(conversation, reading.ask)
        return True
    return False


def _ask(conversation: Conversation, concern: symptoms.Concern) -> None:
    """The safety question, keeping the person's place (a check-in is not abandoned)."""
    red_flags.start_question(conversation, concern)
    conversation.flow, conversation.state = SAFETY.name, "confirm"
    _settle(conversation)


def _returning(conversation: Conversation, text: str) -> None:
    """Text after the question went unseen: a command is obeyed, anything else re-asks.

    A "yes" typed to a question the person never received may answer a
    different one (a safety question above all), so it is never read as an answer.
    """
    intent = parse_intent(text)
    if intent is not None:
        _intent(conversation, intent)
        return
    conversation.say(texts.common.NOT_RECEIVED)
    _again(conversation)


def _invited(conversation: Conversation, invitation: Invitation) -> None:
    """A redeemed invite: the sharing question now, or once set up and screened."""
    if not clinic.accept_invite(conversation, invitation):
        _carry_on(conversation)
    elif clinic.ready_for_invite(conversation):
        _switch(conversation, CLINIC.name, "invited")
    else:
        conversation.say(texts.clinic.INVITE_AFTER_SETUP.format(clinic=invitation.name))
        _carry_on(conversation)


def _carry_on(conversation: Conversation) -> None:
    """After an aside: a new person starts onboarding, anyone else gets their question again."""
    if conversation.state == NEW:
        _switch(conversation, FIRST_FLOW, None)
    else:
        _again(conversation)


def current_step(conversation: Conversation) -> Step:
    """The step the conversation is waiting on."""
    return MACHINES[conversation.flow].flow.step(conversation.state)


def reply_token(conversation: Conversation) -> str:
    """Token of the question currently asked; buttons of older questions are stale."""
    return str(conversation.ctx.prompt_seq)


def choices_of(conversation: Conversation, step: Step) -> tuple[Choice, ...]:
    """The buttons a step offers right now."""
    return step.choices(conversation) if callable(step.choices) else step.choices


def match_choice(choices: tuple[Choice, ...], text: str, *, by_number: bool = True
                 ) -> str | None:
    """A choice picked by id, by label (case-insensitive) or by its 1-based number.

    ``by_number=False`` where a typed number is the answer itself (a 0-10 rating).
    """
    cleaned = normalise(text).strip(" .!")
    for c in choices:
        if cleaned == c.id.lower():
            return c.id
    for c in choices:
        if cleaned == normalise(c.label):
            return c.id
    if by_number and cleaned.isdigit() and 1 <= int(cleaned) <= len(choices):
        return choices[int(cleaned) - 1].id
    return None


def _pressed(conversation: Conversation, step: Step, choice: str, token: str | None) -> None:
    if token is not None and token != reply_token(conversation) and choice not in NAMES:
        conversation.say(texts.common.STALE_BUTTON)
        _show(conversation, step, fresh=False)
        return
    if choice in {c.id for c in choices_of(conversation, step)}:
        conversation.press_taken = True
        _choose(conversation, step, choice)
    elif choice in NAMES:
        conversation.press_taken = True
        _intent(conversation, Intent(choice))
    else:
        _reprompt(conversation, step)


def interpret(conversation: Conversation, step: Step, text: str
              ) -> Answer | Intent | Unreadable | None:
    """What typed ``text`` means at ``step``, in the turn's order of precedence.

    A button (by id, label or number, or a message that is one of its
    everyday phrases) first, then a global intent, then a button whose
    phrases occur in the message, then the step's own reader, then a near
    miss of a phrase. Pure: nothing is said or changed, so tests can ask
    what any answer means at any step.
    """
    choices = choices_of(conversation, step)
    picked = match_choice(choices, text, by_number=not step.numeric)
    phrases = step.phrases
    if picked is None and phrases is not None:
        picked = phrases.exact(text)
    if picked is None and (phrases is None or phrases.near_misses):
        picked = by_label_words(choices, text)
    if picked is not None:
        if MACHINES[conversation.flow].accepts(step.name, picked) or picked in NAMES:
            return Answer(picked)
        text = picked  # a button whose id is the answer itself ("08:00", "3")
    intent = parse_intent(text)
    if intent is not None:
        return intent
    if phrases is not None:
        within = phrases.within(text)
        if len(within) == 1:
            return Answer(within.pop())
    reading = step.read(text) if step.read is not None else None
    if reading is None and phrases is not None:
        near = phrases.near_miss(text)
        if near is not None:
            return Answer(near)
    return reading


def _typed(conversation: Conversation, step: Step, text: str) -> None:
    meaning = interpret(conversation, step, text)
    if isinstance(meaning, Intent):
        _intent(conversation, meaning)
    elif not isinstance(meaning, Answer) and (unknown := unknown_command(text)) is not None:
        _suggest(conversation, text, unknown)
    elif isinstance(meaning, Answer) and meaning.value is None and meaning.trigger in {
            c.id for c in choices_of(conversation, step)}:
        _choose(conversation, step, meaning.trigger)
    else:
        _answered(conversation, step, meaning)


def _suggest(conversation: Conversation, text: str, word: str) -> None:
    """An unknown ``/command``: the nearest one we know, then the question again."""
    nearest = nearest_command(word)
    typed = text.strip().split()[0]
    rest = text.strip()[len(typed):].strip()
    typed = typed if len(typed) <= _ECHO else typed[:_ECHO] + "…"
    if nearest is None:
        conversation.say(texts.common.UNKNOWN_COMMAND_NO_GUESS.format(typed=typed))
    else:
        command = f"/{nearest} {rest if _ECHOABLE.fullmatch(rest) else ''}".strip()
        conversation.say(texts.common.UNKNOWN_COMMAND.format(typed=typed, command=command))
    _again(conversation)


def _choose(conversation: Conversation, step: Step, choice: str) -> None:
    if MACHINES[conversation.flow].accepts(step.name, choice):
        _fire(conversation, step, choice, choice)
    elif choice in NAMES:
        _intent(conversation, Intent(choice))
    else:
        _read(conversation, step, choice)


def _read(conversation: Conversation, step: Step, text: str) -> None:
    _answered(conversation, step, step.read(text) if step.read is not None else None)


def _answered(conversation: Conversation, step: Step, reading: Answer | Unreadable | None
              ) -> None:
    if isinstance(reading, Answer):
        value = reading.trigger if reading.value is None else reading.value
        _fire(conversation, step, reading.trigger, value)
    elif isinstance(reading, Unreadable):
        _reprompt(conversation, step, reading.hint)
    else:
        _reprompt(conversation, step)


def _fire(conversation: Conversation, step: Step, trigger: str, value: object) -> None:
    if not MACHINES[conversation.flow].fire(conversation, trigger, value):
        _reprompt(conversation, step)
        return
    _settle(conversation)


def _settle(conversation: Conversation) -> None:
    """Follow hand-overs and automatic steps until a question is asked."""
    for _ in range(_MAX_HOPS):
        machine = MACHINES[conversation.flow]
        target = machine.exits.get(conversation.state)
        if target is not None and target[0] == red_flags.RESUME:
            back_flow, back_step = red_flags.resume_position(conversation)
            flow, step_name = _gated(conversation, *(
                (FIRST_FLOW, None) if back_step == NEW else (back_flow, back_step)))
            conversation.flow, conversation.state = flow, step_name or MACHINES[flow].flow.initial
            continue
        if target is not None:
            flow, step_name = _gated(conversation, *target)
            if flow in (MENU.name, CHECKIN.name) and clinic.invite_waiting(conversation):
                flow, step_name = CLINIC.name, "invited"
            conversation.flow, conversation.state = flow, step_name or MACHINES[flow].flow.initial
            continue
        if machine.flow.gate.no_safety_hold and conversation.ctx.safety.hold is not None:
            # Defence in depth: a paused programme never shows a gated step.
            checkin.abandon(conversation)
            conversation.flow, conversation.state = SAFETY.name, "held"
            continue
        step = machine.flow.step(conversation.state)
        _show(conversation, step, fresh=True)
        if not step.auto:
            return
        if not machine.fire(conversation, NEXT, None):
            raise RuntimeError(f"{conversation.flow}.{step.name}: no route for {NEXT}")
    raise RuntimeError(f"{conversation.flow}: the flow did not come to rest")


def _gated(conversation: Conversation, flow: str, step: str | None) -> tuple[str, str | None]:
    """Where a request for ``flow`` really leads, saying why when redirected."""
    ctx = conversation.ctx
    gate = MACHINES[flow].flow.gate
    if gate.no_safety_hold and ctx.safety.hold is not None:
        return SAFETY.name, "held"
    if gate.setup_done and not ctx.setup_done:
        conversation.say(texts.common.SETUP_FIRST)
        return ONBOARDING.name, None
    if gate.screened and ctx.screening.completed_at is None:
        conversation.say(texts.common.SCREENING_FIRST)
        return SCREENING.name, None
    return flow, step


def _switch(conversation: Conversation, flow: str, step: str | None) -> None:
    """Leave the current position for ``flow``; a check-in left half way is kept."""
    checkin.abandon(conversation)
    conversation.flow, conversation.state = flow, step or MACHINES[flow].flow.initial
    _settle(conversation)


def _start(conversation: Conversation, flow: str, step: str | None = None) -> None:
    """Start a flow on request, unless a gate keeps the person where they are."""
    target, target_step = _gated(conversation, flow, step)
    if target != flow and target == conversation.flow and target != SAFETY.name:
        _show(conversation, current_step(conversation), fresh=False)
        return
    _switch(conversation, target, target_step)


def _show(conversation: Conversation, step: Step, *, fresh: bool) -> None:
    """Say a step's prompt; its choices ride on the last message with a reply token."""
    choices = choices_of(conversation, step)
    if fresh and (choices or step.read is not None):
        conversation.ctx.prompt_seq += 1
    token = reply_token(conversation) if choices else None
    items = list(step.say(conversation)) if callable(step.say) else [step.say] if step.say else []
    messages = [OutgoingMessage(i) if isinstance(i, str) else i for i in items]
    if choices:
        if messages:
            messages[-1] = replace(messages[-1], choices=choices, reply_token=token)
        elif conversation.out and not conversation.out[-1].choices:
            conversation.out[-1] = replace(conversation.out[-1], choices=choices, reply_token=token)
        else:
            messages = [OutgoingMessage(texts.common.PICK_ONE, choices=choices, reply_token=token)]
    conversation.out.extend(messages)


def _reprompt(conversation: Conversation, step: Step, hint: str | None = None) -> None:
    """Short, and always with the choices again."""
    choices = choices_of(conversation, step)
    if hint is None:
        default = step.hint or (_pick_from(choices) if choices else "")
        lead = (texts.safety.TOUCHED if conversation.red_flag_touched
                else texts.common.DIDNT_UNDERSTAND)
        hint = f"{lead} {default}".strip()
    conversation.say(hint, choices=choices)
    if choices:
        conversation.out[-1] = replace(conversation.out[-1], reply_token=reply_token(conversation))


def _pick_from(choices: tuple[Choice, ...]) -> str:
    """"Please answer “Done”, “Skip” or “Too painful”, or tap a button."."""
    labels = [f"\u201c{c.label}\u201d" for c in choices]
    listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]
    return texts.common.PICK_FROM.format(labels=listed)


def ask_again(conversation: Conversation) -> None:
    """Say the question the conversation waits on once more, and nothing else.

    For a person coming back to a chat they left half way (the terminal
    chat's next start): unlike ``/start`` or ``/menu`` it moves nowhere and
    leaves no check-in, so nothing about the conversation needs saving.
    """
    _again(conversation)


def _again(conversation: Conversation) -> None:
    """After an aside (help, tips ...), ask the current question again."""
    _show(conversation, current_step(conversation), fresh=False)


def _intent(conversation: Conversation, intent: Intent) -> None:
    name, arg = intent.name, intent.arg.strip()
    ctx = conversation.ctx
    if name == "help":
        conversation.say(texts.menu.HELP_TEXT)
        _again(conversation)
    elif name == "tips":
        conversation.say(texts.tips.TIPS)
        _again(conversation)
    elif name == "progress":
        conversation.out.extend(views.progress(conversation))
        _again(conversation)
    elif name == "exercises":
        if ctx.safety.hold is not None:
            _start(conversation, SAFETY.name, "held")
            return
        if ctx.screening.completed_at is None:
            conversation.say(texts.menu.EXERCISES_NOT_READY)
        elif not checked_today(conversation):
            _start(conversation, EXERCISES.name)  # today's safety question first
            return
        else:
            conversation.out.extend(views.exercises(conversation))
        _again(conversation)
    elif name in ("menu", "checkin", "review", "restart", "reminders"):
        _start(conversation, name)
    elif name == "remind":
        _setting(conversation, arg, parse_clock, reminders.set_time, texts.common.TIME_HINT,
                 "ask_time")
    elif name == "timezone":
        _setting(conversation, arg, parse_zone, reminders.set_zone, texts.common.ZONE_UNKNOWN,
                 "ask_zone")
    elif name == "pause":
        _setting(conversation, arg, parse_days, reminders.pause_days,
                 texts.reminders.PAUSE_HINT, "ask_pause")
    elif name == "quiet":
        _setting(conversation, arg, parse_quiet, reminders.set_quiet,
                 texts.reminders.QUIET_HINT, None)
    elif name == "days":
        _setting(conversation, arg, parse_weekdays, reminders.set_days,
                 texts.reminders.DAYS_HINT, None)
    elif name == "stop":
        reminders.stop(conversation)
        _again(conversation)
    elif name == "resume":
        reminders.resume(conversation)
        _again(conversation)
    elif name == "snooze":
        reminders.snooze(conversation)
    elif name == "skip_today":
        conversation.say(texts.reminders.SKIPPED_TODAY)
    elif name == "start":
        _start(conversation, MENU.name)
    elif name in ("sharing", "clinic"):
        _start(conversation, CLINIC.name, "manage")
    elif name == "export":
        data_rights.export(conversation)
        _again(conversation)
    elif name == "delete":
        _switch(conversation, ERASE.name, None)
    elif name == "leave_clinic":
        clinic.leave(conversation, arg)
        _again(conversation)
    elif name == "clinician_only":
        conversation.say(texts.clinic.CLINICIAN_ONLY_HERE)
        conversation.record(ClinicianCommandRefused(conversation.now, arg))
        _again(conversation)
    else:  # pragma: no cover - NAMES and this dispatch are kept in step by a test
        raise ValueError(f"unhandled intent {name!r}")


def _setting(conversation: Conversation, arg: str, parse: Callable[[str], T | None],
             apply: Callable[[Conversation, T], None], hint: str, ask_step: str | None) -> None:
    """A one-line setting (``/remind 08:30``) or, without an argument, its question."""
    if not arg and ask_step is not None:
        _start(conversation, REMINDERS.name, ask_step)
        return
    value = parse(arg)
    if value is None:
        conversation.say(hint)
    else:
        apply(conversation, value)
    _again(conversation)
