"""Crash safety: kill the bot with SIGKILL at random moments and prove nothing is lost.

``python -m bench.crash --users 200 --kills 20`` runs ``sciatica-bot chat
--jsonl`` as a separate process on one SQLite file. A scripted client walks
every user through onboarding and a daily check-in for a few scripted days
(a reminder tick each morning), kills the process at random instants,
restarts it and resends the line it saw no answer to with the same event
id, as a platform redelivers. At the end it reads the database and checks
that every completed check-in is stored exactly once, every conversation is
in a state of its flow, every outbox row reached the client, and no
reminder was queued twice.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from sqlalchemy import create_engine, text

from flows.machines import state_names
from flows.turn import ALL_FLOWS

ROOT = Path(__file__).resolve().parent.parent
FIRST_DAY = date(2027, 1, 4)
COMPLETED = "Pain 3 before and after"  # the check-in summary the script's answers lead to

Step = tuple[str, str]  # ("text" or "choice", value)

ONBOARDING: list[Step] = [
    ("text", "hello"), ("choice", "continue"), ("choice", "yes"),
    ("text", "Europe/Berlin"), ("text", "09:00"),
    *[("choice", "no")] * 9,
    ("text", "45"), ("choice", "yes"), ("choice", "no"), ("choice", "later"),
]
CHECKIN: list[Step] = [
    ("text", "/checkin"), ("text", "3"), ("choice", "no"),
    ("choice", "done"), ("choice", "done"), ("choice", "done"), ("text", "3"),
]


@dataclass
class Figures:
    """What the run did and what the database showed afterwards."""

    users: int = 0
    events: int = 0
    resent: int = 0
    kills: int = 0
    checkins_seen: int = 0
    checkins_stored: int = 0
    duplicates: int = 0
    missing: int = 0
    invalid_states: int = 0
    undelivered: int = 0
    unseen_by_client: int = 0
    reminders: int = 0
    duplicate_reminders: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def ok(self) -> bool:
        """Every guarantee held."""
        return not (self.duplicates or self.missing or self.invalid_states or self.undelivered
                    or self.unseen_by_client or self.duplicate_reminders or self.problems)


class Bot:
    """One ``chat --jsonl`` process at a time, restarted after every kill."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "chat", "--jsonl", "--ids", "--db",
             f"sqlite:///{self.db}"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, bufsize=1, cwd=ROOT, env=env,
        )

    def ask(self, line: dict[str, Any], kill_after: float | None) -> dict[str, Any] | None:
        """Send one line; ``None`` if the process died (or was killed) before answering."""
        assert self.process is not None
        assert self.process.stdin
        assert self.process.stdout
        try:
            self.process.stdin.write(json.dumps(line) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            return None
        if kill_after is not None:
            time.sleep(kill_after)
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        answer = _read_line(self.process.stdout)
        return json.loads(answer) if answer else None

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        """Let a live process finish (end of input), then close its pipes."""
        process, self.process = self.process, None
        if process is None:
            return
        assert process.stdin
        assert process.stdout
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
        process.wait(timeout=30)
        process.stdout.close()


def _read_line(stream: IO[str]) -> str:
    try:
        return stream.readline()
    except (OSError, ValueError):
        return ""


class Client:
    """Plays the users; remembers every outbox id it was shown."""

    def __init__(self, bot: Bot, rng: random.Random, kill_points: set[int]) -> None:
        self.bot, self.rng, self.kill_points = bot, rng, kill_points
        self.figures = Figures()
        self.seen: set[int] = set()
        self.completed: Counter[str] = Counter()
        self.reminded: Counter[tuple[str, date]] = Counter()

    def send(self, line: dict[str, Any]) -> dict[str, Any]:
        """Deliver one line until its answer is seen, resending after each kill."""
        self.figures.events += 1
        while True:
            kill = None
            if self.figures.events in self.kill_points:
                self.kill_points.discard(self.figures.events)
                kill = self.rng.uniform(0.0, 0.006)
            answer = self.bot.ask(line, kill)
            if kill is not None:
                self.figures.kills += 1
                self.bot.restart()
            if answer is not None and "error" in answer:
                raise RuntimeError(f"the bot refused a scripted line: {answer['error']}")
            if answer is not None:
                return answer
            self.figures.resent += 1
            if kill is None:  # died by itself: restart it all the same
                self.bot.restart()

    def turn(self, user: str, step: Step, event_id: str, at: datetime) -> list[str]:
        kind, value = step
        answer = self.send({"user": user, kind: value, "id": event_id, "at": at.isoformat()})
        self.seen.update(answer["ids"])
        return [reply["text"] for reply in answer["replies"]]

    def tick(self, at: datetime, day: date) -> None:
        answer = self.send({"tick": at.isoformat()})
        for entry in answer["sent"]:
            new = [i for i in entry["ids"] if i not in self.seen]
            self.seen.update(entry["ids"])
            for reply, outbox_id in zip(entry["replies"], entry["ids"], strict=True):
                if outbox_id in new and "check-in" in reply["text"]:
                    self.reminded[(entry["user"], day)] += 1


def run(db: Path, users: int, kills: int, days: int, seed: int) -> Figures:
    """Play ``users`` through onboarding and ``days`` check-ins with ``kills`` SIGKILLs."""
    rng = random.Random(seed)
    names = [f"user{n:04d}" for n in range(users)]
    total = users * (len(ONBOARDING) + days * len(CHECKIN)) + days
    kill_points = set(rng.sample(range(2, total), min(kills, total - 2)))
    bot = Bot(db)
    client = Client(bot, rng, kill_points)
    started = time.perf_counter()
    bot.start()
    try:
        onboard = datetime.fromisoformat(f"{FIRST_DAY.isoformat()}T08:00:00+01:00")
        _play(client, names, ONBOARDING, "onboard", onboard)
        for d in range(1, days + 1):
            day = FIRST_DAY + timedelta(days=d)
            morning = datetime.fromisoformat(f"{day.isoformat()}T09:01:00+01:00")
            client.tick(morning, day)
            finished = _play(client, names, CHECKIN, f"day{d}", morning + timedelta(hours=1))
            for name in finished:
                client.completed[name] += 1
        client.tick(morning + timedelta(hours=6), FIRST_DAY + timedelta(days=days))
    finally:
        bot.stop()
    figures = client.figures
    figures.seconds = time.perf_counter() - started
    figures.users = users
    figures.checkins_seen = sum(client.completed.values())
    figures.reminders = sum(client.reminded.values())
    figures.duplicate_reminders = sum(n - 1 for n in client.reminded.values() if n > 1)
    _check_database(db, client, figures)
    return figures


def _play(client: Client, names: list[str], steps: list[Step], label: str,
          start: datetime) -> list[str]:
    """Every user takes ``steps`` in turn, interleaved; returns who finished a check-in."""
    finished: list[str] = []
    for index, step in enumerate(steps):
        for n, name in enumerate(names):
            at = start + timedelta(seconds=index * len(names) + n)
            texts = client.turn(name, step, f"{name}-{label}-{index}", at)
            if any(COMPLETED in t for t in texts):
                finished.append(name)
    return finished


def _check_database(db: Path, client: Client, figures: Figures) -> None:
    valid = {flow.name: set(state_names(flow)) for flow in ALL_FLOWS}
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        stored = dict(connection.execute(text(
            "SELECT i.platform_user, count(*) FROM exercise_sessions s "
            "JOIN identities i ON i.user_id = s.user_id "
            "WHERE s.status = 'completed' GROUP BY i.platform_user")).all())
        figures.checkins_stored = sum(stored.values())
        for name in set(stored) | set(client.completed):
            difference = stored.get(name, 0) - client.completed[name]
            figures.duplicates += max(difference, 0)
            figures.missing += max(-difference, 0)
        figures.duplicates += connection.execute(text(
            "SELECT count(*) FROM (SELECT user_id, local_date FROM exercise_sessions "
            "GROUP BY user_id, local_date HAVING count(*) > 1)")).scalar_one()
        for flow, state in connection.execute(text("SELECT flow, state FROM conversations")):
            if state not in valid.get(flow, set()):
                figures.invalid_states += 1
                figures.problems.append(f"invalid state {flow}.{state}")
        figures.undelivered = connection.execute(text(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL")).scalar_one()
        ids = {row[0] for row in connection.execute(text("SELECT id FROM outbox"))}
        figures.unseen_by_client = len(ids - client.seen)
        figures.duplicate_reminders += connection.execute(text(
            "SELECT count(*) FROM (SELECT user_id, local_date, slot FROM reminder_deliveries "
            "GROUP BY user_id, local_date, slot HAVING count(*) > 1)")).scalar_one()
    engine.dispose()


def report(figures: Figures) -> str:
    """The counts, one per line."""
    lines = [
        f"users               {figures.users}",
        f"events              {figures.events}",
        f"kills (SIGKILL)     {figures.kills}",
        f"events resent       {figures.resent}",
        f"check-ins completed {figures.checkins_seen}",
        f"check-ins stored    {figures.checkins_stored}",
        f"duplicates          {figures.duplicates}",
        f"missing             {figures.missing}",
        f"invalid states      {figures.invalid_states}",
        f"undelivered         {figures.undelivered}",
        f"unseen by client    {figures.unseen_by_client}",
        f"reminders           {figures.reminders}",
        f"reminders twice     {figures.duplicate_reminders}",
        f"seconds             {figures.seconds:.1f}",
    ]
    return "\n".join(lines + figures.problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--days", type=int, default=2, help="scripted days of check-ins")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        figures = run(Path(tmp) / "crash.sqlite3", args.users, args.kills, args.days, args.seed)
    print(report(figures))
    return 0 if figures.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
