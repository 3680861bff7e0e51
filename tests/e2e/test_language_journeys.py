"""Whole journeys in another language, through the real Application and the fake Bot API: a
German client buys and books while the English coach is told in English; a Russian client's
expiry reminder says 1 сессия, 2 сессии, 5 сессий.

They need the sentences of the flows they cross to be said through the catalogs; until the
code of those folders is (`said_through_catalogs`), they are skipped, never passed."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import cache

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.catalog.model import ItemKind
from i18n import speaking, when
from i18n.catalogs import extract
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import package_of, working_shop
from tests.e2e.test_reminders import sweep
from tests.reminder_seed import MakeUow, replan, seed_seller, sell
from tests.support.fake_bot_api import SentMessage

# Words only an English sentence of this bot has (the coach's typed titles here have none).
ENGLISH = re.compile(r"\b(You|Your|you|your|the|left|Book|Booked|from|pick|Price|Sessions)\b")


@cache
def said_through_catalogs(folder: str) -> bool:
    """Whether the code under `folder` says its sentences through the catalogs yet."""
    return any(name.startswith(folder) for m in extract() for name, _ in m.locations)


def needs(*folders: str) -> pytest.MarkDecorator:
    missing = [folder for folder in folders if not said_through_catalogs(folder)]
    return pytest.mark.skipif(bool(missing), reason=f"{missing} not yet through the catalogs")


def german(message: SentMessage) -> str:
    """The message's text, checked to be German: no English sentence left in it."""
    assert not ENGLISH.search(message.content), f"English in {message.content!r}"
    return message.content


@needs("bot/selling/", "bot/booking/", "bot/catalog/")
async def test_a_german_client_buys_and_books_and_the_english_coach_is_told_in_english(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    client = api.user(CLIENT, first_name="Klara", language_code="de-DE")

    client.open_deep_link(f"p_{package.public_id}")
    page = await client.next_message("Three yoga")  # the coach's title stays as typed
    assert "Sitzungen" in german(page) and "Preis" in page.content
    (get_it,) = page.button_labels
    assert get_it.startswith("🎁") and get_it != "🎁 Get it"
    client.press_button(get_it)
    got = await client.next_message(
        lambda m: m.message_id != page.message_id and "Three yoga" in m.content
    )
    assert "Zugangslink" in german(got)
    sale = await api.next_message(COACH, "New sale")
    assert sale.content == (
        "💰 New sale: Klara got Three yoga (free). Send /sold to see your sold packages."
    )

    client.press_button(got.button_labels[0])  # open the package
    view = await client.next_message(lambda m: "Anna" in m.content and bool(m.buttons))
    german(view)
    book = view.button_labels[0]
    assert "Yoga" in book and book != "📅 Book Yoga"
    client.press_button(book)
    days = await client.next_message(lambda m: len(m.buttons) > 3)
    german(days)
    with speaking("de"):
        thursday = when(datetime(2026, 11, 26, 9, 0, tzinfo=UTC), "%a %d %b")
    assert thursday == "Do., 26. Nov." and days.button_labels[0] == thursday
    client.press_button(thursday)
    times = await client.next_message(lambda m: "09:00" in m.button_labels)
    german(times)
    client.press_button("09:00")
    confirm = await client.next_message(lambda m: "09:00" in m.content and bool(m.buttons))
    german(confirm)
    assert confirm.button_labels[0].startswith("✅") and confirm.button_labels[0] != "✅ Confirm"
    client.press_button(confirm.button_labels[0])
    booked = await client.next_message(lambda m: "Yoga" in m.content and "09:00" in m.content)
    assert re.search("[Gg]ebucht", german(booked)) and "26. Nov." in booked.content
    told = await api.next_message(COACH, "booked")
    assert told.content == "Klara booked Yoga: Thu 26 Nov 09:00 (UTC)."


EXPIRES = datetime(2026, 12, 20, 18, 0, tzinfo=UTC)


@needs("jobs/")
async def test_a_russian_clients_expiry_reminder_counts_sessions_in_russian(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    left = {7001: 1, 7002: 2, 7005: 5}
    seller = await seed_seller(make_uow, COACH, [(person, None) for person in left])
    async with make_uow() as uow:
        for person in left:
            await uow.users.set_language(person, "ru")
        await uow.commit()
    harness.clock.now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    for person, count in left.items():
        sold_id = await sell(engine, seller, person, EXPIRES, quantity=5, used=5 - count)
        await replan(make_uow, sold_id, harness.clock.now)
    harness.clock.now = EXPIRES - timedelta(days=7)
    await sweep(harness.app)
    said = {person: [m.content for m in harness.api.outputs(person)] for person in left}
    assert all(len(texts) == 1 for texts in said.values()), said
    forms = {7001: r"\b1 сесси[яю]\b", 7002: r"\b2 сессии\b", 7005: r"\b5 сессий\b"}
    for person, pattern in forms.items():
        (text,) = said[person]
        assert re.search(pattern, text), text
        assert "Starter" in text and "пакет" in text.lower()  # the title stays as typed
        assert not ENGLISH.search(text), text
