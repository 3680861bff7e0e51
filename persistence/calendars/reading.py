"""Reading a source's busy times: its secret opened, its calendar fetched (a feed, or CalDAV
calendars), its events expanded and turned into busy time by the domain."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx

from domain.calendars.busy import busy_from
from domain.calendars.model import BusyRead, CalendarSource, Occurrence, SourceKind
from persistence.calendars.feed import occurrences
from persistence.calendars.fetch import FetchPolicy, fetch_feed
from persistence.calendars.vault import CalendarSecret, SecretBox


@dataclass
class CalendarReader:
    box: SecretBox
    policy: FetchPolicy
    transport: httpx.AsyncBaseTransport | None = None

    async def read(
        self,
        source: CalendarSource,
        zone: ZoneInfo,
        window: tuple[datetime, datetime],
        own: Callable[[str], bool],
    ) -> BusyRead:
        """CalendarUnreadable with a code when the source cannot be read."""
        secret = self.box.open(source.secret)
        if source.kind is SourceKind.CALDAV:
            found = await self._caldav(secret, source, window)
            return BusyRead(busy_from(found, zone, window, own))
        fetched = await fetch_feed(
            secret.url, self.policy, source.etag, source.last_modified, self.transport
        )
        if fetched.body is None:
            return BusyRead(None, (fetched.etag, fetched.last_modified))
        # Expanding a big recurring calendar takes seconds of CPU: not on the event loop.
        found = await asyncio.to_thread(occurrences, fetched.body, *window)
        return BusyRead(busy_from(found, zone, window, own), (fetched.etag, fetched.last_modified))

    async def _caldav(
        self, secret: CalendarSecret, source: CalendarSource, window: tuple[datetime, datetime]
    ) -> list[Occurrence]:
        from persistence.calendars.caldav_client import busy_occurrences

        return await busy_occurrences(secret, source.blocking, window, self.policy)
