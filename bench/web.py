"""The web path: webhook requests to a real `sciatica-bot serve` on 127.0.0.1.

Two measurements:

* **End to end, against rivals** (``--compare``): the same people (150 by
  default) each send the same eight updates as Telegram webhooks (16 in
  flight) to ``sciatica-bot serve``, to python-telegram-bot's own
  ``Application.run_webhook`` (``ConversationHandler`` + ``PicklePersistence``)
  and to aiogram's aiohttp webhook server (:mod:`bench.web_rivals`); every
  reply is counted at the fake Bot API (its own process,
  :mod:`fakes.telegram_process`) until the last one arrived. The rivals send
  the same texts and buttons ours sends at each step. Sides take turns in
  interleaved rounds (a fresh server and database each), so load from other
  work on the machine hits all alike. Reports updates/s to the last reply,
  the time to post them all (ours answers each after its commit; the
  rivals before they handle it), and p50/p99 from a webhook's POST to the
  arrival of its last reply.
* **Requests/s to the 200** (``bench.web.run``, part of ``python -m bench``):
  a bounded load of Telegram updates and signed Slack ``message.im`` events.

    python -m bench.web --compare [--people 150] [--rounds 3] [--db postgresql://...]
    python -m bench.web [--requests 3000] [--slack 1000] [--db postgresql://...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.reminders import scratch_database
from bench.turns import percentile
from bench.web_rivals import Reply
from bot.telegram.webhook import SECRET_HEADER
from fakes.http import LocalServer, free_port
from fakes.serve_process import serving, serving_process
from fakes.slack import FakeSlack
from fakes.slack_workspace import SECRET as SLACK_SECRET
from fakes.slack_workspace import dm_of, fixture, signature
from fakes.telegram import TOKEN, FakeTelegram
from fakes.telegram_process import fake_telegram

TELEGRAM_SECRET = "bench-secret_0123456789"


@dataclass(frozen=True)
class Load:
    """What one load run measured."""

    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def serve(database_url: str, telegram: FakeTelegram, slack_api: str, **extra: str
          ) -> AbstractContextManager[str]:
    """`sciatica-bot serve` as its own process, pointed at the fakes (``extra``: more settings)."""
    return serving({
        "DATABASE_URL": database_url, "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET, "TELEGRAM_API_URL": f"{telegram.url}/bot",
        "TELEGRAM_FILE_URL": f"{telegram.url}/file/bot", "TELEGRAM_RATE_PER_CHAT": "1000",
        "TELEGRAM_RATE_GLOBAL": "5000", "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_API_URL": f"{slack_api}/api/",
        "SLACK_RATE_PER_CHANNEL": "1000", "SLACK_RATE_GLOBAL": "5000", **extra,
    })


async def _load(requests: list[tuple[str, bytes, dict[str, str]]], in_flight: int) -> Load:
    latencies: list[float] = []
    errors = 0
    queue = iter(requests)
    async with httpx.AsyncClient(timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            for url, body, headers in queue:
                started = time.perf_counter()
                response = await client.post(url, content=body, headers=headers)
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(in_flight)))
        seconds = time.perf_counter() - started
    return Load(len(latencies), seconds, errors, percentile(latencies, 50) * 1000,
                percentile(latencies, 99) * 1000)


def telegram_load(url: str, fake: FakeTelegram, count: int, people: int, in_flight: int
                  ) -> Load:
    """``count`` updates from ``people`` people: first contact, then answers."""
    texts = ["hello", "1", "yes", "Berlin", "09:00", "no", "tips", "help"]
    requests = []
    for n in range(count):
        person, step = 7_000_000 + n % people, n // people
        update = fake.text_update(person, texts[step % len(texts)])
        requests.append((url + "/telegram/webhook", json.dumps(update).encode(),
                         {SECRET_HEADER: TELEGRAM_SECRET, "content-type": "application/json"}))
    return asyncio.run(_load(requests, in_flight))


def slack_load(url: str, count: int, in_flight: int) -> Load:
    """``count`` signed first messages from different Slack users."""
    requests = []
    stamp = str(int(time.time()))
    for n in range(count):
        payload = fixture("message_im")
        payload["event_id"] = f"EvBench{n:08d}"
        user = f"U{n:08d}"
        payload["event"].update(user=user, text="hello", channel=dm_of(user))
        body = json.dumps(payload).encode()
        requests.append((url + "/slack/events", body, {
            "content-type": "application/json", "x-slack-request-timestamp": stamp,
            "x-slack-signature": signature(body, stamp)}))
    return asyncio.run(_load(requests, in_flight))


def run(server_url: str | None, folder: Path, requests: int, slack: int, in_flight: int
        ) -> tuple[Load, Load]:
    """Both loads against one fresh database; returns (Telegram, Slack)."""
    telegram_fake, slack_fake = FakeTelegram(), FakeSlack()
    telegram_server, slack_server = LocalServer(telegram_fake.app), LocalServer(slack_fake.app)
    telegram_fake.url = telegram_server.url
    telegram_server.start()
    slack_server.start()
    try:
        with scratch_database(server_url, folder) as url, \
                serve(url, telegram_fake, slack_server.url) as base:
            return (telegram_load(base, telegram_fake, requests, max(1, requests // 8),
                                  in_flight),
                    slack_load(base, slack, in_flight))
    finally:
        telegram_fake.close()
        telegram_server.stop()
        slack_server.stop()


#: What each person sends, in order: first contact, consent, screening, time zone,
#: reminder time, a safety answer, then two requests.
PEOPLE_TEXTS = ("hello", "1", "yes", "Berlin", "09:00", "no", "tips", "help")
FIRST_PERSON = 7_000_000
SIDES = ("ours", "ptb", "aiogram")
SIDE_NAMES = {
    "ours": "ours: `sciatica-bot serve`",
    "ptb": "python-telegram-bot `run_webhook`, ConversationHandler + PicklePersistence",
    "aiogram": "aiogram webhook server (aiohttp), FSM + MemoryStorage",
}


def our_script(folder: Path) -> list[list[Reply]]:
    """What our bot sends at each of :data:`PEOPLE_TEXTS`: HTML and buttons, per message.

    Run through the engine on a scratch database and rendered as the
    Telegram sender renders it, so the rivals can send the same bytes.
    """
    from bot.clock import SystemClock
    from bot.engine import Engine
    from bot.telegram.render import TextPart, render
    from core.messages import InboundEvent
    from storage.database import Database, upgrade

    db = Database.connect(f"sqlite:///{folder / 'script.sqlite3'}")
    upgrade(db.engine)
    clock = SystemClock()
    engine = Engine(db, clock)
    steps: list[list[Reply]] = []
    try:
        for index, text in enumerate(PEOPLE_TEXTS):
            result = engine.handle(InboundEvent(platform="telegram", user="1", chat="1",
                                                event_id=f"script-{index}", at=clock.now(),
                                                text=text))
            step: list[Reply] = []
            for queued in result.deliveries:
                for part in render(queued.message):
                    assert isinstance(part, TextPart), "the script's steps send text only"
                    rows = None if part.keyboard is None else [
                        [[b.text, str(b.callback_data)] for b in row]
                        for row in part.keyboard.inline_keyboard]
                    step.append((part.html, rows))
            steps.append(step)
    finally:
        db.dispose()
    return steps


@dataclass(frozen=True)
class Run:
    """One side's end-to-end run."""

    side: str
    updates: int
    replies: int
    expected: int
    seconds: float  # first POST to the last reply's arrival
    posting_seconds: float  # first POST to the last 200
    errors: int
    p50_ms: float  # a webhook's POST to the arrival of its last reply
    p99_ms: float
    load: float  # the machine's 1-minute load average when the run ended
    server_cpu: float  # CPU seconds the side's server process used (every thread)
    fake_cpu: float  # ... the fake Bot API

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0


