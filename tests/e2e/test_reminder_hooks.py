"""Selling and booking plan reminders as they happen: a package bought in the chat and
extended from /sold, a booked session cancelled from /schedule; the sweep sends each once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.holder_changes import book_session
from domain.booking.model import OneToOne
from domain.reminders.use_cases import ReminderOffsets
from persistence.db import session_factory
from persistence.models import ReminderRow
from tests.e2e.booking_steps import client_holding, client_holds_lessons
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.selling_seed import extend_month_by_a_week, given_a_shop
from tests.e2e.test_reminders import sweep

EXPIRES = datetime(2026, 12, 25, 12, 0, tzinfo=UTC)  # bought now (25 Nov 12:00), 30 days
EXTENDED = EXPIRES + timedelta(days=7)
FRIDAY_9 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 09:00 in Berlin


def reminders_to(harness: BotHarness, chat_id: int) -> list[str]:
    return [m.content for m in harness.api.outputs(chat_id) if m.content.startswith(("⏳", "⏰"))]


async def keys_stored_once(engine: AsyncEngine) -> bool:
    async with session_factory(engine)() as session:
        rows = await session.scalar(select(func.count()).select_from(ReminderRow))
        keys = await session.scalar(select(func.count(func.distinct(ReminderRow.key))))
    return rows == keys and bool(rows)


async def _buy_month(harness: BotHarness) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Month", validity="30")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, "All about month")
    api.press_button(CLIENT, "🎁 Get it")
    await api.next_message(CLIENT, "You now have Month")


async def test_extended_after_the_first_reminder_reminds_for_the_new_date_once(
    harness: BotHarness, engine: AsyncEngine
) -> None:
    await _buy_month(harness)
    harness.clock.now = EXPIRES - timedelta(days=7)
    await sweep(harness.app)
    assert len(reminders_to(harness, CLIENT)) == 1
    assert "valid until Fri 25 Dec 12:00" in reminders_to(harness, CLIENT)[0]

    await extend_month_by_a_week(harness)
    await sweep(harness.app)
    harness.clock.now = EXPIRES - timedelta(days=1)  # the old date's last reminder: dropped
    await sweep(harness.app)
    assert len(reminders_to(harness, CLIENT)) == 1
    for moment in (EXTENDED - timedelta(days=7), EXTENDED - timedelta(days=1)):
        harness.clock.now = moment
        await sweep(harness.app)
        await sweep(harness.app)
    sent = reminders_to(harness, CLIENT)
    assert len(sent) == 3 and all("valid until Fri 1 Jan 12:00" in t for t in sent[1:])
    assert await keys_stored_once(engine)


async def test_a_booked_session_is_reminded_at_its_moment_once_and_not_after_a_cancel(
    harness: BotHarness, engine: AsyncEngine
) -> None:
    api = harness.api
    token, item = await client_holds_lessons(harness)
    assert harness.app is not None
    settings = harness.app.deps.settings
    offsets = ReminderOffsets(settings.expiry_reminder_offsets, settings.session_reminder_offsets)
    holder, make_uow = await client_holding(harness, token), harness.app.deps.uow_factory
    await book_session(make_uow(), holder, OneToOne(item, FRIDAY_9), harness.clock.now, offsets)
    harness.clock.now = FRIDAY_9 - timedelta(hours=24, seconds=1)
    await sweep(harness.app)
    assert reminders_to(harness, CLIENT) == reminders_to(harness, COACH) == []
    harness.clock.now = FRIDAY_9 - timedelta(hours=24)
    await sweep(harness.app)
    await sweep(harness.app)
    assert reminders_to(harness, CLIENT) == [
        "⏰ Reminder: your session Lesson is on Fri 27 Nov 09:00 (Europe/Berlin)."
    ]
    assert len(reminders_to(harness, COACH)) == 1

    api.send_text(COACH, "/schedule")
    await api.next_message(COACH, "Your schedule")
    api.press_button(COACH, "Fri 27 Nov 09:00 · Lesson")
    await api.next_message(COACH, "Client:")
    api.press_button(COACH, "✖ Cancel session")
    await api.next_message(COACH, "Cancel Lesson on Fri 27 Nov 09:00?")
    api.press_button(COACH, "✅ Yes, cancel it")
    await api.next_message(COACH, "Cancelled. The client was told")
    harness.clock.now = FRIDAY_9 - timedelta(hours=1)
    await sweep(harness.app)
    assert len(reminders_to(harness, CLIENT)) == 1 and len(reminders_to(harness, COACH)) == 1
    assert await keys_stored_once(engine)
