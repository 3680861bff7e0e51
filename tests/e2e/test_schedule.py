"""The coach's /schedule journey: sessions by day in the coach's zone, week paging, cancelling
one (the client is told, gets a cancelled .ics, the unit returns; a second press changes
nothing) and marking a started one as a no-show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar

from domain.booking.holder import dates_for, package_screen
from domain.booking.holder_changes import book_session
from domain.booking.model import GroupSeat, OneToOne
from tests.e2e.booking_steps import client_holding, client_holds_classes, client_holds_lessons
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.support.fake_bot_api import UploadedFile

FRIDAY_9 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 09:00 in Berlin


async def _book(harness: BotHarness, token: str, item: int, start: datetime) -> int:
    assert harness.app is not None
    access, choice = await client_holding(harness, token), OneToOne(item, start)
    booking = (
        await book_session(harness.app.deps.uow_factory(), access, choice, harness.clock.now)
    ).done
    return booking.id or 0


async def _friday_session_pressed(harness: BotHarness) -> tuple[str, int]:
    """The client holds lessons with Friday 09:00 booked; the coach presses it in /schedule."""
    token, item = await client_holds_lessons(harness)
    await _book(harness, token, item, FRIDAY_9)
    harness.api.send_text(COACH, "/schedule")
    await harness.api.next_message(COACH, "Your schedule")
    harness.api.press_button(COACH, "Fri 27 Nov 09:00 · Lesson")
    return token, item


async def _left(harness: BotHarness, token: str) -> int:
    """What the client's package screen shows left of its first item."""
    assert harness.app is not None
    holder = await client_holding(harness, token)
    screen = await package_screen(
        harness.app.deps.uow_factory(), CLIENT, holder.sold_package_id, harness.clock.now
    )
    return screen.view.sold.items[0].left


async def _calendar_event(harness: BotHarness) -> Any:
    """The VEVENT of the next .ics file the client receives."""
    sent = await harness.api.next_message(CLIENT, lambda m: m.document is not None)
    upload = sent.params["document"]
    assert isinstance(upload, UploadedFile) and upload.filename.endswith(".ics")
    [event] = Calendar.from_ical(upload.data).walk("VEVENT")
    return event


async def test_coach_sees_the_week_and_cancels_a_session(harness: BotHarness) -> None:
    api = harness.api
    api.user(CLIENT, first_name="Clara")
    token, item = await client_holds_lessons(harness)
    booking_id = await _book(harness, token, item, FRIDAY_9)
    await _book(harness, token, item, FRIDAY_9 + timedelta(days=7))

    api.send_text(COACH, "/schedule")
    week = await api.next_message(COACH, "Your schedule · week of Mon 23 Nov")
    assert "Fri 27 Nov\n09:00–10:00 Lesson · Clara · Three lessons" in week.content
    api.press_button(COACH, "▶")
    await api.next_message(COACH, "Fri 04 Dec")
    api.press_button(COACH, "◀")
    await api.next_message(COACH, "week of Mon 23 Nov")

    api.press_button(COACH, "Fri 27 Nov 09:00 · Lesson")
    await api.next_message(COACH, "Client: Clara")
    api.press_button(COACH, "✖ Cancel session")
    await api.next_message(COACH, "Cancel Lesson on Fri 27 Nov 09:00?")
    confirm = api.last_message(COACH).message_id
    api.press_button(COACH, "✅ Yes, cancel it")
    await api.next_message(COACH, "Cancelled. The client was told")
    told = await api.next_message(CLIENT, "Your coach cancelled Lesson on Fri 27 Nov 09:00")
    assert "(Europe/Berlin). It is back in your package." in told.content
    event = await _calendar_event(harness)
    assert (
        event["STATUS"] == "CANCELLED"
        and event["UID"] == f"session-{booking_id}@packages_test_bot.t.me"
    )
    assert await _left(harness, token) == 2

    api.press_callback(COACH, f"sch:cy:{booking_id}:0", message_id=confirm)  # pressed again
    await api.next_message(COACH, "Status: cancelled")
    assert await _left(harness, token) == 2
    assert len([m for m in api.messages(CLIENT) if "cancelled" in m.content]) == 1


async def test_a_started_session_can_be_marked_as_a_no_show(harness: BotHarness) -> None:
    api = harness.api
    token, item = await _friday_session_pressed(harness)
    opened = await api.next_message(COACH, "Client:")
    assert "🚫 No-show" not in opened.button_labels  # it has not started yet
    harness.clock.now = FRIDAY_9 + timedelta(minutes=20)
    api.send_text(COACH, "/schedule")
    await api.next_message(COACH, "Your schedule")
    api.press_button(COACH, "Fri 27 Nov 09:00 · Lesson")
    await api.next_message(COACH, "Client:")
    api.press_button(COACH, "🚫 No-show")
    await api.next_message(COACH, "Marked as a no-show")
    await api.next_message(CLIENT, "as missed; it counts as used")
    assert await _left(harness, token) == 2