@contextmanager
def side_server(side: str, api: str, folder: Path, script_path: Path,
                database_url: str | None) -> Iterator[tuple[str, int]]:
    """Start one side's webhook server, pointed at the fake ``api``; yield its URL and pid."""
    if side == "ours":
        assert database_url is not None
        with serving_process({
            "DATABASE_URL": database_url, "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET, "TELEGRAM_API_URL": f"{api}/bot",
            "TELEGRAM_FILE_URL": f"{api}/file/bot", "TELEGRAM_RATE_PER_CHAT": "1000",
            "TELEGRAM_RATE_GLOBAL": "5000",
        }) as (base, process):
            yield base + "/telegram/webhook", process.pid
        return
    port = free_port()
    process = subprocess.Popen([
        sys.executable, "-m", "bench.web_rivals", side, "--api", api, "--token", TOKEN,
        "--port", str(port), "--secret", TELEGRAM_SECRET, "--folder", str(folder),
        "--script", str(script_path)], cwd=Path(__file__).resolve().parents[1],
        env=dict(os.environ, PYTHONWARNINGS="ignore"))
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{side} exited early with code {process.returncode}")
            try:  # no secret: any answer at all means it is serving
                httpx.post(url, content=b"{}", timeout=1)
                break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{side} did not come up")
            time.sleep(0.1)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


