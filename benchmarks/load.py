"""Load benchmark: the project's Application against a bare PTB bot, same fake Bot API.

    .venv/bin/python -m benchmarks.load [--postgres postgresql+asyncpg://...] [--latency 0.05]

For each database (SQLite always; PostgreSQL when a URL is given, and that database is wiped):
new users open the coach's booking link at `--rate` per second for `--seconds` (steady
p50/p99 from injecting the update to the bot's answer), then `--burst` new users at once while
20 users who already saw the booking page press a package (their second step). The bare bot
runs the same load in the same run; the ratios project/bare are what count on a shared
machine. Then start-up time and memory with 100,000 users who once used the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks import bots
from tests.support.fake_bot_api import FakeBotApi

WARMUP, STEADY, WARM, BURST = 1_000_000, 2_000_000, 3_000_000, 4_000_000
SECOND_STEPS = 20


class ErrorCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class Result:
    steady: list[float]
    burst_seconds: float
    second_steps: list[float]
    errors: int


def p(values: list[float], q: int) -> float:
    """The q-th percentile in milliseconds."""
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


async def answers(api: FakeBotApi, sent: dict[int, float], seconds: float = 120) -> list[float]:
    """Per chat, time from `sent[chat]` to the bot's first message after it."""
    deadline = time.monotonic() + seconds
    while True:
        replies: dict[int, list[float]] = defaultdict(list)
        for call in api.calls:
            if call.method == "sendMessage" and call.status == 200:
                replies[int(call.params["chat_id"])].append(call.at)
        waits = [
            min((t for t in replies[chat] if t >= at), default=None) for chat, at in sent.items()
        ]
        if all(w is not None for w in waits) or time.monotonic() > deadline:
            return [w - sent[c] for w, c in zip(waits, sent, strict=True) if w is not None]
        await asyncio.sleep(0.1)


async def steady_load(
    api: FakeBotApi, slug: str, rate: float, seconds: float, first_user: int = STEADY
) -> list[float]:
    sent: dict[int, float] = {}
    start = time.monotonic()
    for i in range(int(rate * seconds)):
        await asyncio.sleep(max(0.0, start + i / rate - time.monotonic()))
        sent[first_user + i] = time.monotonic()
        api.open_deep_link(first_user + i, f"c_{slug}")
    return await answers(api, sent)


async def burst_load(api: FakeBotApi, slug: str, size: int) -> tuple[float, list[float]]:
    warm = {WARM + i: time.monotonic() for i in range(SECOND_STEPS)}
    for chat in warm:
        api.open_deep_link(chat, f"c_{slug}")
    await answers(api, warm)
    started = time.monotonic()
    burst = {BURST + i: started for i in range(size)}
    for chat in burst:
        api.open_deep_link(chat, f"c_{slug}")
    presses = {}
    for chat in warm:  # right behind the burst in the update queue
        presses[chat] = time.monotonic()
        api.press_button(chat, bots.PACKAGE_TITLE)
    burst_waits = await answers(api, burst)
    return max(burst_waits), await answers(api, presses)


async def run_one(make_app: Callable[[FakeBotApi], Any], slug: str, args: Any) -> Result:
    errors = ErrorCount()
    logging.getLogger().addHandler(errors)
    try:
        async with FakeBotApi(latency=args.latency) as api:
            async with bots.polling(make_app(api)):
                # Not measured: connections opened, caches filled, as in a process running
                # for a while.
                await steady_load(api, slug, args.rate, args.warmup, WARMUP)
                steady = await steady_load(api, slug, args.rate, args.seconds)
                burst, second = await burst_load(api, slug, args.burst)
    finally:
        logging.getLogger().removeHandler(errors)
    return Result(steady, burst, second, errors.count)


def figures(result: Result) -> list[float]:
    return [
        p(result.steady, 50),
        p(result.steady, 99),
        result.burst_seconds,
        p(result.second_steps, 99),
    ]


def report(name: str, project: Result, bare: Result, no_inbox: Result) -> None:
    """The project against the bare bot; "no inbox" is the project without storing each
    update before confirming it (benchmark only), to show what that costs."""
    print(f"\n== {name}")
    labels = ["steady p50 ms", "steady p99 ms", "burst: last answer s", "second step p99 ms"]
    print(f"{'':34}{'project':>12}{'bare':>12}{'ratio':>8}{'no inbox':>12}")
    for label, mine, theirs, without in zip(
        labels, figures(project), figures(bare), figures(no_inbox), strict=True
    ):
        print(f"{label:34}{mine:12.1f}{theirs:12.1f}{mine / theirs:8.2f}{without:12.1f}")
    counts = (len(project.steady), len(bare.steady), len(no_inbox.steady))
    print(f"{'answered (steady)':34}{counts[0]:12}{counts[1]:12}{'':8}{counts[2]:12}")
    errors = (project.errors, bare.errors, no_inbox.errors)
    print(f"{'errors logged':34}{errors[0]:12}{errors[1]:12}{'':8}{errors[2]:12}")


async def startup(url: str) -> tuple[float, float]:
    """Seconds and MiB allocated to build and initialize the project's Application."""
    async with FakeBotApi() as api:
        tracemalloc.start()
        started = time.monotonic()
        app = bots.project_app(api, url)
        await app.initialize()
        seconds = time.monotonic() - started
        mib = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
        await app.shutdown()
    return seconds, mib


async def database_run(name: str, url: str, args: Any) -> None:
    await bots.fresh_database(url)
    slug = await bots.seed_catalog(url)
    project = await run_one(lambda api: bots.project_app(api, url), slug, args)
    bare = await run_one(bots.bare_app, slug, args)
    await bots.fresh_database(url)  # new users again
    slug = await bots.seed_catalog(url)
    no_inbox = await run_one(lambda api: bots.project_app(api, url, inbox=False), slug, args)
    report(name, project, bare, no_inbox)
    await bots.fresh_database(url)
    empty = await startup(url)
    await bots.seed_users(url, args.users)
    seeded = await startup(url)
    for users, (seconds, mib) in ((0, empty), (args.users, seeded)):
        print(f"start-up with {users:,} users who used the bot: {seconds:.2f} s, {mib:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL it may wipe")
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--rate", type=float, default=25)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=3, help="seconds, not measured")
    parser.add_argument("--burst", type=int, default=300)
    parser.add_argument("--users", type=int, default=100_000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    print(
        f"Bot API latency {args.latency * 1000:.0f} ms per call; {args.rate}/s for "
        f"{args.seconds} s; burst {args.burst}; {SECOND_STEPS} second steps in the burst"
    )
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(database_run("SQLite", f"sqlite+aiosqlite:///{tmp}/bench.db", args))
    if args.postgres:
        asyncio.run(database_run("PostgreSQL", args.postgres, args))


if __name__ == "__main__":
    main()
