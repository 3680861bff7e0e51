"""Steps for the Mini App's stories: the web app the bot's process serves (built by the same
bootstrap function), called over HTTP with initData signed for the bot or for another."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import httpx

from bootstrap.web import web_app_for
from domain.accounts import set_timezone
from domain.booking.access import ByHolder
from domain.booking.coach_availability import set_day_hours
from domain.booking.holder_changes import book_session
from domain.booking.model import OneToOne
from domain.catalog.model import ItemKind
from persistence.db import create_engine, session_factory
from persistence.health import DatabaseProbe
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import gets_package, package_of, small_class, working_shop
from tests.e2e.selling_seed import Shop
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


async def client_with_calendar(
    harness: BotHarness, name: str = "Cleo", title: str = "Three yoga", zone: str | None = None
) -> tuple[Shop, int, str]:
    """The bot started with WEB_BASE_URL; the client got a package of 3 yoga sessions and
    sees it with its 🗓 Calendar button: (the shop, the sold package's id, the button's URL)."""
    await harness.restart_with(web_base_url=BASE)
    shop = await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, title)
    view = await gets_package(shop, CLIENT, name, package, zone)
    url = calendar_url(view.button("🗓 Calendar"))
    return shop, int(url.rsplit("/", 1)[1]), url


SATURDAY_2330 = datetime(2026, 11, 28, 22, 30, tzinfo=UTC)  # Berlin 23:30
SUNDAY_2330 = datetime(2026, 11, 29, 22, 30, tzinfo=UTC)


async def night_owl_coach(harness: BotHarness) -> tuple[Shop, int]:
    """The coach works round the clock in Berlin; Cleo holds an hour of Yoga at 23:30 on
    Saturday and on Sunday, and a Circle date is at 23:30 on Friday: (the shop, the sold
    package's id)."""
    shop, sold, _ = await client_with_calendar(harness, "Cleo", zone="Europe/Berlin")
    await set_timezone(shop.uow(), COACH, "Anna", "Europe/Berlin")
    for weekday in range(7):
        await set_day_hours(shop.uow(), COACH, weekday, "00:00-24:00")
    async with web_client(harness) as web:
        screen = await web.get(f"/api/packages/{sold}", headers=as_user(harness, CLIENT))
        item = int(screen.json()["items"][0]["id"])
    for at in (SATURDAY_2330, SUNDAY_2330):
        await book_session(
            shop.uow(), ByHolder(CLIENT, sold), OneToOne(item, at), harness.clock.now
        )
    await small_class(shop, 4, "2026-11-27 23:30")  # Friday night, typed in Berlin
    return shop, sold
