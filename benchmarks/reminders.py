"""How fast the sweep finds due reminders among 1,000,000 sold packages.

    .venv/bin/python -m benchmarks.reminders [--packages N] [--url DATABASE_URL]

Without --url it runs on a SQLite file in the temp directory and, when BENCH_POSTGRES_URL is
set, on that PostgreSQL database too. THE SCHEMA OF THE DATABASE IT IS GIVEN IS REBUILT.

Sold package x expires x minutes after 2027-01-01 and has three reminders: 7 days and 1 day
before, and the expired notice. Reminders due more than 33 minutes before "now" are already
sent, as a running bot leaves them, so about 100 are due and pending among the 3,000,000 rows.
It prints the claim's time (the sweep's query over its index, finding those 100 rows, and
the update that leases them) and plan, then the time of one whole sweep pass over them with a
notifier that sends nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.reminders.delivery import Notice
from domain.reminders.engine import LEASE, Delivery, DeliveryStatus
from domain.reminders.sweep import sweep_due_reminders
from jobs.reminders import BATCH_SIZE
from persistence.db import create_engine, is_sqlite, session_factory
from persistence.migrate import upgrade_async
from persistence.uow import SqlUnitOfWork
from tests.conftest import reset_postgres_schema

T0 = datetime(2027, 1, 1, tzinfo=UTC)
SENT_MINUTES = 33  # three reminders come due per minute: ~100 due and still pending
WEEK, DAY = 7 * 1440, 1440
CLAIM_SQL = (
    "SELECT * FROM reminder WHERE outcome IS NULL AND next_attempt_at <= '{now}' "
    "ORDER BY next_attempt_at, id LIMIT 100"
)


class NoSend:
    """A notifier that delivers instantly: the sweep's own cost, without Telegram."""

    async def ready(self, count: int) -> None:
        return None

    async def deliver(self, notice: Notice) -> Delivery:
        return Delivery(DeliveryStatus.DELIVERED)


def at(minutes: str, sqlite: bool) -> str:
    """SQL for T0 + `minutes`, stored the way the application stores datetimes."""
    if sqlite:
        moment = f"strftime('%Y-%m-%d %H:%M:%S', '2027-01-01', ({minutes}) || ' minutes')"
        return f"({moment} || '.000000')"
    return f"(TIMESTAMPTZ '2027-01-01 00:00:00+00' + ({minutes}) * INTERVAL '1 minute')"


def fill_sql(n: int, now_minute: int, sqlite: bool) -> list[str]:
    rows = (
        ""
        if not sqlite
        else (f"WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < {n}) ")
    )
    series = "g" if sqlite else f"generate_series(1, {n}) AS g(x)"
    offsets = (
        f"(SELECT {WEEK} AS m, 'expiry' AS k UNION ALL SELECT {DAY}, 'expiry' "
        "UNION ALL SELECT 0, 'expired') AS o"
    )
    client = "1000 + x % 1000 + 1"
    return [
        "INSERT INTO app_user (telegram_id, first_name) VALUES (1, 'Coach')",
        f"{rows}INSERT INTO app_user (telegram_id, first_name, timezone) "
        f"SELECT 1000 + x, 'Client', 'Europe/Berlin' FROM {series} WHERE x <= 1000",
        f"INSERT INTO coach VALUES (1, 'coach', 'pro', 'Coach', {at('0', sqlite)})",
        "INSERT INTO service (id, coach_id, title, description, duration_minutes, hidden) "
        "VALUES (1, 1, 'Lesson', '', 60, false)",
        "INSERT INTO package (id, coach_id, public_id, title, description, price_minor, "
        "currency, hidden, validity_days, created_at) "
        f"VALUES (1, 1, 'p1', 'Starter', '', 5000, 'EUR', false, 30, {at('0', sqlite)})",
        f"{rows}INSERT INTO sold_package (id, package_id, coach_id, client_id, title, "
        "price_minor, currency, access_token, purchased_at, expires_at, status) "
        f"SELECT x, 1, 1, {client}, 'Starter', 5000, 'EUR', 'token' || x, {at('0', sqlite)}, "
        f"{at('x', sqlite)}, 'active' FROM {series}",
        f"{rows}INSERT INTO entitlement (sold_package_id, service_id, title, quantity, used) "
        f"SELECT x, 1, 'Lesson', 5, 2 FROM {series}",
        f"{rows}INSERT INTO reminder (key, kind, recipient_id, sold_package_id, title, "
        "event_at, due_at, stale_at, next_attempt_at, attempts) "
        f"SELECT 'b:' || x || ':' || o.m, o.k, {client}, x, 'Starter', {at('x', sqlite)}, "
        f"{at('x - o.m', sqlite)}, {at(f'x + {WEEK}', sqlite)}, {at('x - o.m', sqlite)}, 0 "
        f"FROM {series}, {offsets}",
        "UPDATE reminder SET outcome = 'sent', sent_at = due_at "
        f"WHERE due_at < {at(str(now_minute - SENT_MINUTES), sqlite)}",
    ]


