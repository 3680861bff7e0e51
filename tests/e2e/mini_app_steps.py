"""Steps for the Mini App's stories: the web app the bot's process serves (built by the same
bootstrap function), called over HTTP with initData signed for the bot or for another."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from bootstrap.web import web_app_for
from persistence.db import create_engine, session_factory
from persistence.health import DatabaseProbe
from tests.e2e.conftest import BotHarness
from tests.support.init_data import signed_init_data

BASE = "https://bot.example.com"


@asynccontextmanager
async def web_client(harness: BotHarness) -> AsyncIterator[httpx.AsyncClient]:
    app = harness.app
    assert app is not None
    engine = create_engine(harness.database_url)
    try:
        probe = DatabaseProbe(session_factory(engine), harness.clock)
        web = web_app_for(app, app.deps.settings, probe)
        transport = httpx.ASGITransport(app=web)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            yield client
    finally:
        await engine.dispose()


def as_user(harness: BotHarness, user_id: int, token: str | None = None) -> dict[str, str]:
    """The Authorization header the Mini App sends for `user_id` (signed with `token`)."""
    signing = token or harness.api.token
    data = signed_init_data(signing, user_id, harness.clock.now)
    return {"Authorization": f"tma {data}"}


def calendar_url(button: dict[str, Any] | None) -> str:
    assert button is not None and "web_app" in button, button
    return str(button["web_app"]["url"])
