"""Calendar feeds: a secret subscription address of the coach's schedule, and one per sold
package for its holders. A feed lists sessions from `PAST_DAYS` ago on, cancelled ones too
(so a subscribed calendar drops them), each under a UID that never changes and a SEQUENCE
that grows with each move or cancellation (`SessionBooking.revision`).

A secret is 256 bits from `secrets` (the access token's shape); rotating the coach's feed
replaces its secret, and the old address answers nothing (the same as an unknown one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from domain.booking.access import ByHolder, holding
from domain.booking.model import ScheduleEntry
from domain.booking.uow import BookingUnitOfWork
from domain.catalog.access import require_coach
from domain.errors import NotFound
from domain.selling.tokens import is_access_token, new_access_token

PAST_DAYS = 30


def session_uid(booking_id: int, bot_username: str) -> str:
    """A session's calendar UID, the same in the chat's .ics and in every feed."""
    return f"session-{booking_id}@{bot_username}.t.me"


def occurrence_uid(occurrence_id: int, bot_username: str) -> str:
    """A group date's UID in the coach's feed (one event however many seats are taken)."""
    return f"occurrence-{occurrence_id}@{bot_username}.t.me"


class FeedKind(StrEnum):
    COACH = "coach"
    SOLD = "sold"


@dataclass(frozen=True)
class Feed:
    kind: FeedKind
    coach_id: int
    sold_package_id: int | None
    secret: str


class Feeds(Protocol):
    async def of_coach(self, coach_id: int) -> Feed | None: ...

    async def of_package(self, sold_package_id: int) -> Feed | None: ...

    async def by_secret(self, secret: str) -> Feed | None: ...

    async def add(self, feed: Feed, now: datetime) -> Feed:
        """Store a new owner's feed; if a concurrent call stored one first, that one stays
        and is returned."""
        ...

    async def replace_secret(self, feed: Feed, now: datetime) -> Feed:
        """Give the owner's feed `feed.secret` (made if it had none); the old one is gone."""
        ...

    async def sessions(
        self, coach_id: int, sold_package_id: int | None, since: datetime
    ) -> list[ScheduleEntry]:
        """The coach's (or one sold package's) sessions starting from `since`, any status."""
        ...


class FeedUnitOfWork(BookingUnitOfWork, Protocol):
    feeds: Feeds


@dataclass(frozen=True)
class FeedContent:
    feed: Feed
    entries: list[ScheduleEntry]


async def coach_feed(uow: FeedUnitOfWork, coach_id: int, now: datetime) -> Feed:
    """The coach gets their schedule's feed address (made on first asking)."""
    async with uow:
        await require_coach(uow, coach_id)
        feed = await uow.feeds.of_coach(coach_id)
        if feed is None:
            fresh = Feed(FeedKind.COACH, coach_id, None, new_access_token())
            feed = await uow.feeds.add(fresh, now)
            await uow.commit()
        return feed


async def rotate_coach_feed(uow: FeedUnitOfWork, coach_id: int, now: datetime) -> Feed:
    """The coach gets a new feed address; the old one stops answering."""
    async with uow:
        await require_coach(uow, coach_id)
        fresh = Feed(FeedKind.COACH, coach_id, None, new_access_token())
        feed = await uow.feeds.replace_secret(fresh, now)
        await uow.commit()
        return feed


async def package_feed(uow: FeedUnitOfWork, viewer_id: int, sold_id: int, now: datetime) -> Feed:
    """A holder (or the coach) gets the sold package's feed address (made on first asking)."""
    async with uow:
        package = await holding(uow, ByHolder(viewer_id, sold_id))
        feed = await uow.feeds.of_package(sold_id)
        if feed is None:
            fresh = Feed(FeedKind.SOLD, package.coach_id, sold_id, new_access_token())
            feed = await uow.feeds.add(fresh, now)
            await uow.commit()
        return feed


async def feed_content(uow: FeedUnitOfWork, secret: str, now: datetime) -> FeedContent:
    """What a calendar subscribed to `secret` shows; NotFound for any unknown secret."""
    if not is_access_token(secret):
        raise NotFound()
    async with uow:
        feed = await uow.feeds.by_secret(secret)
        if feed is None:
            raise NotFound()
        since = now - timedelta(days=PAST_DAYS)
        entries = await uow.feeds.sessions(feed.coach_id, feed.sold_package_id, since)
    return FeedContent(feed, entries)


async def coach_sessions(
    uow: FeedUnitOfWork, coach_id: int, since: datetime
) -> list[ScheduleEntry]:
    """The coach gets every session of theirs from `since` on, any status (the export)."""
    async with uow:
        await require_coach(uow, coach_id)
        return await uow.feeds.sessions(coach_id, None, since)
