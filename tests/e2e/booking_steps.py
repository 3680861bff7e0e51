"""Story steps the booking journeys share: a coach in Berlin with hours, a lesson, and a
client holding a sold package (written directly until the buying flow lands: the client is
its buyer and on its holder list, as a purchase leaves them)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.access import ByHolder
from domain.booking.coach_availability import set_day_hours
from domain.catalog.series import SeriesDraft, add_occurrence, create_series
from domain.catalog.services import ServiceDraft, create_service
from persistence.db import create_engine, session_factory
from persistence.models import EntitlementRow, PackageRow, SoldPackageHolderRow, SoldPackageRow
from tests.e2e.conftest import CLIENT, COACH, BotHarness


async def coach_in_berlin(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/timezone")
    await api.next_message(COACH, "Choose a new one below")
    api.press_button(COACH, "Europe/Berlin")
    await api.next_message(COACH, "times are now shown in Europe/Berlin")


async def client_holds_lessons(harness: BotHarness, quantity: int = 3) -> tuple[str, int]:
    """The coach works 09:00–17:00 every day and sells a lesson package to the client, who
    has opened the bot. Returns the access token and the lesson entitlement id."""
    assert harness.app is not None
    make_uow = harness.app.deps.uow_factory
    await coach_in_berlin(harness)
    harness.api.send_text(CLIENT, "/start")
    await harness.api.next_message(CLIENT, "I help you book sessions")
    lesson = await create_service(make_uow(), COACH, ServiceDraft("Lesson", "", 60))
    for weekday in range(7):
        await set_day_hours(make_uow(), COACH, weekday, "09:00-17:00")
    engine = create_engine(harness.database_url)
    try:
        return "tok-e2e", await _sell(engine, {"service_id": lesson.id}, quantity, "Lesson")
    finally:
        await engine.dispose()


async def client_holds_classes(harness: BotHarness, start: str) -> tuple[str, int, int]:
    """A 12-seat "Yoga" series with one date (`start`, Berlin time) and a package of three
    classes sold to the client. Returns the token, the entitlement id and the series id."""
    assert harness.app is not None
    make_uow = harness.app.deps.uow_factory
    await coach_in_berlin(harness)
    harness.api.send_text(CLIENT, "/start")
    await harness.api.next_message(CLIENT, "I help you book sessions")
    yoga = await create_series(make_uow(), COACH, SeriesDraft("Yoga", "", 12, 60))
    await add_occurrence(make_uow(), COACH, yoga.id or 0, start, harness.clock.now)
    engine = create_engine(harness.database_url)
    try:
        return "tok-e2e", await _sell(engine, {"series_id": yoga.id}, 3, "Yoga"), yoga.id or 0
    finally:
        await engine.dispose()


async def client_holding(harness: BotHarness, token: str) -> ByHolder:
    """The client acting on the package sold with `token` from its view, as its holder."""
    assert harness.app is not None
    async with harness.app.deps.uow_factory(write=False) as uow:
        sold = await uow.sold.by_token(token)
    assert sold is not None and sold.id is not None
    return ByHolder(CLIENT, sold.id)


async def _sell(
    engine: AsyncEngine, target: dict[str, int | None], quantity: int, title: str
) -> int:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    async with session_factory(engine)() as session:
        package = PackageRow(
            coach_id=COACH, public_id="pkg-e2e", title="Three lessons", description="",
            price_minor=0, currency="EUR", hidden=False, validity_days=None, created_at=now,
        )  # fmt: skip
        session.add(package)
        await session.flush()
        sold = SoldPackageRow(
            package_id=package.id, coach_id=COACH, client_id=CLIENT, title="Three lessons",
            price_minor=0, currency="EUR", access_token="tok-e2e", purchased_at=now,
        )  # fmt: skip
        session.add(sold)
        await session.flush()
        session.add(SoldPackageHolderRow(sold_package_id=sold.id, user_id=CLIENT, added_at=now))
        item = EntitlementRow(
            sold_package_id=sold.id, title=title, quantity=quantity, used=0, **target
        )  # fmt: skip
        session.add(item)
        await session.commit()
        return item.id
