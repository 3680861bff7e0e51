"""Refunds from the coach's desk (rule 20): a refund withdraws what it paid for, once.

A Telegram Stars payment is refunded through Telegram (the `Refunder` the bot hands in);
a card payment was refunded by the coach with their provider, and the desk only records
it. Either way the sold package is marked refunded (its link answers like a revoked one,
nothing more can be booked), its sessions still to come are cancelled, and its holders and
the coach are to be told.

Exactly once: a press first claims the refund in its own transaction (a conditional
UPDATE, so of two presses at once only one claims it); only the claimer asks Telegram; a
refusal releases the claim and changes nothing. A claim left by a process that died while
asking may be taken again after `CLAIM_LAPSES`; Telegram then answers "already refunded"
if the first ask went through, which is taken as done.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from domain.booking.model import BookingStatus, SessionBooking
from domain.booking.reminding import replan_after
from domain.booking.uow import BookingUnitOfWork
from domain.catalog.access import require_coach
from domain.errors import DomainError
from domain.model import Coach
from domain.reminders.use_cases import ReminderOffsets, replan_package_reminders
from domain.selling.desk import Reader, own_sold
from domain.selling.model import EventKind, SaleEvent, SaleKind, SoldPackage
from domain.timezones import viewer_zone

STARS = "XTR"
CLAIM_LAPSES = timedelta(minutes=10)


class RefundRefused(DomainError):
    """Telegram (or the rules) refused the refund; nothing changed. `code` names why:
    already_refunded, not_paid, in_progress, or telegram (with Telegram's own words)."""

    def __init__(self, code: str, said: str = "") -> None:
        super().__init__(code, said)
        self.code = code
        self.said = said


class AlreadyRefunded(RefundRefused):
    """Telegram says the charge was refunded before (a claim that lapsed mid-ask)."""

    def __init__(self) -> None:
        super().__init__("already_refunded")


Refunder = Callable[[int, str], Awaitable[None]]
"""Asks Telegram to refund charge `charge_id` to user `payer_id`; raises RefundRefused."""


@dataclass(frozen=True)
class Withdrawal:
    """The refunded package, the sessions it cancelled, whom to tell (never the coach,
    each in their zone), and the coach."""

    sold: SoldPackage
    cancelled: tuple[SessionBooking, ...]
    readers: tuple[Reader, ...]
    coach: Coach


def via_telegram(sold: SoldPackage) -> bool:
    """A Stars payment is refunded through Telegram; any other was paid to the provider."""
    return sold.currency == STARS and sold.charge_id is not None


def refundable(sold: SoldPackage) -> bool:
    return sold.kind is SaleKind.PAID and sold.price_minor > 0 and sold.refunded_at is None


async def refund_sold(
    uow_factory: Callable[[], BookingUnitOfWork],
    coach_id: int,
    sold_id: int,
    now: datetime,
    refund: Refunder,
    reminders: ReminderOffsets | None = None,
) -> Withdrawal:
    """The coach refunds a paid sold package: Stars through Telegram, a card payment as
    recorded; the package is withdrawn. Pressed twice, at once or later: one refund."""
    sold = await _claim(uow_factory(), coach_id, sold_id, now)
    if via_telegram(sold):
        assert sold.charge_id is not None
        try:
            await refund(sold.payer_id or sold.client_id or 0, sold.charge_id)
        except AlreadyRefunded:
            if sold.refund_claimed_at is None:  # refunded elsewhere: Telegram's word stands
                await _release(uow_factory(), sold_id)
                raise
            # else the ask of a claim that lapsed went through: finish what it started
        except BaseException:
            await _release(uow_factory(), sold_id)
            raise
    return await _withdraw(uow_factory(), coach_id, sold_id, now, reminders)


async def _claim(
    uow: BookingUnitOfWork, coach_id: int, sold_id: int, now: datetime
) -> SoldPackage:
    async with uow:
        await require_coach(uow, coach_id)
        sold = await own_sold(uow, coach_id, sold_id)
        if sold.refunded_at is not None:
            raise RefundRefused("already_refunded")
        if not refundable(sold):
            raise RefundRefused("not_paid")
        if not await uow.sold.claim_refund(sold_id, now, now - CLAIM_LAPSES):
            raise RefundRefused("in_progress")
        await uow.commit()
    return sold


async def _release(uow: BookingUnitOfWork, sold_id: int) -> None:
    async with uow:
        await uow.sold.release_refund(sold_id)
        await uow.commit()


async def _withdraw(
    uow: BookingUnitOfWork,
    coach_id: int,
    sold_id: int,
    now: datetime,
    reminders: ReminderOffsets | None,
) -> Withdrawal:
    async with uow:
        coach = await require_coach(uow, coach_id)
        await uow.bookings.lock_coach(coach_id)
        if not await uow.sold.mark_refunded(sold_id, now):
            raise RefundRefused("already_refunded")
        sold = await own_sold(uow, coach_id, sold_id)
        cancelled = await cancel_sessions_to_come(uow, sold, now, reminders)
        await uow.sold.add_event(SaleEvent(sold_id, EventKind.REFUNDED, now))
        if reminders is not None:
            await replan_package_reminders(uow, sold_id, now, reminders.expiry)
        readers = await readers_of(uow, sold, coach)
        await uow.commit()
    return Withdrawal(sold, cancelled, readers, coach)


async def cancel_sessions_to_come(
    uow: BookingUnitOfWork,
    sold: SoldPackage,
    now: datetime,
    reminders: ReminderOffsets | None,
) -> tuple[SessionBooking, ...]:
    """Cancels the package's active sessions that have not started (the caller holds the
    coach's lock); their units stay used: the package is withdrawn."""
    done = []
    for booking in await uow.bookings.upcoming_for_package(sold.stored_id, now):
        if booking.starts_at <= now:
            continue
        closed = replace(booking, status=BookingStatus.CANCELLED, cancelled_at=now)
        if not await uow.bookings.close(closed):
            continue
        if booking.occurrence_id is not None:
            await uow.bookings.release_seat(booking.occurrence_id)
        await replan_after(uow, reminders, closed, sold.client_id, now)
        done.append(closed)
    return tuple(done)


async def readers_of(
    uow: BookingUnitOfWork, sold: SoldPackage, coach: Coach
) -> tuple[Reader, ...]:
    """Everyone holding the package and its client, each with the zone they read in."""
    people = [h.user_id for h in await uow.sold.holder_list(sold.stored_id)]
    if sold.client_id is not None and sold.client_id not in people:
        people.append(sold.client_id)
    readers = []
    for person in people:
        if person == coach.user_id:
            continue
        user = await uow.users.get(person)
        zone = viewer_zone(user.timezone if user else None, coach.timezone)
        readers.append(Reader(person, zone))
    return tuple(readers)
