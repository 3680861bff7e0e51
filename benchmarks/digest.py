"""How long the coach digest sweep takes with 10,000 coaches.

    .venv/bin/python -m benchmarks.digest [--coaches N] [--url DATABASE_URL]

Without --url it runs on a SQLite file in the temp directory and, when BENCH_POSTGRES_URL is
set, on that PostgreSQL database too. THE SCHEMA OF THE DATABASE IT IS GIVEN IS REBUILT.

The coaches live in four zones (Europe/Berlin, America/New_York, Pacific/Auckland, UTC), a
quarter each; every coach has a sold package expiring in three days and a session that day.
It prints three sweeps with a sender that sends nothing (the sweep's own cost, without
Telegram): at 06:00 UTC (Auckland's digests are due), a minute later (nothing new: the cost
every sweep pays for reading the coaches), and at 07:00 UTC (Berlin's 08:00).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.reminders.digest import Digest
from domain.reminders.digest_sweep import send_coach_digests
from domain.reminders.engine import Delivery, DeliveryStatus
from jobs.digest import BATCH_SIZE
from persistence.db import create_engine, is_sqlite, session_factory
from persistence.migrate import upgrade_async
from persistence.models import (
    CoachRow,
    EntitlementRow,
    PackageRow,
    SessionBookingRow,
    SoldPackageRow,
    UserRow,
)
from persistence.uow import SqlUnitOfWork
from tests.conftest import reset_postgres_schema

ZONES = ("Europe/Berlin", "America/New_York", "Pacific/Auckland", "UTC")
DAY_START = datetime(2026, 12, 14, tzinfo=UTC)
SWEEPS = (
    ("06:00 UTC, Auckland's hour", DAY_START + timedelta(hours=6)),
    ("06:01 UTC, nothing new", DAY_START + timedelta(hours=6, minutes=1)),
    ("07:00 UTC, Berlin's hour", DAY_START + timedelta(hours=7)),
)


class NoSend:
    async def ready(self, count: int) -> None:
        return None

    async def deliver(self, digest: Digest) -> Delivery:
        return Delivery(DeliveryStatus.DELIVERED)


async def seed(engine: AsyncEngine, coaches: int) -> None:
    ids = range(1, coaches + 1)
    at = DAY_START - timedelta(days=30)
    async with engine.begin() as conn:
        await conn.execute(
            insert(UserRow),
            [{"telegram_id": i, "first_name": f"C{i}", "timezone": ZONES[i % 4]} for i in ids],
        )
        await conn.execute(
            insert(CoachRow),
            [
                {
                    "user_id": i,
                    "slug": f"s{i}",
                    "plan": "pro",
                    "display_name": "C",
                    "created_at": at,
                }
                for i in ids
            ],
        )
        await conn.execute(
            insert(PackageRow),
            [{"id": 1, "coach_id": 1, "public_id": "p1", "title": "Starter", "description": "",
              "price_minor": 0, "currency": "EUR", "hidden": False, "created_at": at}],
        )  # fmt: skip
        await conn.execute(
            insert(SoldPackageRow),
            [
                {"id": i, "package_id": 1, "coach_id": i, "client_id": i, "title": "Starter",
                 "price_minor": 0, "currency": "EUR", "access_token": f"t{i}",
                 "purchased_at": at, "expires_at": DAY_START + timedelta(days=3),
                 "status": "active", "description": "", "kind": "free", "note": ""}
                for i in ids
            ],
        )  # fmt: skip
        await conn.execute(
            insert(EntitlementRow),
            [
                {"id": i, "sold_package_id": i, "title": "Lesson", "quantity": 5, "used": 1}
                for i in ids
            ],
        )
        await conn.execute(
            insert(SessionBookingRow),
            [
                {"sold_package_id": i, "entitlement_id": i, "coach_id": i, "kind": "service",
                 "ref_id": 1, "title": "Lesson", "starts_at": DAY_START + timedelta(hours=12),
                 "ends_at": DAY_START + timedelta(hours=13), "booked_at": at, "status": "booked"}
                for i in ids
            ],
        )  # fmt: skip


async def run(url: str, coaches: int) -> None:
    if is_sqlite(url):
        await upgrade_async(url)
    else:
        await reset_postgres_schema(url)
    engine = create_engine(url)
    try:
        await seed(engine, coaches)
        sessions = session_factory(engine)
        for label, now in SWEEPS:
            started = time.perf_counter()
            report = await send_coach_digests(
                lambda: SqlUnitOfWork(sessions),
                NoSend(),
                lambda now=now: now,  # type: ignore[misc]
                hour=8,
                batch_size=BATCH_SIZE,
            )
            took = time.perf_counter() - started
            name = engine.dialect.name
            print(f"{name:>10} {coaches} coaches, {label}: {dict(report)} in {took * 1000:.0f} ms")
    finally:
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--coaches", type=int, default=10_000)
    parser.add_argument("--url", default="")
    args = parser.parse_args()
    urls = [args.url] if args.url else []
    if not urls:
        path = Path(tempfile.mkdtemp()) / "digest.db"
        urls.append(f"sqlite+aiosqlite:///{path}")
        if os.environ.get("BENCH_POSTGRES_URL"):
            urls.append(os.environ["BENCH_POSTGRES_URL"])
    for url in urls:
        asyncio.run(run(url, args.coaches))


if __name__ == "__main__":
    main()
