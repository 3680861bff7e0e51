"""Reminders people can act on: an expiry reminder books or asks the coach to extend (the
coach extends with one press), a session reminder opens the session while it can still be
changed. The sweep job sends them through the fake Bot API; every press is a real update."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.coach_availability import change_booking_setting
from domain.catalog.model import ItemKind
from persistence.db import session_factory
from persistence.models import ReminderRow, SoldPackageRow
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import book_one, gets_package, package_of, working_shop
from tests.e2e.test_reminder_hooks import EXPIRES, EXTENDED, _buy_month, keys_stored_once
from tests.e2e.test_reminders import sweep
from tests.support.fake_bot_api import SentMessage

STRANGER = 3003
BOOK, ASK = "📅 Book a session", "🙋 Ask to extend"
PLUS_7 = "➕ 7 days → Fri 01 Jan 2027, 12:00"
PLUS_30 = "➕ 30 days → Sun 24 Jan 2027, 12:00"
ASKED = "Your coach has been asked to extend Month"


async def reminded_of_month(harness: BotHarness) -> SentMessage:
    """A client named with HTML-ish characters bought Month (expires 25 Dec 12:00 UTC);
    the reminder a week before arrives."""
    harness.api.user(CLIENT, first_name="Bea <Lee>")
    await _buy_month(harness)
    harness.clock.now = EXPIRES - timedelta(days=7)
    await sweep(harness.app)
    return await harness.api.next_message(CLIENT, "⏳ Your package Month")


def coach_asks(harness: BotHarness) -> list[SentMessage]:
    return [m for m in harness.api.outputs(COACH) if m.content.startswith("🙋")]


async def expiry_of(engine: AsyncEngine) -> list[tuple[str, object]]:
    async with session_factory(engine)() as session:
        sold = (await session.scalars(select(SoldPackageRow))).one()
        rows = await session.scalars(
            select(ReminderRow).where(ReminderRow.outcome.is_(None)).order_by(ReminderRow.due_at)
        )
        return [("expires", sold.expires_at)] + [(r.kind, r.due_at) for r in rows]


async def test_an_expiry_reminder_offers_booking_and_asking_to_extend(
    harness: BotHarness,
) -> None:
    api = harness.api
    reminder = await reminded_of_month(harness)
    assert reminder.content == (
        "⏳ Your package Month has 7 sessions left, valid until Fri 25 Dec 12:00 (UTC).\n"
        "Book them before it expires, or ask your coach for more time."
    )
    assert reminder.button_labels == [BOOK, ASK]
    api.press_button(CLIENT, BOOK, reminder.message_id)
    screen = await api.next_message(CLIENT, "Month — from Anna")
    assert not screen.edited and screen.message_id != reminder.message_id
    assert "📅 Book Yoga" in screen.button_labels
    api.press_button(CLIENT, "📅 Book Yoga", screen.message_id)
    await api.next_message(CLIENT, "pick a day")


async def test_asking_to_extend_tells_the_coach_once_and_one_press_extends(
    harness: BotHarness, engine: AsyncEngine
) -> None:
    api = harness.api
    reminder = await reminded_of_month(harness)
    api.press_button(CLIENT, ASK, reminder.message_id)
    second = api.press_button(CLIENT, ASK, reminder.message_id)
    await api.next_message(CLIENT, ASKED)
    await api.wait_for_call("answerCallbackQuery", lambda p: p["callback_query_id"] == second)
    assert api.callback_answers[second].get("text") == "Already done."
    notice = await api.next_message(COACH, "🙋")
    assert notice.content == (
        "🙋 Bea <Lee> asks you to extend Month: 7 sessions left, valid until "
        "Fri 25 Dec 2026, 12:00 (UTC).\n"
        "Extend it with one press (they will be told), or open the package:"
    )
    assert notice.button_labels == [PLUS_7, PLUS_30, "🗂 Open the package"]

    ask = str(reminder.buttons[1]["callback_data"])
    confirmation = api.last_message(CLIENT)
    api.press_callback(CLIENT, ask, confirmation.message_id)  # as from another reminder
    await api.next_message(CLIENT, "was already asked to extend Month recently")
    assert len(coach_asks(harness)) == 1

    api.press_button(COACH, PLUS_7, notice.message_id)
    await api.next_message(COACH, "Expiry changed; the client was told.")
    told = await api.next_message(CLIENT, "ℹ️ Your package Month")
    assert "is now valid until Fri 01 Jan 2027, 12:00 (UTC)" in told.content
    assert await expiry_of(engine) == [
        ("expires", EXTENDED),
        ("expiry", EXTENDED - timedelta(days=7)),
        ("expiry", EXTENDED - timedelta(days=1)),
        ("expired", EXTENDED),
    ]
    assert await keys_stored_once(engine)
    plus_7 = str(notice.buttons[0]["callback_data"])
    api.press_callback(COACH, plus_7, notice.message_id)  # a double tap: nothing moves
    await api.next_message(COACH, "It already was so.")
    assert (await expiry_of(engine))[0] == ("expires", EXTENDED)

    api.press_callback(CLIENT, ask, told.message_id)  # a new expiry may be asked about again
    await api.next_message(CLIENT, ASKED)
    assert len(coach_asks(harness)) == 2
    assert "valid until Fri 01 Jan 2027, 12:00" in coach_asks(harness)[-1].content

    harness.clock.now = EXTENDED - timedelta(days=7)
    await sweep(harness.app)
    await sweep(harness.app)
    new = await api.next_message(CLIENT, "⏳ Your package Month")
    assert "valid until Fri 1 Jan 12:00" in new.content and new.button_labels == [BOOK, ASK]


async def test_the_expired_notice_asks_to_extend_and_the_extension_counts_from_now(
    harness: BotHarness, engine: AsyncEngine
) -> None:
    api = harness.api
    await _buy_month(harness)
    harness.clock.now = EXPIRES + timedelta(hours=1)
    await sweep(harness.app)
    expired = await api.next_message(CLIENT, "Your package Month expired on")
    assert expired.button_labels == [ASK]
    api.press_button(CLIENT, ASK, expired.message_id)
    await api.next_message(CLIENT, ASKED)
    notice = await api.next_message(COACH, "🙋")
    assert "expired on Fri 25 Dec 2026, 12:00 (UTC)" in notice.content
    week_from_now = EXPIRES + timedelta(hours=1, days=7)
    api.press_button(COACH, "➕ 7 days → Fri 01 Jan 2027, 13:00", notice.message_id)
    await api.next_message(COACH, "Expiry changed; the client was told.")
    assert (await expiry_of(engine))[0] == ("expires", week_from_now)
    api.press_button(CLIENT, "📦 Open package")
    screen = await api.next_message(CLIENT, "Month — from Anna")
    assert "📅 Book Yoga" in screen.button_labels


async def test_a_forged_or_malformed_ask_is_not_found_and_the_coach_hears_nothing(
    harness: BotHarness, engine: AsyncEngine
) -> None:
    api = harness.api
    await reminded_of_month(harness)
    async with session_factory(engine)() as session:
        sold_id = (await session.scalars(select(SoldPackageRow.id))).one()
    api.send_text(STRANGER, "/start")
    await api.next_message(STRANGER, "I help you book sessions")
    for data in (f"rx:ask:{sold_id}", f"rx:ask:{sold_id}:1", "rx:ask:x", "rx:ext:1", "rx:ask:"):
        api.press_callback(STRANGER, data)
        answer = await api.next_message(STRANGER, "I couldn't find that")
        assert answer.content == "I couldn't find that. It may have been deleted.", data
    empty = api.press_callback(STRANGER, "rx:")  # refused before any handler sees it
    await api.wait_for_call("answerCallbackQuery", lambda p: p["callback_query_id"] == empty)
    assert api.callback_answers[empty].get("text") == "This button is out of date."
    api.press_callback(CLIENT, f"rx:ask:0{sold_id}0")
    await api.next_message(CLIENT, "I couldn't find that.")
    assert coach_asks(harness) == []


async def test_a_session_reminder_offers_changes_only_before_the_cancellation_window(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    await change_booking_setting(shop.uow(), COACH, "cancel", "2")
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    await gets_package(shop, CLIENT, "Cleo", package)
    await book_one(shop, CLIENT, "Yoga", "Fri 27 Nov", "09:00")

    harness.clock.now = harness.clock.now.replace(day=26, hour=9)  # 24 h before
    await sweep(harness.app)
    early = await api.next_message(CLIENT, "⏰ Reminder")
    assert early.content == (
        "⏰ Reminder: your session Yoga is on Fri 27 Nov 09:00 (UTC).\n"
        "You can cancel or reschedule it until Fri 27 Nov 07:00 (UTC)."
    )
    assert early.button_labels == ["🔁 Cancel/reschedule"]
    api.press_button(CLIENT, "🔁 Cancel/reschedule", early.message_id)
    screen = await api.next_message(CLIENT, "Three yoga — from Anna")
    assert {"✖ Cancel Fri 27 Nov 09:00", "🕑 Move"} <= set(screen.button_labels)

    harness.clock.now = harness.clock.now.replace(day=27, hour=8)  # 1 h before: too late
    await sweep(harness.app)
    late = await api.next_message(CLIENT, "⏰ Reminder")
    assert late.content == "⏰ Reminder: your session Yoga is on Fri 27 Nov 09:00 (UTC)."
    assert late.buttons == []
    coming_up = "⏰ Coming up: Yoga, Fri 27 Nov 09:00 (UTC)."
    await api.next_message(COACH, coming_up)  # the day before
    coach = await api.next_message(COACH, coming_up)  # an hour before
    assert coach.button_labels == ["🗓 Open in /schedule"]  # the coach may cancel any time
    api.press_button(COACH, "🗓 Open in /schedule", coach.message_id)
    session = await api.next_message(COACH, "Client: Cleo")
    assert "✖ Cancel session" in session.button_labels


async def test_a_coach_who_blocked_the_bot_is_not_counted_as_asked(harness: BotHarness) -> None:
    api = harness.api
    reminder = await reminded_of_month(harness)
    api.fail("sendMessage", COACH, 403)
    api.press_button(CLIENT, ASK, reminder.message_id)
    await api.next_message(CLIENT, "Sorry, I couldn't reach your coach just now.")
    ask = str(reminder.buttons[1]["callback_data"])
    api.press_callback(CLIENT, ask, api.last_message(CLIENT).message_id)  # they unblocked
    await api.next_message(CLIENT, ASKED)
    assert len(coach_asks(harness)) == 1
