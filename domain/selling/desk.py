"""The coach's desk of sold packages: the list with filters, one sold package with its
holders and history, changing its expiry and revoking its access link (rules 8, 11, 15).

Expiry changes and revocations happen only here, so work that follows them (reminders) has
one place to hook into.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.catalog.access import require_coach
from domain.errors import NotFound
from domain.model import DEFAULT_LANGUAGE, Coach
from domain.pagination import Page, fetch_page
from domain.ports import UnitOfWork
from domain.reminders.use_cases import ReminderOffsets, replan_package_reminders
from domain.selling.access import SoldLine, SoldView
from domain.selling.model import (
    EventKind,
    Holder,
    SaleEvent,
    SaleKind,
    SoldFilter,
    SoldPackage,
)
from domain.selling.payments import Attention, attention_of
from domain.selling.tokens import new_access_token
from domain.timezones import viewer_zone

FINGERPRINT = 8


@dataclass(frozen=True)
class Change:
    """The sold package after a change; `changed` False when it already was so (a second
    press), and `notify`: who holds it and should be told (never the coach)."""

    sold: SoldPackage
    changed: bool
    notify: list[int]


@dataclass(frozen=True)
class Reader:
    """Someone to tell of a change, the zone they read its times in (rule 14) and the
    language they read (read in the change's transaction, like the zone)."""

    user_id: int
    zone: str
    language: str


@dataclass(frozen=True)
class Revocation(Change):
    """A revoked link, with the buyer to send the new one to (the same people as `notify`,
    in their language) and the coach's name to sign it with."""

    readers: tuple[Reader, ...]
    coach_name: str


@dataclass(frozen=True)
class Desk:
    """One page of the coach's sold packages, the zone they read its times in and, on the
    first page of all, the payments needing attention (they stay in sight)."""

    page: Page[SoldLine]
    zone: str
    attention: Attention | None


@dataclass(frozen=True)
class History:
    """What happened to a sold package, oldest first, and the zone its coach reads it in."""

    sold: SoldPackage
    events: list[SaleEvent]
    zone: str


@dataclass(frozen=True)
class ExpiryChange(Change):
    """An expiry change with the sold package as the coach now sees it, and each holder to
    tell (the same people as `notify`) with their zone."""

    view: SoldView
    readers: tuple[Reader, ...]


async def sold_desk(
    uow: UnitOfWork, coach_id: int, which: SoldFilter, page: int, per_page: int, now: datetime
) -> Desk:
    """The coach gets one page of their sold packages, newest first, filtered, and above
    the first page of all, the payments needing attention."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        found = await fetch_page(
            lambda: uow.sold.count_for_coach(coach_id, which, now),
            lambda offset, limit: uow.sold.list_for_coach(coach_id, which, now, offset, limit),
            page,
            per_page,
        )
        first = which is SoldFilter.ALL and page == 1
        attention = await attention_of(uow, coach_id) if first else None
    lines = [SoldLine(s, s.status(now)) for s in found.items]
    return Desk(Page(lines, found.page, found.pages, found.total), _own_zone(coach), attention)


async def sold_package(uow: UnitOfWork, coach_id: int, sold_id: int, now: datetime) -> SoldView:
    """The coach sees one of their sold packages (times in their zone) and who holds its
    link."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        sold = await own_sold(uow, coach_id, sold_id)
        holders = tuple(await uow.sold.holder_list(sold_id))
    return coach_view(coach, sold, holders, now)


def coach_view(
    coach: Coach, sold: SoldPackage, holders: tuple[Holder, ...], now: datetime
) -> SoldView:
    """The sold package as its coach sees it, in their zone, with who holds its link."""
    return SoldView(sold, sold.status(now), coach, _own_zone(coach), True, holders)


def _own_zone(coach: Coach) -> str:
    return viewer_zone(None, coach.timezone, is_coach=True)


async def sold_history(uow: UnitOfWork, coach_id: int, sold_id: int) -> History:
    """The coach reads what happened to a sold package, oldest first, in their zone."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        sold = await own_sold(uow, coach_id, sold_id)
        return History(sold, await uow.sold.events(sold_id), _own_zone(coach))


async def change_expiry(
    uow: UnitOfWork,
    coach_id: int,
    sold_id: int,
    new: datetime | None,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> ExpiryChange:
    """The coach moves the expiry (later, earlier) or removes it and sees the package again;
    its holders are to be told, each in their zone. One transaction."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        sold = await own_sold(uow, coach_id, sold_id)
        old = sold.expires_at
        changed = old != new and await uow.sold.set_expiry(sold_id, old, new)
        if changed:
            sold.expires_at = new
            await uow.sold.add_event(
                SaleEvent(sold_id, EventKind.EXPIRY_CHANGED, now, expires_at=new)
            )
            if reminders is not None:
                await replan_package_reminders(uow, sold_id, now, reminders.expiry)
        holders = tuple(await uow.sold.holder_list(sold_id))
        told = [h for h in holders if changed and h.user_id != coach_id]
        languages = await uow.users.languages(h.user_id for h in told) if told else {}
        await uow.commit()
    view = coach_view(coach, sold, holders, now)
    readers = tuple(
        Reader(h.user_id, viewer_zone(h.zone, coach.timezone), languages[h.user_id]) for h in told
    )
    return ExpiryChange(sold, changed, [r.user_id for r in readers], view, readers)


async def revoke_link(
    uow: UnitOfWork,
    coach_id: int,
    sold_id: int,
    fingerprint: str,
    now: datetime,
    reminders: ReminderOffsets | None = None,
) -> Revocation:
    """The coach kills the access link whose token starts with `fingerprint` and gets a new
    one (rule 15). Every holder loses the package, the client too: their old buttons stop
    working and it leaves their /mypackages. A purchase's buyer is to be sent the new link
    (`notify`); a grant has no client until the next person opens the new link (and its
    expiry reminders wait for them). A second press changes nothing."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        sold = await own_sold(uow, coach_id, sold_id)
        old, new = sold.access_token, new_access_token()
        # The token swap takes the sold package's row lock: a booking that checked holding
        # under the shared lock commits first; one that comes later finds nobody holding.
        changed = old[:FINGERPRINT] == fingerprint and await uow.sold.replace_token(
            sold_id, old, new
        )
        if changed:
            await uow.sold.drop_holders(sold_id)
            await _release_grant(uow, await own_sold(uow, coach_id, sold_id), now, reminders)
            await uow.sold.add_event(SaleEvent(sold_id, EventKind.LINK_REVOKED, now))
        sold = await own_sold(uow, coach_id, sold_id)
        buyer = sold.client_id if changed else None
        readers = (await reader_of(uow, buyer, coach),) if buyer is not None else ()
        await uow.commit()
    notify = [r.user_id for r in readers]
    return Revocation(sold, changed, notify, readers, coach.display_name)


async def _release_grant(
    uow: UnitOfWork, sold: SoldPackage, now: datetime, reminders: ReminderOffsets | None
) -> None:
    """A granted package's client is whoever opened its link first: with the link revoked,
    it waits for the next one to open the new link."""
    if sold.kind is not SaleKind.GRANT or sold.client_id is None or sold.id is None:
        return
    await uow.sold.replace_client(sold.id, sold.client_id, None)
    if reminders is not None:
        await replan_package_reminders(uow, sold.id, now, reminders.expiry)


def fingerprint(sold: SoldPackage) -> str:
    """The start of the current token: a revoke button names the link it was shown for."""
    return sold.access_token[:FINGERPRINT]


async def own_sold(uow: UnitOfWork, coach_id: int, sold_id: int) -> SoldPackage:
    """The coach's own sold package; NotFound for anyone else's."""
    sold = await uow.sold.get(sold_id)
    if sold is None or sold.coach_id != coach_id:
        raise NotFound()
    return sold


async def readers_of(uow: UnitOfWork, sold: SoldPackage, coach: Coach) -> tuple[Reader, ...]:
    """Everyone holding the package and its client (never the coach), each with the zone
    they read times in (rule 14)."""
    people = [h.user_id for h in await uow.sold.holder_list(sold.stored_id)]
    if sold.client_id is not None and sold.client_id not in people:
        people.append(sold.client_id)
    return tuple([await reader_of(uow, p, coach) for p in people if p != coach.user_id])


async def reader_of(uow: UnitOfWork, person: int, coach: Coach) -> Reader:
    """`person` as a reader of the coach's change: their zone (rule 14) and language."""
    user = await uow.users.get(person)
    zone = viewer_zone(user.timezone if user else None, coach.timezone)
    return Reader(person, zone, (user.language if user else None) or DEFAULT_LANGUAGE)
