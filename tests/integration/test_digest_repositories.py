"""Coach digests on real SQLite and PostgreSQL: one row per coach and day, leased claims,
the facts a digest is built from, and two sweepers racing over hundreds of coaches."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.model import Coach, Plan, User
from domain.reminders.digest import Digest, DigestCoach
from domain.reminders.digest_sweep import send_coach_digests
from domain.reminders.engine import Delivery, DeliveryStatus
from persistence.db import session_factory
from persistence.models import (
    CoachDigestRow,
    EntitlementRow,
    SessionBookingRow,
    SoldPackageRow,
    UserRow,
)
from tests.reminder_seed import SEEDED_AT, MakeUow, Seller, seed_seller, sell, sold_rows

COACH, CLIENT, NAMELESS = 10, 20, 30
DAY = date(2026, 12, 14)
NOW = datetime(2026, 12, 14, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
LEASE = timedelta(minutes=10)


@dataclass
class Recorder:
    """Records what would be sent; pauses like a paced, real send."""

    digests: list[Digest] = field(default_factory=list)

    async def ready(self, count: int) -> None:
        await asyncio.sleep(0.001)

    async def deliver(self, digest: Digest) -> Delivery:
        await asyncio.sleep(0.001)
        self.digests.append(digest)
        return Delivery(DeliveryStatus.DELIVERED)


async def seller(make_uow: MakeUow) -> Seller:
    return await seed_seller(make_uow, COACH, [(CLIENT, None), (NAMELESS, None)])


async def add_coaches(make_uow: MakeUow, ids: list[int], zone: str | None) -> None:
    async with make_uow() as uow:
        for coach_id in ids:
            await uow.users.add(User(coach_id, f"Coach {coach_id}", zone))
            await uow.coaches.add(
                Coach(coach_id, f"c{coach_id}", Plan.PRO, "Coach", zone or "UTC", SEEDED_AT)
            )
        await uow.commit()


async def book(
    engine: AsyncEngine, sold_id: int, starts_at: datetime, status: str = "booked"
) -> None:
    async with session_factory(engine)() as session:
        sold = await session.get(SoldPackageRow, sold_id)
        entitlement = await session.scalar(
            select(EntitlementRow).where(EntitlementRow.sold_package_id == sold_id)
        )
        assert sold is not None and entitlement is not None
        session.add(
            SessionBookingRow(
                sold_package_id=sold_id,
                entitlement_id=entitlement.id,
                coach_id=sold.coach_id,
                kind="service",
                ref_id=entitlement.service_id,
                title="Private lesson",
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=1),
                booked_at=SEEDED_AT,
                status=status,
            )
        )
        await session.commit()


async def test_coaches_are_read_in_id_order_a_batch_at_a_time_with_their_zone(
    make_uow: MakeUow,
) -> None:
    await seller(make_uow)
    await add_coaches(make_uow, [12, 11], None)
    async with make_uow() as uow:
        first = await uow.digests.coaches_after(0, 2)
        rest = await uow.digests.coaches_after(first[-1].coach_id, 2)
        zones = await uow.digests.zones([COACH, 11, CLIENT + 1000])
    assert first == [DigestCoach(COACH, "Europe/Berlin"), DigestCoach(11, "UTC")]
    assert rest == [DigestCoach(12, "UTC")]
    assert zones == {COACH: "Europe/Berlin", 11: "UTC"}


async def test_a_coachs_day_is_opened_once_however_often_asked(make_uow: MakeUow) -> None:
    await seller(make_uow)
    async with make_uow() as uow:
        assert await uow.digests.open([(COACH, DAY)], NOW) == 1
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.digests.open([(COACH, DAY), (COACH, DAY + timedelta(days=1))], NOW) == 1
        assert await uow.digests.opened([COACH], [DAY, DAY - timedelta(days=1)]) == {(COACH, DAY)}
        await uow.commit()


async def test_a_claimed_digest_is_leased_and_taken_again_only_after_the_lease(
    make_uow: MakeUow,
) -> None:
    await seller(make_uow)
    async with make_uow() as uow:
        await uow.digests.open([(COACH, DAY)], NOW)
        await uow.commit()
    async with make_uow() as uow:
        (claimed,) = await uow.digests.claim_due(NOW, 10, NOW + LEASE)
        await uow.commit()
    assert (claimed.coach_id, claimed.day, claimed.next_attempt_at) == (COACH, DAY, NOW)
    async with make_uow() as uow:
        assert await uow.digests.claim_due(NOW + LEASE - timedelta(seconds=1), 10, NOW) == []
        (again,) = await uow.digests.claim_due(NOW + LEASE, 10, NOW + 2 * LEASE)
        await uow.digests.save(again)  # handed back as it was
        await uow.commit()
    async with make_uow() as uow:
        # Handed back with the first lease's end as its next attempt, as it was claimed.
        assert await uow.digests.claim_due(NOW + LEASE - timedelta(seconds=1), 10, NOW) == []
        assert [r.day for r in await uow.digests.claim_due(NOW + LEASE, 10, NOW)] == [DAY]


async def test_expiring_lists_those_coaches_active_packages_in_the_window_with_sessions_left(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sale = await seller(make_uow)
    soon = NOW + timedelta(days=2)
    listed = await sell(engine, sale, CLIENT, soon, quantity=5, used=2)
    nobody = await sell(engine, sale, None, soon + timedelta(hours=1))
    nameless = await sell(engine, sale, NAMELESS, soon)
    used_up = await sell(engine, sale, CLIENT, soon, quantity=2, used=2)
    removed = await sell(engine, sale, CLIENT, soon)
    await sell(engine, sale, CLIENT, NOW + timedelta(days=8))
    await sell(engine, sale, CLIENT, NOW)
    async with session_factory(engine)() as session:
        await session.execute(
            update(EntitlementRow)
            .where(EntitlementRow.sold_package_id == removed)
            .values(removed_at=NOW)
        )
        await session.execute(
            update(UserRow).where(UserRow.telegram_id == NAMELESS).values(first_name="")
        )
        await session.commit()
    async with make_uow() as uow:
        found = await uow.digests.expiring([COACH], NOW, NOW + timedelta(days=7))
        assert await uow.digests.expiring([COACH + 1], NOW, NOW + timedelta(days=7)) == []
    by_id = {f.sold_package_id: f for f in found}
    assert sorted(by_id) == sorted([listed, nobody, nameless]) and used_up not in by_id
    assert (by_id[listed].client_name, by_id[listed].sessions_left) == (f"Client {CLIENT}", 3)
    assert by_id[listed].expires_at == soon and by_id[listed].title == "Starter"
    assert by_id[nobody].client_name is None
    assert by_id[nameless].client_name == ""  # a client, without a name


async def test_sessions_are_the_booked_ones_of_those_coaches_in_the_window(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sale = await seller(make_uow)
    sold_id = await sell(engine, sale, CLIENT, None)
    start, end = NOW - timedelta(hours=8), NOW + timedelta(hours=16)
    await book(engine, sold_id, start)
    await book(engine, sold_id, NOW + timedelta(hours=2))
    await book(engine, sold_id, NOW + timedelta(hours=3), status="cancelled")
    await book(engine, sold_id, end)
    async with make_uow() as uow:
        found = await uow.digests.sessions([COACH], start, end)
        assert await uow.digests.sessions([COACH + 1], start, end) == []
    assert [(s.starts_at, s.title, s.client_name) for s in found] == [
        (start, "Private lesson", f"Client {CLIENT}"),
        (NOW + timedelta(hours=2), "Private lesson", f"Client {CLIENT}"),
    ]


async def test_two_sweepers_at_once_give_each_of_300_coaches_one_digest(
    engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sale = await seller(make_uow)
    coaches = list(range(100_000, 100_300))
    await add_coaches(make_uow, coaches, "Europe/Berlin")
    async with session_factory(engine)() as session:
        made = [sold_rows(sale, CLIENT, NOW + timedelta(days=1), 5, 0) for _ in coaches]
        for (sold, _), coach_id in zip(made, coaches, strict=True):
            sold.coach_id = coach_id
        session.add_all([sold for sold, _ in made])
        await session.flush()
        session.add_all([entitlement(sold.id) for sold, entitlement in made])
        await session.commit()
    first, second = Recorder(), Recorder()
    await asyncio.gather(
        *(
            send_coach_digests(
                make_uow, recorder, lambda: NOW, hour=8, batch_size=10, coach_batch=50
            )
            for recorder in (first, second)
        )
    )
    sent = [d.coach_id for d in first.digests + second.digests]
    assert sorted(sent) == coaches  # the seller (no package of their own expiring) got none
    assert first.digests and second.digests  # both really took part
    async with session_factory(engine)() as session:
        outcomes = await session.execute(
            select(CoachDigestRow.outcome, func.count()).group_by(CoachDigestRow.outcome)
        )
        assert sorted(outcomes.all()) == [("sent", 300), ("skipped", 1)]
