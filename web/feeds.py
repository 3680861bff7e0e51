"""`GET /feeds/<secret>.ics`: a calendar subscribed to the coach's schedule or to one sold
package (see domain/booking/feeds.py), as RFC 5545 via icalendar, times in UTC.

Each session keeps its UID (the chat's .ics uses the same), its SEQUENCE grows with each move
or cancellation, and a cancelled one stays listed with STATUS:CANCELLED so subscribed
calendars drop it. In the coach's feed a group date is one event with its seat count."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from itertools import groupby

from icalendar import Calendar, Event
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from domain.booking.feeds import (
    FeedContent,
    FeedKind,
    FeedUnitOfWork,
    feed_content,
    occurrence_uid,
    session_uid,
)
from domain.booking.model import ScheduleEntry
from domain.errors import NotFound
from i18n import DEFAULT, ngettext, speaking

PRODID = "-//packages-bot//calendar feed//EN"
MEDIA_TYPE = "text/calendar; charset=utf-8"


def _event(
    uid: str, entry: ScheduleEntry, summary: str, sequence: int, off: bool, now: datetime
) -> Event:
    booking = entry.booking
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", booking.starts_at.astimezone(UTC))
    event.add("dtend", booking.ends_at.astimezone(UTC))
    event.add("summary", summary)
    event.add("sequence", sequence)
    event.add("status", "CANCELLED" if off else "CONFIRMED")
    return event


def feed_ics(content: FeedContent, bot_username: str, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-published-ttl", "PT15M")
    for_coach = content.feed.kind is FeedKind.COACH
    ones = [e for e in content.entries if e.booking.occurrence_id is None or not for_coach]
    for entry in ones:
        booking = entry.booking
        assert booking.id is not None
        summary = booking.title
        if for_coach and entry.client_name:
            summary = f"{booking.title} · {entry.client_name}"
        uid = session_uid(booking.id, bot_username)
        off = not booking.is_active
        calendar.add_component(_event(uid, entry, summary, booking.revision, off, now))
    if for_coach:
        seats = sorted(
            (e for e in content.entries if e.booking.occurrence_id is not None),
            key=lambda e: e.booking.occurrence_id or 0,
        )
        for occurrence_id, group in groupby(seats, key=lambda e: e.booking.occurrence_id):
            found = list(group)
            taken = sum(1 for e in found if e.booking.is_active)
            # every booked or cancelled seat changes the date's event: its SEQUENCE grows
            sequence = len(found) + sum(e.booking.revision for e in found)
            summary = ngettext("{title} · {count} booked", "{title} · {count} booked", taken)
            summary = summary.format(title=found[0].booking.title, count=taken)
            uid = occurrence_uid(occurrence_id or 0, bot_username)
            calendar.add_component(_event(uid, found[0], summary, sequence, taken == 0, now))
    return bytes(calendar.to_ical())


def routes(
    uow_factory: Callable[[], FeedUnitOfWork],
    clock: Callable[[], datetime],
    bot_username: Callable[[], str],
) -> list[Route]:
    async def feed(request: Request) -> Response:
        now = clock()
        try:
            content = await feed_content(uow_factory(), request.path_params["secret"], now)
        except NotFound:
            return Response(status_code=404)
        language = DEFAULT
        if content.feed.kind is FeedKind.COACH:  # its words are the coach's ("2 booked")
            coach = content.feed.coach_id
            async with uow_factory() as uow:
                language = (await uow.users.languages([coach]))[coach]
        with speaking(language):
            body = feed_ics(content, bot_username(), now)
        return Response(body, media_type=MEDIA_TYPE)

    return [Route("/feeds/{secret}.ics", feed)]
