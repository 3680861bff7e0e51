"""The coach's own calendar through the real Application and the fake Bot API: /calendar
connects a published address served by a local HTTP server, a client's time picker leaves
out its busy times, a time that becomes busy before the client confirms is refused with
fresh choices, and the calendar is disconnected after confirming."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from cryptography.fernet import Fernet
from sqlalchemy import select

from domain.catalog.model import ItemKind
from jobs.calendar_sync import SYNC_JOB
from jobs.calendar_writes import EVERY_SECONDS, WRITE_JOB
from persistence.db import create_engine, session_factory
from persistence.models import PtbStateRow
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import gets_package, package_of, working_shop
from tests.support.calendar_feeds import FeedState, feed_server
from tests.support.radicale_server import Radicale, one_hour_event

# Anna works 09:00–17:00 UTC. Busy: Fri 27 Nov 10:00–11:00 UTC, all of Sat 28 Nov.
FEED = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//tests//e2e//EN\r
BEGIN:VEVENT\r
UID:dentist@example.com\r
DTSTAMP:20261101T000000Z\r
DTSTART:20261127T100000Z\r
DTEND:20261127T110000Z\r
SUMMARY:Dentist\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:trip@example.com\r
DTSTAMP:20261101T000000Z\r
DTSTART;VALUE=DATE:20261128\r
DTEND;VALUE=DATE:20261129\r
SUMMARY:Trip\r
END:VEVENT\r
END:VCALENDAR\r
"""
LATER_BUSY = b"""BEGIN:VEVENT\r
UID:call@example.com\r
DTSTAMP:20261101T000000Z\r
DTSTART:20261127T140000Z\r
DTEND:20261127T150000Z\r
END:VEVENT\r
END:VCALENDAR\r
"""


async def test_a_connected_calendar_keeps_its_busy_times_out_of_a_booking(
    harness: BotHarness,
) -> None:
    await harness.stop()
    await harness.start(
        calendar_secret_key=Fernet.generate_key().decode(), calendar_allow_private_hosts=True
    )
    api, shop = harness.api, await working_shop(harness)
    state = FeedState(FEED)
    with feed_server(state) as url:
        api.send_text(COACH, "/calendar")
        menu = await api.next_message(COACH, "Your calendars")
        assert "No calendar connected yet." in menu.content
        api.press_button(COACH, "➕ Calendar address (iCal)")
        await api.next_message(COACH, "secret address in iCal format")
        api.send_text(COACH, url)
        connected = await api.next_message(COACH, "Connected 127.0.0.1")
        assert "2 busy times read" in connected.content
        assert "last read Wed 25 Nov 12:00" in connected.content
        assert url not in str(api.messages(COACH))  # never shown back
        api.press_button(COACH, "✅ Done")
        await api.next_message(COACH, "Your calendars are saved.")

        package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
        await gets_package(shop, CLIENT, "Cleo", package)
        api.press_button(CLIENT, "📅 Book Yoga")
        days = await api.next_message(CLIENT, "pick a day")
        assert "Fri 27 Nov" in days.button_labels and "Sat 28 Nov" not in days.button_labels
        api.press_button(CLIENT, "Fri 27 Nov")
        times = await api.next_message(CLIENT, "pick a time on Fri 27 Nov")
        assert times.button_labels[:4] == ["09:00", "11:00", "11:30", "12:00"]
        api.press_button(CLIENT, "14:00")
        await api.next_message(CLIENT, "Book Yoga on Fri 27 Nov 14:00")

        state.body = FEED.replace(b"END:VCALENDAR\r\n", LATER_BUSY)
        state.etag = '"v2"'
        assert harness.app is not None and harness.app.job_queue is not None
        [job] = harness.app.job_queue.get_jobs_by_name(SYNC_JOB)
        await job.run(harness.app)
        api.press_button(CLIENT, "✅ Confirm")
        refused = await api.next_message(CLIENT, "no longer free")
        assert "14:00" not in refused.button_labels and "12:00" in refused.button_labels

    api.send_text(COACH, "/calendar")
    await api.next_message(COACH, "3 busy times")
    api.press_button(COACH, "✖ Disconnect 127.0.0.1")
    await api.next_message(COACH, "Disconnect 127.0.0.1? Its busy times stop blocking")
    api.press_button(COACH, "Yes, disconnect")
    gone = await api.next_message(COACH, "Disconnected 127.0.0.1.")
    assert "No calendar connected yet." in gone.content
    for forged in ("cal:rm:99999999999", "cal:zzz:0", "cal:ics"):  # no button of the flow
        api.press_callback(COACH, forged)
        await api.next_message(COACH, "I couldn't find that")


