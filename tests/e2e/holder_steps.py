"""Story steps for booking from a package's view: a coach (UTC) working 09:00–17:00 every
day who sells packages through the real chat, and a client in Berlin who gets one."""

from __future__ import annotations

from domain.accounts import set_timezone
from domain.booking.coach_availability import set_day_hours
from domain.catalog.drafts import PackageDraft, draft_add_item, draft_set_price, draft_set_title
from domain.catalog.model import ItemKind, Package
from domain.catalog.packages import create_package
from domain.catalog.series import SeriesDraft, add_occurrence, create_series
from tests.e2e.conftest import COACH, BotHarness
from tests.e2e.selling_seed import Shop, given_a_shop
from tests.support.fake_bot_api import SentMessage


async def working_shop(harness: BotHarness) -> Shop:
    shop = await given_a_shop(harness)
    for weekday in range(7):
        await set_day_hours(shop.uow(), COACH, weekday, "09:00-17:00")
    return shop


async def package_of(
    shop: Shop, kind: ItemKind, ref_id: int, quantity: int, title: str
) -> Package:
    draft = PackageDraft()
    draft_set_title(draft, title)
    draft_add_item(draft, kind, ref_id, str(quantity))
    draft_set_price(draft, "0", "XTR")
    return await create_package(shop.uow(), COACH, draft, shop.harness.clock.now)


async def small_class(shop: Shop, capacity: int, start: str) -> int:
    """A group series of `capacity` seats with one date (typed in the coach's zone)."""
    series = await create_series(shop.uow(), COACH, SeriesDraft("Circle", "", capacity, 60))
    assert series.id is not None
    await add_occurrence(shop.uow(), COACH, series.id, start, shop.harness.clock.now)
    return series.id


async def gets_package(
    shop: Shop, user: int, name: str, package: Package, zone: str | None = None
) -> SentMessage:
    """The person takes the free package through its link and opens it: the package view."""
    api = shop.harness.api
    api.user(user, first_name=name)
    if zone:
        await set_timezone(shop.uow(), user, name, zone)
    api.open_deep_link(user, f"p_{package.public_id}")
    await api.next_message(user, package.title)
    api.press_button(user, "🎁 Get it")
    await api.next_message(user, f"You now have {package.title}")
    api.press_button(user, "📦 Open package")
    return await api.next_message(user, f"{package.title} — from Anna")


async def book_one(shop: Shop, user: int, item: str, day: str, time: str) -> SentMessage:
    """Book → a day → a time → ✅ Confirm; returns the "Booked:" screen."""
    api = shop.harness.api
    api.press_button(user, f"📅 Book {item}")
    await api.next_message(user, "pick a day")
    api.press_button(user, day)
    await api.next_message(user, "pick a time")
    api.press_button(user, time)
    await api.next_message(user, f"Book {item} on")
    api.press_button(user, "✅ Confirm")
    return await api.next_message(user, "Booked:")


async def back_to_package(shop: Shop, user: int, title: str) -> SentMessage:
    api = shop.harness.api
    api.press_button(user, "📦 Back to the package")
    return await api.next_message(user, f"{title} — from Anna")


def is_calendar(message: SentMessage) -> bool:
    return message.document is not None and str(message.document["file_name"]).endswith(".ics")
