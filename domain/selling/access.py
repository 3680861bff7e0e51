"""What holders of a sold package see: the access link's view and /mypackages.

Whoever has the link may use it (rule 13): opening it makes the sold package theirs to find
again in /mypackages, until the coach revokes the link or removes them (rule 15). A revoked
token is simply unknown, like any bad one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.accounts import ensure_user
from domain.errors import NotFound
from domain.model import Coach
from domain.pagination import Page, fetch_page
from domain.ports import UnitOfWork
from domain.reminders.use_cases import ReminderOffsets, replan_package_reminders
from domain.selling.model import Holder, SoldPackage, SoldStatus
from domain.selling.tokens import is_access_token
from domain.timezones import viewer_zone


@dataclass(frozen=True)
class SoldLine:
    """A sold package in a list, with its status now."""

    sold: SoldPackage
    status: SoldStatus


@dataclass(frozen=True)
class SoldView:
    """One sold package as a viewer sees it: times in `zone` (theirs, else the coach's)."""

    sold: SoldPackage
    status: SoldStatus
    coach: Coach
    zone: str
    for_coach: bool
    holders: tuple[Holder, ...] = ()
    for_client: bool = False  # the viewer is its client (who may transfer it)


async def claim_by_token(
    uow: UnitOfWork,
    viewer_id: int,
    first_name: str,
    token: str,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> SoldView:
    """Anyone with the access link sees the sold package; NotFound for any unknown,
    revoked or malformed token (the same answer for all). In the caller's transaction,
    which commits it.

    The first person to open a package sold without a client (a coach's grant) becomes its
    client, and from then on gets its expiry reminders."""
    if not is_access_token(token):
        raise NotFound()
    sold = await uow.sold.by_token(token, lock=True)  # not while it is being revoked
    if sold is None or sold.id is None:
        raise NotFound()
    viewer = await ensure_user(uow, viewer_id, first_name)
    if viewer_id != sold.coach_id:
        if sold.client_id is None:
            await uow.sold.claim_client(sold.id, viewer_id)
            if reminders is not None:
                await replan_package_reminders(uow, sold.id, now, reminders.expiry)
        await uow.sold.add_holder(sold.id, viewer_id, now)
    return await view_of(uow, sold, viewer_id, viewer.timezone, now)


async def my_packages(
    uow: UnitOfWork, user_id: int, page: int, per_page: int, now: datetime
) -> tuple[Page[SoldLine], str | None]:
    """The person gets the sold packages they bought or opened by link, newest first, and
    their time zone if they chose one."""
    async with uow:
        user = await uow.users.get(user_id)
        found = await fetch_page(
            lambda: uow.sold.count_held(user_id),
            lambda offset, limit: uow.sold.list_held(user_id, offset, limit),
            page,
            per_page,
        )
    lines = [SoldLine(s, s.status(now)) for s in found.items]
    return Page(lines, found.page, found.pages, found.total), user.timezone if user else None


async def view_of(
    uow: UnitOfWork, sold: SoldPackage, viewer_id: int, zone: str | None, now: datetime
) -> SoldView:
    coach = await uow.coaches.get(sold.coach_id)
    assert coach is not None, "a sold package always has its coach"
    for_coach = viewer_id == coach.user_id
    shown_zone = viewer_zone(zone, coach.timezone, is_coach=for_coach)
    for_client = not for_coach and sold.client_id == viewer_id
    return SoldView(sold, sold.status(now), coach, shown_zone, for_coach, for_client=for_client)
