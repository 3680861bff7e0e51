"""The web server in the bot's own process (WEB_BASE_URL set): in polling mode it serves
/healthz and /metrics beside polling; in webhook mode one port takes Telegram's webhook
too; a standby answers /healthz as standby and serves everything once it takes over."""

from __future__ import annotations

import asyncio
import signal
import socket
from contextlib import AbstractAsyncContextManager

import httpx

from tests.e2e.test_failover import STANDING_BY, bot_process, log_line
from tests.support.fake_bot_api import FakeBotApi

BASE = "https://bot.example.com"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def web_process(
    api: FakeBotApi, database_url: str, port: int, **env: str
) -> AbstractAsyncContextManager[asyncio.subprocess.Process]:
    """`python -m bootstrap` with WEB_BASE_URL set, listening on 127.0.0.1:`port`."""
    web = {"WEB_BASE_URL": BASE, "WEB_LISTEN": "127.0.0.1", "WEB_PORT": str(port)}
    return bot_process(api, database_url, **web, **env)


async def get_when_up(url: str, seconds: float = 90) -> httpx.Response:
    """GET `url` once the server listens."""
    async with httpx.AsyncClient() as client:
        for _ in range(int(seconds * 10)):
            try:
                return await client.get(url)
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")


async def health_when(port: int, role: str, seconds: float = 90) -> httpx.Response:
    """/healthz once it answers with `role` (a process stands by until it holds the lock)."""
    for _ in range(int(seconds * 10)):
        answer = await get_when_up(f"http://127.0.0.1:{port}/healthz", seconds)
        if answer.json()["role"] == role:
            return answer
        await asyncio.sleep(0.1)
    raise AssertionError(f"/healthz never said {role}")


async def test_polling_with_a_web_base_url_serves_health_and_metrics_beside_the_chat(
    api: FakeBotApi, database_url: str
) -> None:
    port = free_port()
    async with web_process(api, database_url, port) as process:
        health = await health_when(port, "active")
        assert (health.status_code, health.json()) == (200, {"role": "active", "database": "ok"})
        api.send_text(101, "/start")
        await api.next_message(101, "I help you book sessions", timeout=90)
        metrics = await get_when_up(f"http://127.0.0.1:{port}/metrics")
        text = metrics.text
        assert metrics.headers["content-type"].startswith("text/plain")
        assert 'packages_bot_role{role="active"} 1.0' in text
        assert 'packages_bot_role{role="standby"} 0.0' in text
        assert 'packages_bot_updates_total{kind="message"} 1.0' in text
        assert 'packages_bot_handler_seconds_count{kind="message"} 1.0' in text
        assert "packages_bot_reminders_pending 0.0" in text
        assert "packages_bot_handler_errors_total 0.0" in text
        assert api.token not in text and "101" not in text.split("packages_bot_role")[-1]
        process.send_signal(signal.SIGTERM)  # a graceful stop ends the process cleanly
        assert await asyncio.wait_for(process.wait(), 90) == 0


async def test_webhook_mode_serves_the_webhook_and_the_web_on_one_port(
    api: FakeBotApi, database_url: str
) -> None:
    port = free_port()
    hook = {"WEBHOOK_URL": f"{BASE}/hook/abc", "WEBHOOK_SECRET": "tg-secret"}
    async with web_process(api, database_url, port, **hook):
        await health_when(port, "active")
        registered = await api.wait_for_call("setWebhook")
        assert registered.params["url"] == f"{BASE}/hook/abc"
        assert registered.params["secret_token"] == "tg-secret"
        update = {
            "update_id": 5,
            "message": {
                "message_id": 5, "date": 1_764_072_000, "text": "/start",
                "chat": {"id": 103, "type": "private", "first_name": "Cleo"},
                "from": {"id": 103, "is_bot": False, "first_name": "Cleo"},
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }  # fmt: skip
        url = f"http://127.0.0.1:{port}/hook/abc"
        async with httpx.AsyncClient() as client:
            forged = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "x"}
            )
            garbage = await client.post(
                url, content=b"[1", headers={"X-Telegram-Bot-Api-Secret-Token": "tg-secret"}
            )
            real = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "tg-secret"}
            )
        assert (forged.status_code, garbage.status_code, real.status_code) == (403, 400, 200)
        await api.next_message(103, "I help you book sessions", timeout=90)
        assert len(api.messages(103)) == 1


async def test_a_standby_answers_health_as_standby_and_everything_once_active(
    api: FakeBotApi, database_url: str
) -> None:
    first_port, second_port = free_port(), free_port()
    async with web_process(api, database_url, first_port) as first:
        await health_when(first_port, "active")
        async with web_process(api, database_url, second_port) as second:
            await log_line(second, STANDING_BY, 90)
            waiting = await get_when_up(f"http://127.0.0.1:{second_port}/healthz")
            assert (waiting.status_code, waiting.json()["role"]) == (200, "standby")
            metrics = await get_when_up(f"http://127.0.0.1:{second_port}/metrics")
            assert 'packages_bot_role{role="standby"} 1.0' in metrics.text
            first.send_signal(signal.SIGKILL)
            await first.wait()
            now = await health_when(second_port, "active")
            assert now.json() == {"role": "active", "database": "ok"}
            api.send_text(104, "/start")
            await api.next_message(104, "I help you book sessions", timeout=90)
