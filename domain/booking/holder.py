"""Booking from a sold package's view: what its holder (or its coach) sees and picks from.

Buttons name the sold package by id; every call re-checks that the person holds it
(`ByHolder`: its coach, or someone on the holder list selling keeps).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.booking.access import ByHolder, holding
from domain.booking.availability import BookingSettings, CancelPolicy
from domain.booking.manage import move_options_in
from domain.booking.model import SessionBooking
from domain.booking.redeem import item_occurrences, item_slots
from domain.booking.uow import BookingUnitOfWork
from domain.booking.waitlist import InLine
from domain.booking.waitlist_offers import package_lines
from domain.catalog.model import Occurrence, Series
from domain.errors import NotFound
from domain.reminders.use_cases import ReminderOffsets
from domain.selling.access import SoldView, claim_by_token, view_of
from domain.selling.model import SoldPackage
from domain.timezones import viewer_zone


@dataclass(frozen=True)
class PackageScreen:
    """The sold package with what is left per item and its upcoming sessions."""

    view: SoldView
    upcoming: tuple[SessionBooking, ...]
    cancel_window: timedelta
    cancel_policy: CancelPolicy = CancelPolicy.BLOCK
    waiting: tuple[InLine, ...] = ()

    def changeable(self, booking: SessionBooking, now: datetime) -> bool:
        """The coach may always; anyone else only before the cancellation window."""
        return self.view.for_coach or not self._inside(booking, now)

    def late_cancel(self, booking: SessionBooking, now: datetime) -> bool:
        """A cancel by this viewer now would be late: allowed, and the session counts as used."""
        return not self.changeable(booking, now) and self.cancel_policy is CancelPolicy.LATE

    def _inside(self, booking: SessionBooking, now: datetime) -> bool:
        settings = BookingSettings(cancel_window=self.cancel_window)
        return settings.inside_window(booking.starts_at, now)


@dataclass(frozen=True)
class Slots:
    """Free start times (UTC) for one item, and the zone the viewer sees them in; how many
    sessions of it are left, and the coach's zone (their hours are its wall clock)."""

    title: str
    zone: str
    starts: list[datetime]
    left: int = 1
    coach_zone: str = "UTC"


@dataclass(frozen=True)
class Dates:
    """A series' upcoming dates before expiry (full ones too), seen in `zone`."""

    series: Series
    zone: str
    occurrences: list[Occurrence]


async def package_screen(
    uow: BookingUnitOfWork, viewer_id: int, sold_id: int, now: datetime
) -> PackageScreen:
    """The holder sees the package: per item what is left, and the sessions to come."""
    async with uow:
        return await screen_in(uow, viewer_id, sold_id, now)


async def open_package(
    uow: BookingUnitOfWork,
    viewer_id: int,
    first_name: str,
    token: str,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> PackageScreen:
    """Whoever has the access link holds the package from now on and sees its screen (the
    first to open a grant becomes its client: see `claim_by_token`). One transaction."""
    async with uow:
        opened = await claim_by_token(uow, viewer_id, first_name, token, now, reminders)
        screen = await screen_in(uow, viewer_id, opened.sold.stored_id, now)
        await uow.commit()
    return screen


async def screen_in(
    uow: BookingUnitOfWork, viewer_id: int, sold_id: int, now: datetime
) -> PackageScreen:
    """`package_screen` inside the caller's open unit of work."""
    package = await holding(uow, ByHolder(viewer_id, sold_id))
    viewer = await uow.users.get(viewer_id)
    view = await view_of(uow, package, viewer_id, viewer.timezone if viewer else None, now)
    upcoming = await uow.bookings.upcoming_for_package(sold_id, now)
    settings = (await uow.availability.get(package.coach_id)).settings
    waiting = tuple(await package_lines(uow, sold_id))
    window, policy = settings.cancel_window, settings.cancel_policy
    return PackageScreen(view, tuple(upcoming), window, policy, waiting)


async def slots_for(
    uow: BookingUnitOfWork, viewer_id: int, sold_id: int, entitlement_id: int, now: datetime
) -> Slots:
    """The holder gets the free times for a 1:1 item, in their zone (else the coach's)."""
    async with uow:
        package = await holding(uow, ByHolder(viewer_id, sold_id))
        starts = await item_slots(uow, package, entitlement_id, now)
        entitlement = package.item(entitlement_id)
        assert entitlement is not None  # item_slots checked it
        zone = await _zone_of(uow, package, viewer_id)
        coach = await uow.coaches.get(package.coach_id)
        assert coach is not None  # _zone_of checked it
        return Slots(entitlement.title, zone, starts, entitlement.left, coach.timezone)


async def dates_for(
    uow: BookingUnitOfWork, viewer_id: int, sold_id: int, entitlement_id: int, now: datetime
) -> Dates:
    """The holder gets a group item's upcoming dates, in their zone (else the coach's)."""
    async with uow:
        package = await holding(uow, ByHolder(viewer_id, sold_id))
        series, occurrences = await item_occurrences(uow, package, entitlement_id, now)
        return Dates(series, await _zone_of(uow, package, viewer_id), occurrences)


async def _zone_of(uow: BookingUnitOfWork, package: SoldPackage, viewer_id: int) -> str:
    """The viewer's zone if they set one (the coach sees their own), else the coach's."""
    coach = await uow.coaches.get(package.coach_id)
    if coach is None:
        raise NotFound()
    is_coach = viewer_id == package.coach_id
    viewer = None if is_coach else await uow.users.get(viewer_id)
    own = viewer.timezone if viewer else None
    return viewer_zone(own, coach.timezone, is_coach=is_coach)


@dataclass(frozen=True)
class MoveChoices:
    """Where a 1:1 session could move to, seen in `zone`."""

    booking: SessionBooking
    zone: str
    starts: list[datetime]


async def move_choices(
    uow: BookingUnitOfWork, viewer_id: int, sold_id: int, booking_id: int, now: datetime
) -> MoveChoices:
    """The holder gets the free times a session of theirs could move to (a client only
    before the cancellation window), in their zone (else the coach's)."""
    access = ByHolder(viewer_id, sold_id)
    async with uow:
        booking, starts = await move_options_in(uow, access, booking_id, now)
        package = await holding(uow, access)
        return MoveChoices(booking, await _zone_of(uow, package, viewer_id), starts)


async def zone_in(uow: BookingUnitOfWork, viewer_id: int, sold_id: int) -> str:
    """The zone the holder sees the package's times in, inside the caller's unit of work."""
    package = await holding(uow, ByHolder(viewer_id, sold_id))
    return await _zone_of(uow, package, viewer_id)
