"""Who holds a sold package's access link, and the coach removing one of them without
revoking the link (rule 15's lighter tool): the removed holder's old buttons stop working
and the package leaves their /mypackages; they are back only by opening the link again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.catalog.access import require_coach
from domain.errors import NotFound
from domain.ports import UnitOfWork
from domain.reminders.use_cases import ReminderOffsets, replan_package_reminders
from domain.selling.access import SoldView
from domain.selling.desk import coach_view, own_sold
from domain.selling.model import EventKind, Holder, SaleEvent, SaleKind, SoldPackage


@dataclass(frozen=True)
class Removal:
    """The sold package after removing `name`, as its coach now sees it with who still
    holds it; `removed` False when they already were not holding it (a second press)."""

    view: SoldView
    name: str
    removed: bool

    @property
    def sold(self) -> SoldPackage:
        return self.view.sold


async def link_holder(
    uow: UnitOfWork, coach_id: int, sold_id: int, user_id: int, now: datetime
) -> tuple[SoldView, Holder | None]:
    """The coach sees one holder of their sold package (to confirm removing them); None
    when that person no longer holds it, with the package and its holders as they are."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        sold = await own_sold(uow, coach_id, sold_id)
        holders = tuple(await uow.sold.holder_list(sold_id))
    found = [h for h in holders if h.user_id == user_id]
    return coach_view(coach, sold, holders, now), found[0] if found else None


async def remove_holder(
    uow: UnitOfWork,
    coach_id: int,
    sold_id: int,
    user_id: int,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Removal:
    """The coach takes the package away from one holder; the link stays as it is. When that
    holder was a grant's client, the next holder (the earliest to open it) becomes the
    client, or else the next person to open the link."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        await own_sold(uow, coach_id, sold_id)
        user = await uow.users.get(user_id)
        if user is None:
            raise NotFound()
        removed = await uow.sold.remove_holder(sold_id, user_id)
        sold = await own_sold(uow, coach_id, sold_id)  # as it is now, under the lock
        if removed:
            await _hand_on_grant(uow, sold, user_id, now, reminders)
            event = SaleEvent(sold_id, EventKind.HOLDER_REMOVED, now, note=user.first_name)
            await uow.sold.add_event(event)
            sold = await own_sold(uow, coach_id, sold_id)
        holders = tuple(await uow.sold.holder_list(sold_id))
        await uow.commit()
    return Removal(coach_view(coach, sold, holders, now), user.first_name, removed)


async def _hand_on_grant(
    uow: UnitOfWork,
    sold: SoldPackage,
    removed: int,
    now: datetime,
    reminders: ReminderOffsets | None,
) -> None:
    if sold.kind is not SaleKind.GRANT or sold.client_id != removed or sold.id is None:
        return
    remaining = await uow.sold.holder_list(sold.id)
    await uow.sold.replace_client(sold.id, removed, remaining[0].user_id if remaining else None)
    if reminders is not None:
        await replan_package_reminders(uow, sold.id, now, reminders.expiry)
