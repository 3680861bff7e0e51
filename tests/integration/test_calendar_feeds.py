"""Calendar feeds on a real database, read over HTTP: the coach's feed parses with
icalendar, a moved session keeps its UID with a higher SEQUENCE, a cancelled one stays with
STATUS:CANCELLED, a rotated secret answers 404, and a package's feed is its holders' only."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from icalendar import Calendar
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.coach_changes import coach_cancel, coach_move
from domain.booking.feeds import coach_feed, package_feed, rotate_coach_feed
from domain.booking.holder_changes import book_session
from domain.booking.model import GroupSeat, OneToOne
from domain.errors import NotFound
from tests.integration.booking_seed import FIRST_SLOT, NOW, seed_world, sell
from tests.integration.catalog_seed import ANNA, BORIS, MakeUow
from web.app import active_app
from web.feeds import routes
from web.health import Health


async def _read(make_uow: MakeUow, secret: str) -> httpx.Response:
    app = active_app(
        Health(lambda: "active", _true), None, routes(make_uow, lambda: NOW, lambda: "coachbot")
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://web") as client:
        return await client.get(f"/feeds/{secret}.ics")


async def _true() -> bool:
    return True


def _events(answer: httpx.Response) -> dict[str, dict[str, object]]:
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(answer.content)
    return {
        str(event["uid"]): {
            "summary": str(event["summary"]),
            "sequence": int(event["sequence"]),
            "status": str(event["status"]),
            "start": event.decoded("dtstart"),
        }
        for event in calendar.walk("VEVENT")
    }


async def test_the_coachs_feed_follows_moves_and_cancellations(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1)
    first = (
        await book_session(make_uow(), sold.holder, OneToOne(sold.lesson, FIRST_SLOT), NOW)
    ).done
    later = FIRST_SLOT + timedelta(hours=3)
    second = (await book_session(make_uow(), sold.holder, OneToOne(sold.lesson, later), NOW)).done
    await book_session(make_uow(), sold.holder, GroupSeat(sold.yoga, world.occurrence_id), NOW)
    feed = await coach_feed(make_uow(), ANNA, NOW)
    assert (await coach_feed(make_uow(), ANNA, NOW)).secret == feed.secret  # made once

    before = _events(await _read(make_uow, feed.secret))
    uid = f"session-{first.id}@coachbot.t.me"
    assert before[uid]["sequence"] == 0 and before[uid]["status"] == "CONFIRMED"
    assert before[uid]["summary"] == "Private lesson"
    assert before[f"occurrence-{world.occurrence_id}@coachbot.t.me"]["summary"] == (
        "Morning yoga · 1 booked"
    )

    moved_to = FIRST_SLOT + timedelta(hours=6)
    assert first.id is not None and second.id is not None
    await coach_move(make_uow(), ANNA, first.id, moved_to, NOW)
    await coach_cancel(make_uow(), ANNA, second.id, NOW)
    after = _events(await _read(make_uow, feed.secret))
    assert after[uid]["start"] == moved_to and after[uid]["sequence"] > before[uid]["sequence"]
    gone = f"session-{second.id}@coachbot.t.me"
    assert after[gone]["status"] == "CANCELLED"
    assert after[gone]["sequence"] > before[gone]["sequence"]


async def test_a_rotated_secret_answers_404_and_the_new_one_works(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    await seed_world(make_uow)
    old = await coach_feed(make_uow(), ANNA, NOW)
    new = await rotate_coach_feed(make_uow(), ANNA, NOW)
    assert new.secret != old.secret
    assert (await _read(make_uow, old.secret)).status_code == 404
    assert (await _read(make_uow, new.secret)).status_code == 200
    for unknown in ("x" * 43, "nope", "../etc"):
        assert (await _read(make_uow, unknown)).status_code == 404


async def test_a_packages_feed_lists_its_own_sessions_for_holders_only(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world = await seed_world(make_uow)
    mine, other = await sell(engine, world, 1), await sell(engine, world, 2)
    booked = (
        await book_session(make_uow(), mine.holder, OneToOne(mine.lesson, FIRST_SLOT), NOW)
    ).done
    later = FIRST_SLOT + timedelta(hours=2)
    await book_session(make_uow(), other.holder, OneToOne(other.lesson, later), NOW)
    with pytest.raises(NotFound):  # Boris neither holds it nor is its coach
        await package_feed(make_uow(), BORIS, mine.id, NOW)
    feed = await package_feed(make_uow(), ANNA, mine.id, NOW)
    events = _events(await _read(make_uow, feed.secret))
    assert list(events) == [f"session-{booked.id}@coachbot.t.me"]