async def test_schedule_is_for_coaches_and_forged_buttons_find_nothing(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.send_text(CLIENT, "/schedule")
    await api.next_message(CLIENT, "That command is for coaches")
    api.send_text(COACH, "/schedule")
    await api.next_message(COACH, "No sessions this week.")
    for forged in ("sch:cy:99:0", "sch:w:999", "sch:zz:1:0", "mv:ok:99:1:0", "mv:t:1:20261399:0"):
        api.press_callback(COACH, forged)
        await api.next_message(COACH, "I couldn't find that")


async def test_removing_a_booked_date_cancels_the_seat_and_tells_the_client(
    harness: BotHarness,
) -> None:
    api = harness.api
    token, item, _ = await client_holds_classes(harness, "2026-12-03 18:00")
    assert harness.app is not None
    uow = harness.app.deps.uow_factory
    holder = await client_holding(harness, token)
    dates = await dates_for(uow(), CLIENT, holder.sold_package_id, item, harness.clock.now)
    [date] = dates.occurrences
    await book_session(uow(), holder, GroupSeat(item, date.id or 0), harness.clock.now)
    assert await _left(harness, token) == 2

    api.send_text(COACH, "/series")
    await api.next_message(COACH, "Your series (1)")
    api.press_button(COACH, "1. Yoga")
    await api.next_message(COACH, "Thu 03 Dec 18:00 — 1/12")
    api.press_button(COACH, "➖ Remove a date")
    await api.next_message(COACH, "Which date")
    api.press_button(COACH, "Thu 03 Dec 18:00 — 1/12")
    await api.next_message(COACH, "1 client booked a seat on Thu 03 Dec 2026 18:00")
    api.press_button(COACH, "🗑 Remove anyway")
    await api.next_message(COACH, "Removed Thu 03 Dec 2026 18:00. 1 client had a seat")
    await api.next_message(CLIENT, "Your coach removed the Yoga date Thu 03 Dec 18:00")
    assert (await _calendar_event(harness))["STATUS"] == "CANCELLED"
    assert await _left(harness, token) == 3


async def test_coach_moves_a_session_and_the_clients_calendar_event_follows(
    harness: BotHarness,
) -> None:
    api = harness.api
    token, item = await client_holds_lessons(harness)
    booking_id = await _book(harness, token, item, FRIDAY_9)
    api.send_text(COACH, "/schedule")
    await api.next_message(COACH, "Your schedule")
    api.press_button(COACH, "Fri 27 Nov 09:00 · Lesson")
    await api.next_message(COACH, "Client:")
    api.press_button(COACH, "🕑 Move")
    days = await api.next_message(COACH, "Move Lesson: pick a day (week of Mon 23 Nov)")
    assert "Times in Europe/Berlin." in days.content
    assert days.button_labels[:4] == ["Thu 26 Nov", "Fri 27 Nov", "Sat 28 Nov", "Sun 29 Nov"]
    api.press_button(COACH, "▶")
    await api.next_message(COACH, "week of Mon 30 Nov")
    api.press_button(COACH, "◀")
    await api.next_message(COACH, "week of Mon 23 Nov")
    api.press_button(COACH, "Sat 28 Nov")
    times = await api.next_message(COACH, "pick a time on Sat 28 Nov (times in Europe/Berlin)")
    assert times.button_labels[:5] == ["09:00", "09:30", "10:00", "10:30", "11:00"]
    api.press_button(COACH, "10:00")
    await api.next_message(COACH, "Move Lesson from Fri 27 Nov 09:00 to Sat 28 Nov 10:00")
    api.press_button(COACH, "✅ Yes, move it")
    await api.next_message(COACH, "Moved to Sat 28 Nov 10:00. The client was told.")
    await api.next_message(CLIENT, "Your coach moved Lesson from Fri 27 Nov 09:00 to Sat 28 Nov")
    event = await _calendar_event(harness)
    assert event["UID"] == f"session-{booking_id}@packages_test_bot.t.me"
    assert event["STATUS"] == "CONFIRMED"
    assert event["DTSTART"].dt == datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    assert await _left(harness, token) == 2

    new_start = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    minutes = int(new_start.timestamp() // 60)
    api.press_callback(COACH, f"mv:ok:{booking_id}:{minutes}:0")  # the same ✅, pressed again
    await api.next_message(COACH, "Client:")
    assert len([m for m in api.messages(CLIENT) if "moved" in m.content]) == 1


async def test_a_time_taken_while_the_coach_confirms_offers_fresh_times_that_day(
    harness: BotHarness,
) -> None:
    api = harness.api
    token, item = await _friday_session_pressed(harness)
    await api.next_message(COACH, "Client:")
    api.press_button(COACH, "🕑 Move")
    await api.next_message(COACH, "Move Lesson: pick a day")
    api.press_button(COACH, "Sat 28 Nov")
    await api.next_message(COACH, "pick a time on Sat 28 Nov")
    api.press_button(COACH, "10:00")
    await api.next_message(COACH, "Move Lesson from Fri 27 Nov 09:00 to Sat 28 Nov 10:00")
    api.press_button(COACH, "◀ Back")  # one step back: the same day's times
    await api.next_message(COACH, "Move Lesson: pick a time on Sat 28 Nov")
    api.press_button(COACH, "10:00")
    await api.next_message(COACH, "Move Lesson from Fri 27 Nov 09:00 to Sat 28 Nov 10:00")
    await _book(harness, token, item, datetime(2026, 11, 28, 9, 0, tzinfo=UTC))  # 10:00 goes

    api.press_button(COACH, "✅ Yes, move it")
    fresh = await api.next_message(COACH, "no longer free")
    assert "Move Lesson: pick a time on Sat 28 Nov" in fresh.content
    assert "10:00" not in fresh.button_labels and "11:00" in fresh.button_labels
    assert not [m for m in api.messages(CLIENT) if "moved" in m.content]
    assert await _left(harness, token) == 1
