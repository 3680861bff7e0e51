"""The Mini App's month view for a busy coach (prints numbers; no pass/fail).

Run: .venv/bin/python -m benchmarks.miniapp [--postgres URL] [--runs 200]
A coach (Europe/Berlin, 08:00-20:00 every day, 90-day horizon, 30-minute step) has 500
booked 1:1 sessions over the horizon; their client opens the calendar. Timed in one run:
  - month view: GET /api/packages/<id>/items/<id>/month over HTTP into the web app exactly as
    the bot's process builds it (initData validated, free times computed, days grouped);
  - chat day picker: what one press of the chat's picker computes (`slots_for` and
    `week_page`, without Telegram's round trip).
It wipes the PostgreSQL database it is given.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert

from benchmarks.bots import fresh_database
from bootstrap.app import build_application
from bootstrap.web import web_app_for
from bot.config import load_settings
from domain.accounts import CoachPolicy, greet
from domain.booking.availability import Availability, BookingSettings, TimeRange
from domain.booking.holder import slots_for
from domain.booking.picker import first_week_with_slots, week_page
from domain.catalog.services import ServiceDraft, create_service
from persistence.db import create_engine, session_factory
from persistence.health import DatabaseProbe
from persistence.models import (
    EntitlementRow,
    PackageRow,
    SessionBookingRow,
    SoldPackageRow,
)
from persistence.uow import SqlUnitOfWork
from tests.support.init_data import signed_init_data

COACH, CLIENT = 1001, 2002
TOKEN = "123456:AAE-benchmark"
NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
ZONE = "Europe/Berlin"
BOOKINGS = 500


async def seed(url: str) -> tuple[int, int]:
    """The busy coach and the client's sold package; (sold id, entitlement id)."""
    engine = create_engine(url)
    sessions = session_factory(engine)

    def uow(write: bool = True) -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, write=write)

    policy = CoachPolicy(frozenset({COACH}), frozenset(), False, default_timezone=ZONE)
    await greet(uow(), COACH, "Anna", policy, NOW)
    await greet(uow(), CLIENT, "Cleo", policy, NOW)
    service = await create_service(uow(), COACH, ServiceDraft("Lesson", "", 60))
    hours = (TimeRange(8 * 60, 20 * 60),)
    settings = BookingSettings(notice=timedelta(hours=2), horizon_days=90)
    async with uow() as work:
        await work.availability.save(
            Availability(COACH, dict.fromkeys(range(7), hours), (), settings)
        )
        await work.commit()
    async with sessions() as session:
        template = PackageRow(
            coach_id=COACH, public_id="bench", title="Many lessons", description="",
            price_minor=0, currency="EUR", hidden=False, validity_days=None, created_at=NOW,
        )  # fmt: skip
        session.add(template)
        await session.flush()
        sold = SoldPackageRow(
            package_id=template.id, coach_id=COACH, client_id=CLIENT, title="Many lessons",
            price_minor=0, currency="EUR", access_token="b" * 43, purchased_at=NOW,
            expires_at=None,
        )  # fmt: skip
        session.add(sold)
        await session.flush()
        item = EntitlementRow(
            sold_package_id=sold.id, service_id=service.id, title="Lesson",
            quantity=BOOKINGS + 100, used=BOOKINGS,
        )  # fmt: skip
        session.add(item)
        await session.flush()
        # 500 sessions, 6 a day at 08:00, 10:00, ... (UTC) over the first 84 days
        starts = [
            NOW.replace(hour=8) + timedelta(days=1 + n // 6, hours=2 * (n % 6))
            for n in range(BOOKINGS)
        ]
        await session.execute(
            insert(SessionBookingRow),
            [
                {
                    "sold_package_id": sold.id,
                    "entitlement_id": item.id,
                    "coach_id": COACH,
                    "kind": "service",
                    "ref_id": service.id,
                    "title": "Lesson",
                    "starts_at": start,
                    "ends_at": start + timedelta(hours=1),
                    "booked_at": NOW,
                    "status": "booked",
                }  # fmt: skip
                for start in starts
            ],
        )
        await session.commit()
        ids = (sold.id, item.id)
    async with uow() as work:
        await work.sold.add_holder(ids[0], CLIENT, NOW)
        await work.commit()
    await engine.dispose()
    return ids


def _summary(name: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{name:<28} p50 {statistics.median(ordered):7.1f} ms   p99 {p99:7.1f} ms"


async def run(url: str, runs: int) -> None:
    await fresh_database(url)
    sold_id, item_id = await seed(url)
    settings = load_settings(
        _env_file=None, telegram_bot_token=TOKEN, database_url=url,
        web_base_url="https://bench.example.com",
    )  # fmt: skip
    app = build_application(settings, clock=lambda: NOW)
    engine = create_engine(url)
    web = web_app_for(app, settings, DatabaseProbe(session_factory(engine), lambda: NOW))
    header = {"Authorization": "tma " + signed_init_data(TOKEN, CLIENT, NOW)}
    path = f"/api/packages/{sold_id}/items/{item_id}/month"
    month_ms, picker_ms = [], []
    transport = httpx.ASGITransport(app=web)
    async with httpx.AsyncClient(transport=transport, base_url="https://bench") as client:
        first = await client.get(path, headers=header)
        assert first.status_code == 200, first.text
        free_days = len(first.json()["days"])
        for _ in range(runs):
            started = time.perf_counter()
            answer = await client.get(path, headers=header, params={"month": "2027-01"})
            month_ms.append((time.perf_counter() - started) * 1000)
            assert answer.status_code == 200
            started = time.perf_counter()
            slots = await slots_for(app.deps.uow_factory(False), CLIENT, sold_id, item_id, NOW)
            week = first_week_with_slots(slots.starts, slots.zone, NOW)
            week_page(slots.starts, slots.zone, NOW, week)
            picker_ms.append((time.perf_counter() - started) * 1000)
    await engine.dispose()
    await app.shutdown()  # closes the database the Application opened
    kind = "SQLite" if url.startswith("sqlite") else "PostgreSQL"
    print(f"{kind}: {BOOKINGS} bookings, {len(slots.starts)} free times, {runs} runs each")
    print(f"  first month: {free_days} days with free times")
    print("  " + _summary("Mini App month view (HTTP)", month_ms))
    print("  " + _summary("chat day picker (compute)", picker_ms))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", help="a scratch PostgreSQL URL (wiped)")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(run(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}", args.runs))
    if args.postgres:
        asyncio.run(run(args.postgres, args.runs))


if __name__ == "__main__":
    main()
