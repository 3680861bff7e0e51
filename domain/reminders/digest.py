"""The coach digest: each morning in the coach's zone, the packages expiring in the next 7 days
with sessions left, and the day's sessions. Pure rules: when a day's digest is due, what it
says."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.model import DEFAULT_LANGUAGE
from domain.reminders.model import Delivery
from domain.selling.model import SoldStatus, sold_status
from domain.selling.rules import EXPIRING_WITHIN


@dataclass(frozen=True)
class DigestCoach:
    coach_id: int
    zone: str


@dataclass(frozen=True)
class ExpiringFacts:
    """A sold package of the coach as it is now; `client_name` None: nobody holds it yet."""

    sold_package_id: int
    coach_id: int
    client_name: str | None
    title: str
    expires_at: datetime | None
    sessions_left: int

    def expiring(self, now: datetime) -> bool:
        """Active now and expiring within `EXPIRING_WITHIN` (the desk's "expiring" filter)."""
        active = sold_status(self.expires_at, self.sessions_left > 0, now) is SoldStatus.ACTIVE
        return active and self.expires_at is not None and self.expires_at <= now + EXPIRING_WITHIN


@dataclass(frozen=True)
class BookedSession:
    """An active (booked) session of the coach."""

    coach_id: int
    starts_at: datetime
    title: str
    client_name: str | None


@dataclass(frozen=True)
class DaySession:
    """One line of the day: a time and a title, with everyone booked into it."""

    starts_at: datetime
    title: str
    clients: tuple[str | None, ...]


@dataclass(frozen=True)
class Digest:
    coach_id: int
    day: date
    zone: str
    expiring: tuple[ExpiringFacts, ...]
    sessions: tuple[DaySession, ...]
    language: str = DEFAULT_LANGUAGE  # the coach's

    @property
    def empty(self) -> bool:
        """Nothing to tell: no digest is sent that day."""
        return not self.expiring and not self.sessions


@dataclass(frozen=True)
class DigestRun(Delivery):
    """A coach's digest for one local day, claimed once, and where its delivery stands."""

    coach_id: int
    day: date
    next_attempt_at: datetime


def digest_moment(day: date, zone: str, hour: int) -> datetime:
    """When `day`'s digest is due (in UTC): the first moment of `hour` in the coach's zone.

    DST-safe: an hour skipped by the clock change (02:00 on a spring-forward night) gives the
    moment the clocks jump (03:00 local); a repeated hour gives its first occurrence.
    """
    return _first_moment(day, time(hour), zone)


def local_day(day: date, zone: str) -> tuple[datetime, datetime]:
    """The local day's first moment and the next day's, in UTC (23 or 25 hours apart on DST
    days)."""
    return _first_moment(day, time(0), zone), _first_moment(day + timedelta(days=1), time(0), zone)


def _first_moment(day: date, at: time, zone: str) -> datetime:
    # fold=0 reads a repeated wall time as its first occurrence and a skipped one with the
    # offset before the change: the instant the clocks jump. UTC out, so comparisons never
    # meet Python's same-tzinfo rule (which compares wall times and ignores the fold).
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def due_day(now: datetime, zone: str, hour: int) -> date | None:
    """The coach's local today, once its digest moment has come; else None.

    The catch-up rule: a digest missed at its hour (the bot was down) is still due until the
    coach's local midnight, and never later: a new day only ever asks for its own digest.
    """
    today = now.astimezone(ZoneInfo(zone)).date()
    return today if now >= digest_moment(today, zone, hour) else None


def still_due(run: DigestRun, zone: str, now: datetime) -> bool:
    """A claimed digest (perhaps retried) is sent only on its own local day."""
    start, end = local_day(run.day, zone)
    return start <= now < end


def build_digest(
    coach: DigestCoach,
    day: date,
    now: datetime,
    packages: Iterable[ExpiringFacts],
    sessions: Iterable[BookedSession],
) -> Digest:
    """The coach's digest for `day` from fresh facts: packages of theirs expiring after `now`
    and within 7 days with sessions left (soonest first), and their sessions that local day."""
    expiring = sorted(
        (p for p in packages if p.coach_id == coach.coach_id and p.expiring(now)),
        key=lambda p: (p.expires_at, p.sold_package_id),
    )
    start, end = local_day(day, coach.zone)
    booked: defaultdict[tuple[datetime, str], list[str | None]] = defaultdict(list)
    for s in sessions:
        if s.coach_id == coach.coach_id and start <= s.starts_at < end:
            booked[(s.starts_at, s.title)].append(s.client_name)
    lines = tuple(DaySession(at, title, tuple(who)) for (at, title), who in sorted(booked.items()))
    return Digest(coach.coach_id, day, coach.zone, tuple(expiring), lines)