#: Builds the updates: one for the whole run, so every update id is new (ours dedupes on it).
_PEOPLE = FakeTelegram()


def _updates(people: range) -> list[tuple[int, int, bytes]]:
    """(person, step, body) for everyone's eight updates: step by step, person by person."""
    maker = _PEOPLE
    return [(person, step, json.dumps(maker.text_update(person, text)).encode())
            for step, text in enumerate(PEOPLE_TEXTS) for person in people]


async def _post_all(url: str, updates: list[tuple[int, int, bytes]], in_flight: int
                    ) -> tuple[dict[tuple[int, int], float], float, int]:
    """POST every update, ``in_flight`` at once; (when each was posted, last 200, errors)."""
    posted: dict[tuple[int, int], float] = {}
    errors = 0
    last = 0.0
    queue = iter(updates)
    headers = {SECRET_HEADER: TELEGRAM_SECRET, "content-type": "application/json"}
    limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:

        async def worker() -> None:
            nonlocal errors, last
            for person, step, body in queue:
                posted[(person, step)] = time.monotonic()
                response = await client.post(url, content=body, headers=headers)
                last = max(last, time.monotonic())
                if response.status_code != 200:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(in_flight)))
    return posted, last, errors


def _wait_for_sends(api: str, expected: int, timeout: float) -> list[tuple[int, float]]:
    """Every send since the fake's last reset, once ``expected`` arrived (or at ``timeout``)."""
    deadline = time.monotonic() + timeout
    # One client for the whole wait: a new one per poll made a TLS context each time,
    # CPU taken from the side being measured while it was still delivering.
    with httpx.Client(timeout=30) as client:
        while True:
            count = client.get(f"{api}/_fake/sends?since=999999999").json()["count"]
            if count >= expected or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        time.sleep(0.2)  # anything beyond the expected count (there should be nothing)
        sends = client.get(f"{api}/_fake/sends?since=0").json()["sends"]
    return [(int(chat), float(at)) for chat, at in sends]


def process_cpu(pid: int) -> float:
    """CPU seconds (user and system, every thread) a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def end_to_end(side: str, api: str, url: str, pid: int, script: list[list[Reply]],
               people: range, in_flight: int) -> Run:
    """Post everyone's updates to ``url``; measure until their last reply reached ``api``.

    CPU time is counted beside the wall clock: on a machine shared with
    other work, the wall clock says as much about the others as about us.
    """
    httpx.post(f"{api}/_fake/reset", timeout=10)
    fake_cpu = httpx.get(f"{api}/_fake/sends?since=999999999", timeout=10).json()["cpu"]
    server_cpu = process_cpu(pid)
    updates = _updates(people)
    counts = [len(step) for step in script]
    expected = sum(counts) * len(people)
    posted, last_answer, errors = asyncio.run(_post_all(url, updates, in_flight))
    sends = _wait_for_sends(api, expected, timeout=180)
    server_cpu = process_cpu(pid) - server_cpu
    fake_cpu = httpx.get(f"{api}/_fake/sends?since=999999999", timeout=10).json()["cpu"] - fake_cpu
    first = min(posted.values())
    by_chat: dict[int, list[float]] = {}
    for chat, at in sends:
        by_chat.setdefault(chat, []).append(at)
    latencies = []
    for (person, step), at in posted.items():
        arrivals = sorted(by_chat.get(person, []))
        last_of_step = sum(counts[:step + 1]) - 1
        if last_of_step < len(arrivals):
            latencies.append(arrivals[last_of_step] - at)
    end = max((at for _, at in sends), default=first)
    return Run(side, len(updates), len(sends), expected, end - first, last_answer - first,
               errors, percentile(latencies, 50) * 1000 if latencies else float("nan"),
               percentile(latencies, 99) * 1000 if latencies else float("nan"),
               os.getloadavg()[0], server_cpu, fake_cpu)


def compare(server_url: str | None, folder: Path, people: int, rounds: int, in_flight: int,
            sides: tuple[str, ...] = SIDES, warm_up: int = 8) -> list[Run]:
    """Interleaved rounds of every side; each round's order is rotated by one."""
    script = our_script(folder)
    script_path = folder / "script.json"
    script_path.write_text(json.dumps(script))
    crowd = range(FIRST_PERSON, FIRST_PERSON + people)
    early = range(FIRST_PERSON - warm_up, FIRST_PERSON)
    runs: list[Run] = []
    with fake_telegram() as api:
        for number in range(rounds):
            order = sides[number % len(sides):] + sides[:number % len(sides)]
            for side in order:
                side_folder = folder / f"{side}-{number}"
                side_folder.mkdir()
                database = (scratch_database(server_url, side_folder) if side == "ours"
                            else nullcontext(None))
                with database as database_url, side_server(
                        side, api, side_folder, script_path, database_url) as (url, pid):
                    if warm_up:  # first calls pay for imports and connections: not measured
                        end_to_end(side, api, url, pid, script, early, in_flight)
                    run = end_to_end(side, api, url, pid, script, crowd, in_flight)
                print(f"round {number + 1} {side}: {run.per_second:.0f} updates/s, "
                      f"posted in {run.posting_seconds:.2f} s, last reply at "
                      f"{run.seconds:.2f} s, p50 {run.p50_ms:.1f} ms, p99 {run.p99_ms:.1f} ms, "
                      f"replies {run.replies}/{run.expected}, non-200 {run.errors}, "
                      f"server CPU {run.server_cpu / run.updates * 1000:.2f} ms/update, "
                      f"fake CPU {run.fake_cpu:.1f} s, load {run.load:.1f}", flush=True)
                runs.append(run)
    return runs


