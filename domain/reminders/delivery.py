"""Deciding what a due reminder becomes: a notice to send, or skipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.booking.availability import BookingSettings
from domain.booking.wallclock import week_of
from domain.model import DEFAULT_LANGUAGE
from domain.reminders.model import Reminder, ReminderKind
from domain.reminders.planning import PackageFacts
from domain.timezones import viewer_zone

DEFAULT_CANCEL_WINDOW = BookingSettings().cancel_window
# A client's cancel/reschedule button is not offered when the cancellation window closes
# within this: they would read the reminder and be refused.
CHANGE_MARGIN = timedelta(minutes=10)


class Offer(StrEnum):
    """What a notice lets its reader do with one press (buttons are rendered outside)."""

    BOOK = "book"  # open the sold package's booking screen
    ASK_TO_EXTEND = "ask_to_extend"  # ask the coach to move the expiry
    CHANGE_SESSION = "change_session"  # the session's cancel/move actions


@dataclass(frozen=True)
class SessionNow:
    """A booked session as it is when its reminder goes out; `cancel_window` None when the
    coach never set one (the default applies)."""

    session_id: int
    starts_at: datetime
    active: bool
    cancel_window: timedelta | None = None


@dataclass(frozen=True)
class Notice:
    """What the person is told and may do; texts and buttons are rendered outside the domain.

    `changeable_until`: for a client's session reminder offering CHANGE_SESSION, the last
    moment the cancellation window allows it."""

    kind: ReminderKind
    chat_id: int
    title: str
    event_at: datetime
    zone: str
    sessions_left: int | None = None
    to_coach: bool = False
    sold_package_id: int = 0
    session_id: int | None = None
    offers: frozenset[Offer] = frozenset()
    changeable_until: datetime | None = None
    schedule_week: int = 0  # the coach's /schedule week the session is in (0: this week)
    language: str = DEFAULT_LANGUAGE  # the receiver's


def still_meaningful(
    reminder: Reminder,
    facts: PackageFacts | None,
    now: datetime,
    session: SessionNow | None = None,
) -> bool:
    """The catch-up rule plus a fresh look at the package, or at the session (still booked,
    at the time the reminder speaks of): is this reminder still true?"""
    plan = reminder.plan
    if now >= plan.stale_at:
        return False
    if plan.kind is ReminderKind.SESSION:
        return session is not None and session.active and session.starts_at == plan.event_at
    if facts is None or facts.expires_at != plan.event_at:
        return False
    if plan.kind is ReminderKind.EXPIRY:
        return facts.remindable
    return facts.sessions_left > 0 and not facts.withdrawn and now >= plan.event_at


def notice_for(
    reminder: Reminder,
    facts: PackageFacts | None,
    zones: dict[int, str],
    session: SessionNow | None = None,
    now: datetime | None = None,
) -> Notice:
    """The notice in the viewer's zone (their own if set, else the coach's, else UTC), with
    what it offers decided now from the fresh facts (see `offers_for`)."""
    plan = reminder.plan
    left = facts.sessions_left if facts is not None else None
    coach_id = facts.coach_id if facts is not None else None
    to_coach = coach_id == plan.recipient_id
    coach_zone = zones.get(coach_id or plan.recipient_id) or "UTC"
    zone = viewer_zone(zones.get(plan.recipient_id), coach_zone, is_coach=to_coach)
    offers, until = offers_for(plan.kind, to_coach, facts, session, now)
    week = week_of(plan.event_at, zone, now) if now is not None and to_coach else 0
    return Notice(
        kind=plan.kind,
        chat_id=plan.recipient_id,
        title=plan.title,
        event_at=plan.event_at,
        zone=zone,
        sessions_left=None if plan.kind is ReminderKind.SESSION else left,
        to_coach=to_coach,
        sold_package_id=plan.sold_package_id,
        session_id=plan.session_id,
        offers=offers,
        changeable_until=until,
        schedule_week=week,
    )


def offers_for(
    kind: ReminderKind,
    to_coach: bool,
    facts: PackageFacts | None,
    session: SessionNow | None,
    now: datetime | None,
) -> tuple[frozenset[Offer], datetime | None]:
    """What the reader may do from the notice, and until when a client may change a session.

    Expiry reminder: book while sessions are left, and ask to extend. Expired notice: ask to
    extend (an extension counts from now, so the package becomes usable again). Session
    reminder: the coach may cancel or move any time before it starts; a client only before
    the coach's cancellation window (rule 10), and not when it closes within CHANGE_MARGIN."""
    if kind is ReminderKind.SESSION:
        return _session_offers(to_coach, session, now)
    if to_coach or facts is None or facts.sessions_left <= 0 or facts.withdrawn:
        return frozenset(), None
    if facts.expires_at is None:  # the expiry was removed: nothing to extend
        return frozenset({Offer.BOOK}), None
    if kind is ReminderKind.EXPIRY:
        return frozenset({Offer.BOOK, Offer.ASK_TO_EXTEND}), None
    return frozenset({Offer.ASK_TO_EXTEND}), None


def _session_offers(
    to_coach: bool, session: SessionNow | None, now: datetime | None
) -> tuple[frozenset[Offer], datetime | None]:
    if session is None or now is None or not session.active or now >= session.starts_at:
        return frozenset(), None
    if to_coach:
        return frozenset({Offer.CHANGE_SESSION}), None
    window = session.cancel_window if session.cancel_window is not None else DEFAULT_CANCEL_WINDOW
    until = session.starts_at - window
    if now + CHANGE_MARGIN > until:
        return frozenset(), None
    return frozenset({Offer.CHANGE_SESSION}), until
