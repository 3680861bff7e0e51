"""Webhook mode: the bot registers WEBHOOK_URL with its secret (its own random one when
WEBHOOK_SECRET is empty) and answers updates posted to that URL's path on
WEBHOOK_LISTEN:WEBHOOK_PORT; a post without the secret, or with a wrong one, is refused."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from sqlalchemy import select

from bootstrap.__main__ import webhook_options
from bootstrap.app import build_application
from bot.config import load_settings
from bot.kit.context import PackagesApplication
from persistence.db import create_engine, session_factory
from persistence.models import InboxRow
from tests.e2e.conftest import CLIENT
from tests.support.fake_bot_api import FakeBotApi


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_update(update_id: int) -> dict[str, object]:
    person = {"id": CLIENT, "is_bot": False, "first_name": "Cleo"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_764_072_000,
            "chat": {"id": CLIENT, "type": "private", "first_name": "Cleo"},
            "from": person,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


@asynccontextmanager
async def _webhook_bot(
    api: FakeBotApi, database_url: str, port: int, path: str, **settings: Any
) -> AsyncIterator[PackagesApplication]:
    """The bot `packages-bot` runs with WEBHOOK_URL set, serving on 127.0.0.1:`port`."""
    config = load_settings(
        _env_file=None,
        telegram_bot_token=api.token,
        telegram_api_base_url=api.root,
        database_url=database_url,
        webhook_url=f"https://bot.example.com/{path}",
        webhook_listen="127.0.0.1",
        webhook_port=str(port),
        **settings,
    )
    app = build_application(config)
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_webhook(**webhook_options(config))
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def test_webhook_mode_registers_the_url_and_answers_posted_updates(
    api: FakeBotApi, database_url: str
) -> None:
    port = _free_port()
    async with _webhook_bot(api, database_url, port, "hook/abc123", webhook_secret="tg-secret"):
        registered = await api.wait_for_call("setWebhook")
        assert registered.params["url"] == "https://bot.example.com/hook/abc123"
        assert registered.params["secret_token"] == "tg-secret"
        url = f"http://127.0.0.1:{port}/hook/abc123"
        async with httpx.AsyncClient() as client:
            forged = await client.post(
                url, json=_start_update(1), headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
            )
            real = await client.post(
                url,
                json=_start_update(2),
                headers={"X-Telegram-Bot-Api-Secret-Token": "tg-secret"},
            )
        assert forged.status_code == 403
        assert real.status_code == 200
        await api.next_message(CLIENT, "Hi Cleo! I help you book sessions")
        assert len(api.messages(CLIENT)) == 1


async def test_webhook_mode_without_a_secret_makes_one_and_refuses_unsigned_posts(
    api: FakeBotApi, database_url: str
) -> None:
    port = _free_port()
    async with _webhook_bot(api, database_url, port, "hook"):
        registered = await api.wait_for_call("setWebhook")
        secret = registered.params.get("secret_token")
        assert isinstance(secret, str) and len(secret) >= 32
        url = f"http://127.0.0.1:{port}/hook"
        async with httpx.AsyncClient() as client:
            unsigned = await client.post(url, json=_start_update(1))
            wrong = await client.post(
                url, json=_start_update(2), headers={"X-Telegram-Bot-Api-Secret-Token": "x"}
            )
            real = await client.post(
                url, json=_start_update(3), headers={"X-Telegram-Bot-Api-Secret-Token": secret}
            )
        assert (unsigned.status_code, wrong.status_code, real.status_code) == (403, 403, 200)
        await api.next_message(CLIENT, "Hi Cleo! I help you book sessions")
        assert len(api.messages(CLIENT)) == 1


async def test_an_update_is_stored_before_the_200_and_answered_once_when_posted_again(
    api: FakeBotApi, database_url: str
) -> None:
    port = _free_port()
    secret = {"X-Telegram-Bot-Api-Secret-Token": "tg-secret"}
    url = f"http://127.0.0.1:{port}/hook/abc123"
    async with (
        _webhook_bot(api, database_url, port, "hook/abc123", webhook_secret="tg-secret"),
        httpx.AsyncClient() as client,
    ):
        first = await client.post(url, json=_start_update(7), headers=secret)
        assert first.status_code == 200
        assert await stored_update_ids(database_url) == [7]
        await api.next_message(CLIENT, "Hi Cleo! I help you book sessions")
        # Telegram did not get the 200 (say) and sends the update again, twice
        again = [await client.post(url, json=_start_update(7), headers=secret) for _ in "ab"]
        assert [r.status_code for r in again] == [200, 200]
        await asyncio.sleep(1)  # an answer to the copies would come now
        assert len(api.messages(CLIENT)) == 1


async def stored_update_ids(database_url: str) -> list[int]:
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            return list(await session.scalars(select(InboxRow.update_id)))
    finally:
        await engine.dispose()
