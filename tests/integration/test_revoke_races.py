"""Rule 15 on the real database: revoking a link (or removing a holder) takes the package
from everyone who held it, and a Confirm press racing a revocation never books after the
revocation committed. SQLite and PostgreSQL alike."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Self

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.access import ByHolder
from domain.booking.errors import BookingRefused
from domain.booking.holder_changes import book_session
from domain.booking.model import OneToOne
from domain.errors import NotFound
from domain.model import User
from domain.selling.desk import revoke_link
from domain.selling.holders import remove_holder
from domain.selling.model import SaleKind
from persistence.db import session_factory
from persistence.models import SoldPackageRow
from persistence.uow import SqlUnitOfWork
from tests.integration.booking_seed import FIRST_SLOT, NOW, Sold, active_bookings, seed_world, sell
from tests.integration.catalog_seed import ANNA, MakeUow

CLEO, FINN = 30, 40
WAIT = 0.3  # long enough for an unhindered revocation to commit meanwhile


class Recorded(SqlUnitOfWork):
    """Notes `name` in `order` once its commit returned; `pause_at` names a method of a
    repository ("bookings.lock_coach") that first waits for `release` (`paused` set)."""

    def __init__(self, make_uow: MakeUow, order: list[str], name: str, pause_at: str = "") -> None:
        super().__init__(make_uow()._sessions)
        self.order, self.name, self.pause_at = order, name, pause_at
        self.paused, self.release = asyncio.Event(), asyncio.Event()

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        if self.pause_at:
            repo_name, method = self.pause_at.split(".")
            repo = getattr(self, repo_name)
            setattr(repo, method, self._pausing(getattr(repo, method)))
        return self

    def _pausing(self, call: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def paused(*args: Any) -> Any:
            self.paused.set()
            await self.release.wait()
            return await call(*args)

        return paused

    async def commit(self) -> None:
        await super().commit()
        self.order.append(self.name)


async def _sold_to(make_uow: MakeUow, engine: AsyncEngine, kind: SaleKind, client: int) -> Sold:
    """A sold package of `kind` whose client is `client`, held by Cleo and Finn."""
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1, held=False)
    async with session_factory(engine)() as session:
        values = {"kind": kind.value, "client_id": None}
        await session.execute(update(SoldPackageRow).values(**values))
        await session.commit()
    async with make_uow() as uow:
        for user, name in ((CLEO, "Cleo"), (FINN, "Finn")):
            await uow.users.add(User(user, name))
            await uow.sold.add_holder(sold.id, user, NOW)
        await uow.sold.claim_client(sold.id, client)
        await uow.commit()
    return sold


def _confirm(make_uow: MakeUow, order: list[str], user: int, sold: Sold, pause: str = "") -> Any:
    uow = Recorded(make_uow, order, "book", pause)
    task = book_session(uow, ByHolder(user, sold.id), OneToOne(sold.lesson, FIRST_SLOT), NOW)
    return uow, asyncio.ensure_future(task)


def _revoke(make_uow: MakeUow, order: list[str], sold: Sold, pause: str = "") -> Any:
    uow = Recorded(make_uow, order, "revoke", pause)
    return uow, asyncio.ensure_future(revoke_link(uow, ANNA, sold.id, sold.token[:8], NOW))


async def _holders(make_uow: MakeUow, sold: Sold) -> list[int]:
    async with make_uow() as uow:
        return await uow.sold.holders(sold.id)


async def test_a_confirm_pressed_before_the_revocation_commits_first(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    sold = await _sold_to(make_uow, engine, SaleKind.FREE, CLEO)
    order: list[str] = []
    booking_uow, booking = _confirm(make_uow, order, CLEO, sold, "bookings.lock_coach")
    await asyncio.wait_for(booking_uow.paused.wait(), 10)  # holding checked, nothing written
    _, revoking = _revoke(make_uow, order, sold)
    await asyncio.sleep(WAIT)
    booking_uow.release.set()
    await asyncio.gather(booking, revoking)
    assert order == ["book", "revoke"]  # the revocation waited for the press it did not see
    assert (await revoking).changed and await active_bookings(engine) == 1
    assert await _holders(make_uow, sold) == []


@pytest.mark.parametrize(
    ("kind", "presser"),
    [(SaleKind.FREE, CLEO), (SaleKind.GRANT, FINN)],  # the buyer; a stranger who was first
)
async def test_a_confirm_pressed_while_revoking_never_books_after_it(
    make_uow: MakeUow, engine: AsyncEngine, kind: SaleKind, presser: int
) -> None:
    sold = await _sold_to(make_uow, engine, kind, presser)
    order: list[str] = []
    revoke_uow, revoking = _revoke(make_uow, order, sold, "sold.drop_holders")
    await asyncio.wait_for(revoke_uow.paused.wait(), 10)  # token replaced, not committed
    _, booking = _confirm(make_uow, order, presser, sold)
    await asyncio.sleep(WAIT)
    revoke_uow.release.set()
    change = await revoking
    with pytest.raises(NotFound):
        await booking
    assert order == ["revoke"] and await active_bookings(engine) == 0
    assert await _holders(make_uow, sold) == []
    assert change.sold.client_id == (presser if kind is SaleKind.FREE else None)
    assert change.notify == ([presser] if kind is SaleKind.FREE else [])


async def test_many_confirms_racing_a_revocation_all_commit_before_it_or_are_refused(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    sold = await _sold_to(make_uow, engine, SaleKind.FREE, CLEO)
    order: list[str] = []
    presses = [_confirm(make_uow, order, user, sold)[1] for user in (CLEO, FINN) * 4]
    _, revoking = _revoke(make_uow, order, sold)
    results = await asyncio.gather(*presses, revoking, return_exceptions=True)
    booked = order.index("revoke")
    assert order[:booked] == ["book"] * booked and "book" not in order[booked:]
    refusals = NotFound | BookingRefused  # a press after it; the slot taken by another
    assert all(not isinstance(r, BaseException) or isinstance(r, refusals) for r in results)
    assert await active_bookings(engine) == booked <= 1  # one slot: at most one booking


async def test_a_removed_holders_confirm_never_books_after_the_removal(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    sold = await _sold_to(make_uow, engine, SaleKind.GRANT, FINN)
    order: list[str] = []
    removing_uow = Recorded(make_uow, order, "remove", "sold.holder_list")
    removing = asyncio.ensure_future(remove_holder(removing_uow, ANNA, sold.id, FINN, NOW))
    await asyncio.wait_for(removing_uow.paused.wait(), 10)  # Finn gone, not committed
    _, booking = _confirm(make_uow, order, FINN, sold)
    await asyncio.sleep(WAIT)
    removing_uow.release.set()
    removal = await removing
    with pytest.raises(NotFound):
        await booking
    assert removal.removed and order == ["remove"] and await active_bookings(engine) == 0
    assert await _holders(make_uow, sold) == [CLEO]
    async with make_uow() as uow:
        handed = await uow.sold.get(sold.id)
    assert handed is not None and handed.client_id == CLEO  # the grant's next holder
