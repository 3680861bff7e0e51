"""Rule 20 on the real database: a refund pressed twice at once asks Telegram once and
withdraws once; a refusal releases the claim; the withdrawn package's sessions to come are
cancelled and its seat given back. SQLite and PostgreSQL alike."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.booking.access import ByHolder
from domain.booking.holder_changes import book_session
from domain.booking.model import GroupSeat, OneToOne
from domain.model import User
from domain.selling.model import SaleKind, SoldStatus
from domain.selling.refunds import RefundRefused, refund_sold
from persistence.db import session_factory
from persistence.models import OccurrenceRow, SoldPackageRow
from tests.integration.booking_seed import (
    CLASS_START,
    FIRST_SLOT,
    NOW,
    Sold,
    World,
    seed_world,
    sell,
)
from tests.integration.catalog_seed import ANNA, MakeUow

CLEO = 30


async def _paid(make_uow: MakeUow, engine: AsyncEngine) -> tuple[World, Sold]:
    """A Stars sale to Cleo, who opened its link."""
    world = await seed_world(make_uow)
    sold = await sell(engine, world, 1, held=False)
    async with session_factory(engine)() as session:
        values = {
            "kind": SaleKind.PAID.value,
            "price_minor": 150,
            "currency": "XTR",
            "telegram_charge_id": "stx-race",
        }
        await session.execute(update(SoldPackageRow).values(**values))
        await session.commit()
    async with make_uow() as uow:
        await uow.users.add(User(CLEO, "Cleo"))
        await uow.sold.claim_client(sold.id, CLEO)
        await uow.sold.add_holder(sold.id, CLEO, NOW)
        await uow.commit()
    async with session_factory(engine)() as session:  # who paid: the buyer
        await session.execute(update(SoldPackageRow).values(payer_id=CLEO))
        await session.commit()
    return world, sold


class Telegram:
    """Answers refunds after a pause, so two presses overlap while it is asked."""

    def __init__(self, refuse: bool = False) -> None:
        self.calls: list[tuple[int, str]] = []
        self.refuse = refuse

    async def __call__(self, payer_id: int, charge_id: str) -> None:
        self.calls.append((payer_id, charge_id))
        await asyncio.sleep(0.2)
        if self.refuse:
            raise RefundRefused("telegram", "REFUND_TOO_OLD")


async def test_a_refund_pressed_twice_at_once_is_asked_and_done_once(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    world, sold = await _paid(make_uow, engine)
    holder = ByHolder(CLEO, sold.id)
    await book_session(make_uow(), holder, OneToOne(sold.lesson, FIRST_SLOT), NOW)
    await book_session(make_uow(), holder, GroupSeat(sold.yoga, world.occurrence_id), NOW)
    telegram = Telegram()

    results = await asyncio.gather(
        *(refund_sold(make_uow, ANNA, sold.id, NOW, telegram) for _ in range(2)),
        return_exceptions=True,
    )
    assert telegram.calls == [(CLEO, "stx-race")]
    done = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, RefundRefused)]
    assert len(done) == 1 and len(refused) == 1, results
    assert refused[0].code in ("in_progress", "already_refunded")
    assert {b.starts_at for b in done[0].cancelled} == {FIRST_SLOT, CLASS_START}
    assert [r.user_id for r in done[0].readers] == [CLEO]

    async with make_uow() as uow:
        stored = await uow.sold.get(sold.id)
        assert stored is not None and stored.status(NOW) is SoldStatus.REFUNDED
        assert await uow.bookings.upcoming_for_package(sold.id, NOW) == []
        events = [e.kind.value for e in await uow.sold.events(sold.id)]
    assert events.count("refunded") == 1
    async with session_factory(engine)() as session:
        occurrence = await session.get(OccurrenceRow, world.occurrence_id)
    assert occurrence is not None and occurrence.seats_taken == 0
    async with make_uow() as uow:  # the link answers like a revoked one
        assert await uow.sold.by_token(sold.token) is None
    with pytest.raises(RefundRefused) as later:
        await refund_sold(make_uow, ANNA, sold.id, NOW, telegram)
    assert later.value.code == "already_refunded" and len(telegram.calls) == 1


async def test_a_refused_refund_changes_nothing_and_can_be_asked_again(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    _, sold = await _paid(make_uow, engine)
    with pytest.raises(RefundRefused) as refused:
        await refund_sold(make_uow, ANNA, sold.id, NOW, Telegram(refuse=True))
    assert refused.value.said == "REFUND_TOO_OLD"
    async with make_uow() as uow:
        stored = await uow.sold.get(sold.id)
    assert stored is not None and stored.status(NOW) is SoldStatus.ACTIVE
    assert stored.refund_claimed_at is None
    async with make_uow() as uow:
        assert await uow.sold.by_token(sold.token) is not None
    telegram = Telegram()
    await refund_sold(make_uow, ANNA, sold.id, NOW, telegram)
    assert telegram.calls == [(CLEO, "stx-race")]
