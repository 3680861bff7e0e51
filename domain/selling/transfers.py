"""Transfer (rule 15's kin): the package's client, or its coach, hands what is left to
someone else. A new access link is issued for them to forward; the old link stops working
for everyone who held it (the client too), and the first person to open the new link
becomes the client. Sessions already booked stay booked. The history records it.

A second press (or a press on an old question) finds the link changed and does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import DomainError, NotFound
from domain.model import Coach
from domain.ports import UnitOfWork
from domain.reminders.use_cases import ReminderOffsets, replan_package_reminders
from domain.selling.desk import FINGERPRINT, Reader, reader_of
from domain.selling.model import EventKind, SaleEvent, SoldPackage, SoldStatus
from domain.selling.tokens import new_access_token


class NothingToTransfer(DomainError):
    """Only an active package (not expired, used up, paused or refunded) is transferred."""


@dataclass(frozen=True)
class Transfer:
    """The package after the transfer (its new token), whether this press made it, who
    asked (`by_coach`), and whom to tell: the coach when the client transferred, the old
    client when the coach did (with their zone)."""

    sold: SoldPackage
    changed: bool
    by_coach: bool
    coach: Coach
    tell: tuple[Reader, ...]


async def transfer_question(
    uow: UnitOfWork, actor_id: int, sold_id: int, now: datetime
) -> tuple[SoldPackage, str]:
    """The client or the coach sees what would be transferred; the fingerprint of the
    link the question is about."""
    async with uow:
        sold = await _own(uow, actor_id, sold_id)
        if sold.status(now) is not SoldStatus.ACTIVE:
            raise NothingToTransfer()
    return sold, sold.access_token[:FINGERPRINT]


async def transfer_package(
    uow: UnitOfWork,
    actor_id: int,
    sold_id: int,
    fingerprint: str,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Transfer:
    """The client (or the coach) transfers the package: new link, old one dead, holders
    gone, no client until the new link is opened. One transaction."""
    async with uow:
        sold = await _own(uow, actor_id, sold_id)
        coach = await uow.coaches.get(sold.coach_id)
        assert coach is not None, "a sold package always has its coach"
        by_coach = actor_id == sold.coach_id
        old = sold.access_token
        changed = old[:FINGERPRINT] == fingerprint
        if changed and sold.status(now) is not SoldStatus.ACTIVE:
            raise NothingToTransfer()
        changed = changed and await uow.sold.replace_token(sold_id, old, new_access_token())
        tell: tuple[Reader, ...] = ()
        if changed:
            tell = await _to_tell(uow, sold, coach, by_coach)
            await uow.sold.drop_holders(sold_id)
            await uow.sold.replace_client(sold_id, sold.client_id, None)
            who = "by the coach" if by_coach else "by the client"
            await uow.sold.add_event(SaleEvent(sold_id, EventKind.TRANSFERRED, now, note=who))
            if reminders is not None:
                await replan_package_reminders(uow, sold_id, now, reminders.expiry)
        sold = await _stored(uow, sold_id)
        await uow.commit()
    return Transfer(sold, changed, by_coach, coach, tell)


async def _own(uow: UnitOfWork, actor_id: int, sold_id: int) -> SoldPackage:
    """The sold package when `actor_id` is its coach or its client; NotFound otherwise."""
    sold = await uow.sold.get(sold_id)
    if sold is None or actor_id not in (sold.coach_id, sold.client_id):
        raise NotFound()
    if actor_id != sold.coach_id and not await uow.sold.is_holder(sold_id, actor_id):
        raise NotFound()  # a client the coach removed from the link
    return sold


async def _stored(uow: UnitOfWork, sold_id: int) -> SoldPackage:
    sold = await uow.sold.get(sold_id)
    assert sold is not None
    return sold


async def _to_tell(
    uow: UnitOfWork, sold: SoldPackage, coach: Coach, by_coach: bool
) -> tuple[Reader, ...]:
    if not by_coach:
        language = (await uow.users.languages([coach.user_id]))[coach.user_id]
        return (Reader(coach.user_id, coach.timezone, language),)
    if sold.client_id is None:
        return ()
    return (await reader_of(uow, sold.client_id, coach),)
