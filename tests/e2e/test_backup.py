"""Backups of a running bot: `packages-bot backup` copies the SQLite database while the bot
answers; `packages-bot restore` is refused while the bot process holds the database, and
works once it has stopped."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from tests.e2e.test_failover import bot_process
from tests.support.fake_bot_api import FakeBotApi


async def packages_bot(database_url: str, *args: str) -> tuple[int, str]:
    """Runs `packages-bot ARGS`; its exit code and everything it printed."""
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bootstrap",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        cwd=os.getcwd(),
    )
    out, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode()


async def test_a_running_bot_is_backed_up_and_restored_only_once_stopped(
    api: FakeBotApi, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    backup_file = tmp_path / "backup.db"
    async with bot_process(api, url) as running:
        api.send_text(101, "/start")
        await api.next_message(101, "I help you book sessions", timeout=30)

        code, out = await packages_bot(url, "backup", str(backup_file))
        assert code == 0 and "backup written" in out, out

        code, out = await packages_bot(url, "restore", str(backup_file))
        assert code == 1 and "a bot is running" in out and "stop it first" in out
        api.send_text(102, "/start")  # the bot is untouched and still answers
        await api.next_message(102, "I help you book sessions", timeout=10)
        running.kill()
        await running.wait()

    code, out = await packages_bot(url, "restore", str(backup_file))
    assert code == 0, out
    with closing(sqlite3.connect(tmp_path / "bot.db")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        users = {row[0] for row in db.execute("SELECT telegram_id FROM app_user")}
    assert 101 in users and 102 not in users  # as it was when the backup was taken
