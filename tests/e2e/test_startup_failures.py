"""Start-up failures, as a new user meets them: the real `packages-bot` process, its whole
stderr read. One or two plain lines naming the cause and the setting, a non-zero exit, the
token never shown; the traceback only at LOG_LEVEL=DEBUG, masked."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from tests.support.fake_bot_api import FakeBotApi

# As long as a real token: id, colon, 35 characters.
TOKEN = "7312345678:AAHfiqksKZ8WmR2zSjiQ7_v4TQAH4hA6r5Y"


async def run_bot(tmp_path: Path, *args: str, **env: str) -> tuple[int, str]:
    """Runs `packages-bot` in a clean directory; returns its exit code and whole stderr."""
    settings = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db",
        **env,
    }
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bootstrap",
        *args,
        cwd=tmp_path,
        env={**keep, **settings},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, stderr.decode()


def assert_plain(stderr: str, *words: str) -> None:
    """stderr ends in one or two `packages-bot:` lines, the first naming cause and setting;
    log lines may come before them, a traceback may not."""
    lines = stderr.strip().splitlines()
    ours = [line for line in lines if line.startswith("packages-bot: ")]
    assert 1 <= len(ours) <= 2 and lines[-len(ours) :] == ours, stderr
    assert "Traceback" not in stderr
    for word in words:
        assert word in ours[0], stderr


async def test_a_rejected_token_is_named_without_showing_it(tmp_path: Path) -> None:
    async with FakeBotApi() as api:  # it answers 401 to any token but its own
        code, stderr = await run_bot(tmp_path, TELEGRAM_API_BASE_URL=api.root)
        assert any(call.method == "getMe" and call.status == 401 for call in api.calls)
    assert code != 0
    assert_plain(stderr, "rejected the bot token", "TELEGRAM_BOT_TOKEN")
    assert TOKEN not in stderr and TOKEN.split(":")[1] not in stderr


async def test_at_debug_level_the_traceback_is_shown_masked(tmp_path: Path) -> None:
    async with FakeBotApi() as api:
        code, stderr = await run_bot(tmp_path, TELEGRAM_API_BASE_URL=api.root, LOG_LEVEL="DEBUG")
    assert code != 0
    assert "Traceback" in stderr and "InvalidToken" in stderr
    assert TOKEN not in stderr and TOKEN.split(":")[1] not in stderr


async def test_an_unreachable_telegram_names_the_api_setting(tmp_path: Path) -> None:
    code, stderr = await run_bot(tmp_path, TELEGRAM_API_BASE_URL="http://127.0.0.1:9")
    assert code != 0
    assert_plain(stderr, "cannot reach the Telegram Bot API", "TELEGRAM_API_BASE_URL")
    assert TOKEN not in stderr


async def test_an_unreachable_database_names_database_url(tmp_path: Path) -> None:
    url = "postgresql+asyncpg://bot:s3cret-pw@127.0.0.1:9/packages"
    code, stderr = await run_bot(tmp_path, DATABASE_URL=url)
    assert code != 0
    assert_plain(stderr, "cannot reach the database", "DATABASE_URL")
    assert "s3cret-pw" not in stderr


@pytest.mark.parametrize("command", [(), ("migrate",)])
async def test_a_failed_migration_names_database_url(tmp_path: Path, command: tuple[str]) -> None:
    code, _ = await run_bot(tmp_path, "migrate")
    assert code == 0
    database = tmp_path / "bot.db"
    proc = await asyncio.create_subprocess_exec(
        "sqlite3", str(database), "UPDATE alembic_version SET version_num = 'zz99'"
    )
    assert await proc.wait() == 0
    code, stderr = await run_bot(tmp_path, *command)
    assert code != 0
    assert_plain(stderr, "upgrading the database schema failed", "DATABASE_URL")
