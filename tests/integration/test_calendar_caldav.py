"""CalDAV both ways against a real Radicale server: the account's calendars are found, the
chosen ones block time, and every booking, move and cancellation becomes one event under
the booking's stable UID in the calendar that receives bookings, written once even when the
server was down when the booking was made."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.holder_changes import book_session, cancel_own_session, move_own_session
from domain.booking.model import OneToOne
from domain.calendars.model import CalendarSource, CalendarUnreadable, ReadError, SourceKind
from domain.calendars.use_cases import connect_calendar
from jobs.calendar_writes import CalendarWriteDeps, WriteBookings
from persistence.calendars.caldav_client import dav_client, discover
from persistence.calendars.fetch import FetchPolicy
from persistence.calendars.vault import CalendarSecret
from persistence.calendars.writing import CalendarWriter
from persistence.db import session_factory
from persistence.models import CalendarWriteRow
from tests.integration.booking_seed import NOW, offered, seed_world, sell
from tests.integration.calendar_steps import BOX, TESTS_POLICY, RecordingBot, factory, sync_job
from tests.integration.catalog_seed import ANNA, MakeUow
from tests.support.radicale_server import Radicale, one_hour_event

STRICT = FetchPolicy(allow_private=False)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def secret(radicale: Radicale) -> CalendarSecret:
    return CalendarSecret(radicale.url, "anna", "app-password")


async def connect(
    make_uow: MakeUow, radicale: Radicale, blocking: list[str], target: str | None
) -> CalendarSource:
    found = await discover(secret(radicale), TESTS_POLICY)
    source = CalendarSource(
        None, ANNA, SourceKind.CALDAV, "anna@127.0.0.1", BOX.seal(secret(radicale)), NOW,
        blocking=tuple(blocking), target=target, calendars=found,
    )  # fmt: skip
    return await connect_calendar(make_uow(), source)


def writes(make_uow: MakeUow, now: datetime) -> WriteBookings:
    return WriteBookings(
        CalendarWriteDeps(factory(make_uow), lambda: now, CalendarWriter(BOX, TESTS_POLICY))
    )


def events(radicale: Radicale, calendar: str) -> list[tuple[str, datetime]]:
    found = []
    for text in radicale.events(calendar):
        for event in Calendar.from_ical(text).walk("VEVENT"):
            found.append((str(event["UID"]), event["DTSTART"].dt))
    return found


async def test_the_chosen_calendars_of_an_account_block_their_busy_times(
    make_uow: MakeUow, engine: AsyncEngine, radicale: Radicale
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    work, private = radicale.make_calendar("Work"), radicale.make_calendar("Private")
    radicale.add_event(work, one_hour_event("dentist@x", at(1, 11)))
    radicale.add_event(private, one_hour_event("party@x", at(1, 15)))
    found = await discover(secret(radicale), TESTS_POLICY)
    assert sorted(found.values()) == ["Private", "Work"]
    with pytest.raises(CalendarUnreadable) as refused:  # loopback, when it is not allowed
        await discover(secret(radicale), STRICT)
    assert refused.value.error is ReadError.REFUSED_ADDRESS
    with pytest.raises(CalendarUnreadable), dav_client(secret(radicale), STRICT) as client:
        client.principal()  # the session's own hook refuses it too (every redirect hop)

    await connect(make_uow, radicale, blocking=[work], target=None)
    await sync_job(make_uow, NOW).run(RecordingBot())
    slots = await offered(make_uow, sold)
    assert {at(1, 10, 30), at(1, 11), at(1, 11, 30)}.isdisjoint(slots)
    assert at(1, 10) in slots and at(1, 12) in slots
    assert at(1, 15) in slots  # a calendar not chosen blocks nothing


async def test_book_move_cancel_become_one_event_under_the_booking_uid(
    make_uow: MakeUow, engine: AsyncEngine, radicale: Radicale
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    bookings = radicale.make_calendar("Bookings")
    source = await connect(make_uow, radicale, blocking=[bookings], target=bookings)
    booking = (
        await book_session(make_uow(), sold.holder, OneToOne(sold.lesson, at(1, 8)), NOW)
    ).done
    uid = f"session-{booking.id}@testbot.t.me"
    assert await writes(make_uow, NOW).run("testbot") == (1, 0)
    assert events(radicale, bookings) == [(uid, at(1, 8))]
    texts = radicale.events(bookings)
    assert "Private lesson" in texts[0] and "METHOD" not in texts[0]

    # Its own event in a calendar that also blocks time does not block the booking's move.
    await sync_job(make_uow, NOW).run(RecordingBot())
    async with make_uow() as uow:
        assert (await uow.calendars.get(source.id or 0)).busy_count == 0  # type: ignore[union-attr]

    await move_own_session(make_uow(), sold.holder, booking.id or 0, at(1, 12), NOW)
    assert await writes(make_uow, NOW).run("testbot") == (1, 0)
    assert events(radicale, bookings) == [(uid, at(1, 12))]

    await cancel_own_session(make_uow(), sold.holder, booking.id or 0, NOW)
    assert await writes(make_uow, NOW).run("testbot") == (1, 0)
    assert events(radicale, bookings) == []
    assert await writes(make_uow, NOW).run("testbot") == (0, 0)  # nothing left to write


async def test_a_booking_made_while_the_server_is_down_is_written_once_when_it_is_back(
    make_uow: MakeUow, engine: AsyncEngine, radicale: Radicale
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    bookings = radicale.make_calendar("Bookings")
    await connect(make_uow, radicale, blocking=[], target=bookings)
    radicale.stop()
    booking = (
        await book_session(make_uow(), sold.holder, OneToOne(sold.lesson, at(1, 9)), NOW)
    ).done
    assert await writes(make_uow, NOW).run("testbot") == (0, 1)
    async with session_factory(engine)() as session:
        [row] = (await session.scalars(select(CalendarWriteRow))).all()
    assert row.attempts == 1 and row.due_at == NOW + timedelta(minutes=1)

    radicale.start()
    assert await writes(make_uow, NOW + timedelta(seconds=30)).run("testbot") == (0, 0)  # not due
    later = NOW + timedelta(minutes=2)
    assert await writes(make_uow, later).run("testbot") == (1, 0)
    assert await writes(make_uow, later).run("testbot") == (0, 0)
    async with session_factory(engine)() as session:
        assert (await session.scalars(select(CalendarWriteRow))).all() == []  # forgotten
    assert events(radicale, bookings) == [(f"session-{booking.id}@testbot.t.me", at(1, 9))]


async def test_sessions_booked_before_the_calendar_was_connected_are_written_too(
    make_uow: MakeUow, engine: AsyncEngine, radicale: Radicale
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    booking = (
        await book_session(make_uow(), sold.holder, OneToOne(sold.lesson, at(2, 9)), NOW)
    ).done
    bookings = radicale.make_calendar("Bookings")
    await connect(make_uow, radicale, blocking=[], target=bookings)
    assert await writes(make_uow, NOW).run("testbot") == (1, 0)
    assert events(radicale, bookings) == [(f"session-{booking.id}@testbot.t.me", at(2, 9))]