def remove_sqlite_file(path: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(path + suffix).unlink(missing_ok=True)


async def fresh_schema(url: str) -> None:
    """An empty database at the newest revision (a SQLite file is deleted first)."""
    if is_sqlite(url):
        remove_sqlite_file(url.split("///", 1)[1])
        await upgrade_async(url)
    else:
        await reset_postgres_schema(url)


async def prepare(url: str, n: int, now_minute: int, reuse: bool) -> AsyncEngine:
    sqlite = is_sqlite(url)
    if not reuse:
        await fresh_schema(url)
    engine = create_engine(url)
    started = time.perf_counter()
    statements = fill_sql(n, now_minute, sqlite) if not reuse else []
    # A previous run's sweep pass sent the due rows: make them due and pending again.
    first_due = at(str(now_minute - SENT_MINUTES), sqlite)
    statements.append(
        "UPDATE reminder SET outcome = NULL, sent_at = NULL, next_attempt_at = due_at "
        f"WHERE due_at >= {first_due}"
    )
    async with engine.begin() as conn:
        for statement in statements:
            await conn.execute(text(statement))
    # Statistics, and on PostgreSQL the dead index entries the UPDATEs left cleaned up, as
    # autovacuum keeps a running database.
    async with engine.connect() as conn:
        autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.execute(text("ANALYZE" if sqlite else "VACUUM ANALYZE"))
    elapsed = time.perf_counter() - started
    if not reuse:
        print(f"  filled {n:,} sold packages, {3 * n:,} reminders in {elapsed:.0f} s")
    return engine


async def time_claim(engine: AsyncEngine, now: datetime, runs: int = 20) -> None:
    sessions = session_factory(engine)
    timings, found = [], 0
    for _ in range(runs + 1):  # the first run opens the connection: not counted
        async with SqlUnitOfWork(sessions) as uow:  # left without commit: rolled back
            started = time.perf_counter()
            found = len(await uow.reminders.claim_due(now, 100, now + LEASE))
            timings.append((time.perf_counter() - started) * 1000)
    timings = timings[1:]
    print(
        f"  claim of the due reminders ({found} rows): median {statistics.median(timings):.1f} "
        f"ms, min {min(timings):.1f} ms, max {max(timings):.1f} ms ({runs} runs)"
    )


async def print_plan(engine: AsyncEngine, now: datetime, sqlite: bool) -> None:
    stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now.isoformat()
    query = CLAIM_SQL.format(now=stamp)
    explain = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, BUFFERS) "
    suffix = "" if sqlite else " FOR UPDATE SKIP LOCKED"
    async with engine.connect() as conn:
        plan = (await conn.execute(text(explain + query + suffix))).all()
    print("  plan:")
    for row in plan:
        print("    " + " | ".join(str(col) for col in row))


async def time_sweep(engine: AsyncEngine, now: datetime) -> None:
    sessions = session_factory(engine)
    started = time.perf_counter()
    report = await sweep_due_reminders(
        lambda: SqlUnitOfWork(sessions),
        NoSend(),
        lambda: now,
        batch_size=BATCH_SIZE,
    )
    elapsed = time.perf_counter() - started
    print(f"  one sweep pass, sending nothing: {dict(report)} in {elapsed * 1000:.0f} ms")


async def run(url: str, n: int, reuse: bool) -> None:
    sqlite = is_sqlite(url)
    print(f"{'SQLite' if sqlite else 'PostgreSQL'} ({url.split('@')[-1]})")
    now_minute = n // 2
    now = T0 + timedelta(minutes=now_minute)
    engine = await prepare(url, n, now_minute, reuse)
    try:
        await time_claim(engine, now)
        await print_plan(engine, now, sqlite)
        await time_sweep(engine, now)
    finally:
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--packages", type=int, default=1_000_000)
    parser.add_argument("--url", action="append", help="database URL (repeatable)")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the rows of a previous run with the same N"
    )
    args = parser.parse_args()
    sqlite_file = os.path.join(tempfile.gettempdir(), "bench_reminders.db")
    urls = args.url or [f"sqlite+aiosqlite:///{sqlite_file}"] + (
        [os.environ["BENCH_POSTGRES_URL"]] if os.environ.get("BENCH_POSTGRES_URL") else []
    )
    for url in urls:
        asyncio.run(run(url, args.packages, args.reuse))


if __name__ == "__main__":
    main()
