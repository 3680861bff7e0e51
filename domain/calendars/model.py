"""The coach's own calendars: sources of busy time (a published ICS address or CalDAV
calendars) and the CalDAV calendar that receives bookings.

A source's address and password are secrets: the domain only carries them encrypted
(`secret`, opaque here) and shows the coach a `label` (the host) instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from domain.booking.slots import Busy
from domain.errors import DomainError


class SourceKind(StrEnum):
    ICS = "ics"
    CALDAV = "caldav"


class ReadError(StrEnum):
    """Why a source could not be read; bot/ and jobs/ word each code."""

    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    TOO_LARGE = "too_large"
    NOT_A_CALENDAR = "not_a_calendar"
    REFUSED_ADDRESS = "refused_address"
    HTTP_STATUS = "http_status"
    AUTH = "auth"
    NO_KEY = "no_key"


class CalendarUnreadable(DomainError):
    """The calendar could not be read; `error` says why in a code (never the address)."""

    def __init__(self, error: ReadError, detail: str = "") -> None:
        super().__init__(error.value, detail)
        self.error = error


@dataclass(frozen=True)
class BusyRead:
    """What one read gave: `busy` None when the calendar has not changed since the last
    read (its validators, ETag and Last-Modified, are kept for the next one)."""

    busy: list[Busy] | None
    validators: tuple[str | None, str | None] | None = None


@dataclass(frozen=True)
class Occurrence:
    """One expanded event instance as a calendar gives it: `date`s for all-day events,
    naive datetimes for floating times (read in the coach's zone), aware ones otherwise."""

    start: date | datetime
    end: date | datetime
    transparent: bool = False
    cancelled: bool = False
    uid: str = ""


@dataclass
class CalendarSource:
    """One connected calendar of a coach and the state of its last reads."""

    id: int | None
    coach_id: int
    kind: SourceKind
    label: str
    secret: str
    created_at: datetime
    blocking: tuple[str, ...] = ()  # CalDAV calendars whose events block time
    target: str | None = None  # the CalDAV calendar that receives bookings
    etag: str | None = None
    last_modified: str | None = None
    last_read_at: datetime | None = None
    busy_count: int = 0
    last_error: ReadError | None = None
    failing: bool = False  # the coach was told it fails and not yet that it recovered
    calendars: dict[str, str] = field(default_factory=dict)  # CalDAV url → name, as found