def comparison_table(runs: list[Run], database: str) -> list[str]:
    """Markdown rows: each side's median over the rounds, and ours against it."""
    rows = ["| side | database | updates/s | posted in s | last reply at s | p50 ms | p99 ms "
            "| ours ÷ side | server CPU ms/update | load avg |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    by_side: dict[str, list[Run]] = {}
    for run in runs:
        by_side.setdefault(run.side, []).append(run)
    ours_runs = by_side.get("ours", [])
    ours = statistics.median(r.per_second for r in ours_runs) if ours_runs else float("nan")
    for side, side_runs in by_side.items():
        rate = statistics.median(r.per_second for r in side_runs)
        complete = all(r.replies >= r.expected for r in side_runs)
        rows.append(
            f"| {SIDE_NAMES[side]} | {database if side == 'ours' else 'memory / pickle'} | "
            f"{rate:,.0f}{'' if complete else ' (replies missing)'} | "
            f"{statistics.median(r.posting_seconds for r in side_runs):.2f} | "
            f"{statistics.median(r.seconds for r in side_runs):.2f} | "
            f"{statistics.median(r.p50_ms for r in side_runs):.1f} | "
            f"{statistics.median(r.p99_ms for r in side_runs):.1f} | "
            f"{ours / rate if rate else float('nan'):.2f} | "
            f"{statistics.median(r.server_cpu / r.updates for r in side_runs) * 1000:.2f} | "
            f"{statistics.median(r.load for r in side_runs):.1f} |")
    return rows


def main() -> None:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--slack", type=int, default=1000)
    parser.add_argument("--in-flight", type=int, default=16)
    parser.add_argument("--db", help="PostgreSQL server URL (default: a SQLite file)")
    parser.add_argument("--compare", action="store_true",
                        help="end to end against python-telegram-bot's and aiogram's "
                             "webhook servers")
    parser.add_argument("--people", type=int, default=150, help="with --compare")
    parser.add_argument("--rounds", type=int, default=3, help="with --compare")
    parser.add_argument("--sides", default=",".join(SIDES),
                        help="with --compare: which sides, comma-separated")
    args = parser.parse_args()
    if args.compare:
        with tempfile.TemporaryDirectory() as folder:
            runs = compare(args.db, Path(folder), args.people, args.rounds, args.in_flight,
                           tuple(args.sides.split(",")))
        print()
        print("\n".join(comparison_table(runs, "PostgreSQL" if args.db else "SQLite")))
        return
    with tempfile.TemporaryDirectory() as folder:
        telegram, slack = run(args.db, Path(folder), args.requests, args.slack, args.in_flight)
    for name, load in (("Telegram webhook", telegram), ("Slack events (ack)", slack)):
        print(f"{name}: {load.requests} requests, {load.per_second:.0f}/s, "
              f"p50 {load.p50_ms:.1f} ms, p99 {load.p99_ms:.1f} ms, non-200: {load.errors}")


if __name__ == "__main__":
    main()
