"""Two real `packages-bot` processes on one database: one answers, the other stands by and
answers once the first is killed (PostgreSQL advisory lock; SQLite lock file)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tests.support.fake_bot_api import FakeBotApi

STANDING_BY = b"standing by to take over"


@asynccontextmanager
async def bot_process(
    api: FakeBotApi, database_url: str, coaches: str = "", **more: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`python -m bootstrap` against the fake Bot API (killed on leaving, if still running)."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.root,
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        "COACH_TELEGRAM_IDS": coaches,
        **more,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bootstrap", env=env, stderr=asyncio.subprocess.PIPE, cwd=os.getcwd()
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()


async def log_line(process: asyncio.subprocess.Process, needle: bytes, seconds: float) -> bytes:
    """The first stderr line containing `needle`."""
    assert process.stderr is not None

    async def scan() -> bytes:
        while line := await process.stderr.readline():  # type: ignore[union-attr]
            if needle in line:
                return line
        raise AssertionError(f"the process ended without logging {needle!r}")

    return await asyncio.wait_for(scan(), seconds)


async def test_a_standby_process_takes_over_when_the_active_one_is_killed(
    api: FakeBotApi, database_url: str
) -> None:
    async with bot_process(api, database_url) as first:
        api.send_text(101, "/start")
        await api.next_message(101, "I help you book sessions", timeout=30)
        async with bot_process(api, database_url) as second:
            await log_line(second, STANDING_BY, 30)
            api.send_text(102, "/start")
            await api.next_message(102, "I help you book sessions", timeout=10)
            await asyncio.sleep(1)
            assert len(api.outputs(102)) == 1  # one process answered, not both
            first.send_signal(signal.SIGKILL)
            await first.wait()
            api.send_text(103, "/start")
            await api.next_message(103, "I help you book sessions", timeout=20)
            assert second.returncode is None
