"""Memory benchmark: resident memory of the bot before and after many distinct users.

    .venv/bin/python -m benchmarks.memory [--users 100000] [--trace 15] [--postgres URL]

The project's Application (built by the same factory as `packages-bot`, on SQLite unless a
PostgreSQL URL is given, which is wiped) runs in this process against the fake Bot API
served from a child process (so the fake's records are not counted). Each new user sends
/start and then opens the coach's booking link (`/start c_<slug>`): the updates go through
the update processor exactly as PTB's update fetcher hands them over (`process_update` of the
PerUserProcessor), 256 users at a time. Telegram's 30 messages per second is lifted
(`PriorityRateLimiter(overall_max_rate=...)`): the limiter's memory is measured, not its
pacing. Prints resident memory (VmRSS) before the users and after, and with `--trace N` the
N biggest growths by allocation site (tracemalloc; slows the run, so RSS then is larger).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import multiprocessing
import os
import tempfile
import time
import tracemalloc
from functools import partial
from multiprocessing.connection import Connection
from typing import Any

from telegram import Update

import bootstrap.app
from benchmarks import bots
from bot.kit.rate_limit import PriorityRateLimiter
from tests.support.fake_bot_api import FakeBotApi

FIRST_USER = 50_000_000
BATCH = 256


def rss_mib() -> float:
    with open(f"/proc/{os.getpid()}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def _serve_fake(pipe: Connection) -> None:
    async def serve() -> None:
        async with FakeBotApi() as api:
            pipe.send((api.root, api.token))
            while True:  # the fake records every call; forget them, only answers matter
                await asyncio.sleep(1)
                api.calls.clear()
                api._messages.clear()
                api._outputs.clear()
                api._msg_ids.clear()

    asyncio.run(serve())


def _message(update_id: int, user: int, text: str) -> dict[str, Any]:
    person = {"id": user, "is_bot": False, "first_name": f"User {user}"}
    command = len(text.split(maxsplit=1)[0])
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "from": person,
            "chat": {"id": user, "type": "private", "first_name": person["first_name"]},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": command}],
        },
    }


async def visit(app: Any, users: range, slug: str) -> None:
    """Each user sends /start, then opens the booking link, through the update processor."""
    processor = app.update_processor

    async def one(user: int) -> None:
        for n, text in enumerate(("/start", f"/start c_{slug}")):
            update = Update.de_json(_message(user * 2 + n, user, text), app.bot)
            await processor.process_update(update, app.process_update(update))

    for start in range(users.start, users.stop, BATCH):
        await asyncio.gather(*(one(u) for u in range(start, min(start + BATCH, users.stop))))


async def run(url: str, root: str, token: str, users: int, trace: int) -> None:
    await bots.fresh_database(url)
    slug = await bots.seed_catalog(url)
    api = FakeBotApi()  # not started: only its address and token are used
    api.host, api.port = root.rsplit(":", 1)[0][len("http://") :], int(root.rsplit(":", 1)[1])
    api.token = token
    app = bots.project_app(api, url)
    await app.initialize()
    await app.start()
    try:
        await visit(app, range(FIRST_USER - 1000, FIRST_USER), slug)  # warm: caches, pools
        gc.collect()
        before = rss_mib()
        snapshot = tracemalloc.take_snapshot() if trace else None
        started = time.monotonic()
        await visit(app, range(FIRST_USER, FIRST_USER + users), slug)
        seconds = time.monotonic() - started
        gc.collect()
        after = rss_mib()
    finally:
        await app.stop()
        await app.shutdown()
    print(f"{users:,} users, /start and the booking link each, in {seconds:.0f} s")
    print(f"resident memory before: {before:.1f} MiB")
    print(f"resident memory after:  {after:.1f} MiB")
    print(f"growth: {after - before:.1f} MiB ({(after - before) * 2**20 / users:.0f} B per user)")
    if snapshot is not None:
        top = tracemalloc.take_snapshot().compare_to(snapshot, "lineno")[:trace]
        for stat in top:
            print(f"  {stat.size_diff / 2**20:7.2f} MiB {stat.count_diff:+9} {stat.traceback}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--trace", type=int, default=0, help="show the N biggest growths")
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL it may wipe")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.trace:
        tracemalloc.start()
    # The limiter as built, without Telegram's pacing (memory is measured, not waiting).
    bootstrap.app.PriorityRateLimiter = partial(PriorityRateLimiter, overall_max_rate=1e9)  # type: ignore[assignment, attr-defined]
    here, there = multiprocessing.get_context("spawn").Pipe()
    fake = multiprocessing.get_context("spawn").Process(target=_serve_fake, args=(there,))
    fake.start()
    try:
        root, token = here.recv()
        with tempfile.TemporaryDirectory() as tmp:
            url = args.postgres or f"sqlite+aiosqlite:///{tmp}/memory.db"
            asyncio.run(run(url, root, token, args.users, args.trace))
    finally:
        fake.terminate()
        fake.join()


if __name__ == "__main__":
    main()