async def flow_state_with(database_url: str, needle: str) -> str:
    """The conversation state rows as stored, once one of them holds `needle`."""
    engine = create_engine(database_url)
    try:
        for _ in range(50):
            async with session_factory(engine)() as session:
                rows = await session.scalars(select(PtbStateRow.data))
                text = json.dumps([row for row in rows])
            if needle in text:
                return text
            await asyncio.sleep(0.05)
    finally:
        await engine.dispose()
    raise AssertionError(f"no stored state with {needle}")


async def test_without_a_key_calendar_connections_are_disabled(harness: BotHarness) -> None:
    harness.api.send_text(COACH, "/calendar")
    said = await harness.api.next_message(COACH, "Calendar connections are disabled")
    assert "CALENDAR_SECRET_KEY" in said.content


async def test_a_caldav_account_blocks_time_and_receives_the_booking(
    harness: BotHarness, radicale: Radicale
) -> None:
    await harness.stop()
    await harness.start(
        calendar_secret_key=Fernet.generate_key().decode(), calendar_allow_private_hosts=True
    )
    api, shop = harness.api, await working_shop(harness)
    work, inbox = radicale.make_calendar("Work"), radicale.make_calendar("Bookings")
    radicale.add_event(work, one_hour_event("dentist@x", datetime(2026, 11, 27, 10, tzinfo=UTC)))

    api.send_text(COACH, "/calendar")
    await api.next_message(COACH, "Your calendars")
    api.press_button(COACH, "➕ CalDAV account")
    await api.next_message(COACH, "Your CalDAV server address")
    api.send_text(COACH, radicale.url)
    await api.next_message(COACH, "Your user name")
    api.send_text(COACH, "anna")
    await api.next_message(COACH, "An app password")
    api.send_text(COACH, "app-password")
    choose = await api.next_message(COACH, "Found 2 calendars on anna@127.0.0.1")
    assert choose.button_labels == [
        "🚫 Bookings", "📥? Bookings", "🚫 Work", "📥? Work", "💾 Save", "◀ Back",
    ]  # fmt: skip
    kept = await flow_state_with(harness.database_url, '"calendars"')
    assert '"sealed"' in kept and "app-password" not in kept
    api.press_button(COACH, "🚫 Bookings")
    await api.next_message(COACH, lambda m: "◻ Bookings" in m.button_labels)
    api.press_button(COACH, "📥? Bookings")
    await api.next_message(COACH, lambda m: "📥 Bookings" in m.button_labels)
    api.press_button(COACH, "💾 Save")
    connected = await api.next_message(COACH, "Connected anna@127.0.0.1: 1 busy time read")
    assert "blocks time: Work" in connected.content
    assert "bookings are written to “Bookings”" in connected.content
    assert "app-password" not in str([m.content for m in api.messages(COACH)])
    assert any(call.method == "deleteMessage" for call in api.calls)  # the password message
    api.press_button(COACH, "✅ Done")
    await api.next_message(COACH, "Your calendars are saved.")

    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    await gets_package(shop, CLIENT, "Cleo", package)
    api.press_button(CLIENT, "📅 Book Yoga")
    await api.next_message(CLIENT, "pick a day")
    api.press_button(CLIENT, "Fri 27 Nov")
    times = await api.next_message(CLIENT, "pick a time on Fri 27 Nov")
    assert times.button_labels[:4] == ["09:00", "11:00", "11:30", "12:00"]
    api.press_button(CLIENT, "11:00")
    await api.next_message(CLIENT, "Book Yoga on Fri 27 Nov 11:00")
    api.press_button(CLIENT, "✅ Confirm")
    await api.next_message(CLIENT, "Booked:")

    assert harness.app is not None and harness.app.job_queue is not None
    [job] = harness.app.job_queue.get_jobs_by_name(WRITE_JOB)
    assert job.job.trigger.interval_length == EVERY_SECONDS
    assert job.job.max_instances == 1 and job.job.coalesce
    await job.run(harness.app)
    [written] = radicale.events(inbox)
    assert "UID:session-" in written and "DTSTART:20261127T110000Z" in written
    assert "Yoga · Cleo" in written
