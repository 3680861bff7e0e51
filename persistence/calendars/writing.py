"""Writing a session to the coach's receiving CalDAV calendar: one event under the booking's
stable UID, replaced on every change, deleted when the session is cancelled."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain.booking.model import BookingStatus, ScheduleEntry
from domain.calendars.model import CalendarSource
from persistence.calendars.caldav_client import delete_event, put_event
from persistence.calendars.fetch import FetchPolicy
from persistence.calendars.ics import session_event
from persistence.calendars.vault import SecretBox


@dataclass(frozen=True)
class CalendarWriter:
    box: SecretBox
    policy: FetchPolicy

    async def write(
        self, source: CalendarSource, entry: ScheduleEntry, uid: str, summary: str, now: datetime
    ) -> None:
        assert source.target is not None
        secret = self.box.open(source.secret)
        if entry.booking.status is BookingStatus.CANCELLED:
            await delete_event(secret, source.target, uid, self.policy)
            return
        booking = replace(entry.booking, title=summary)
        ics = session_event(booking, uid, now)
        await put_event(secret, source.target, uid, ics, self.policy)
