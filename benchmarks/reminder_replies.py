"""Are replies prompt while a big reminder sweep is sending?

    .venv/bin/python -m benchmarks.reminder_replies [--reminders 5000] [--latency 0.05]
        [--rate 20] [--url DATABASE_URL]

The real Application runs against the local fake Bot API, which answers every call after
`--latency` seconds. 5,000 reminders are due; while the sweep sends them (at most `--rate` per
second), a new person sends /start every half second. It prints how long each waited for the
answer (p50, p99, max) and how long the sweep took; and, as the baseline of the same run, the
same for 60 people sending /start before the sweep starts (after 5 unmeasured ones).
Default database: a fresh SQLite file; THE SCHEMA OF A POSTGRESQL DATABASE GIVEN WITH --url
IS REBUILT.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import tempfile
import time
from datetime import timedelta

from benchmarks.reminders import fresh_schema
from jobs.reminders import SWEEP_JOB
from persistence.db import create_engine, is_sqlite, session_factory
from persistence.uow import SqlUnitOfWork
from tests.e2e.conftest import COACH, BotHarness, Clock
from tests.reminder_seed import plan_all, seed_seller, sell_many
from tests.support.fake_bot_api import FakeBotApi

EXPIRES = Clock().now + timedelta(days=30)
FIRST_CLIENT, FIRST_VISITOR = 100_000, 900_000
WARM_UP, BASELINE = 5, 60  # /start visits before the sweep: unmeasured, then measured


async def seed(url: str, count: int) -> None:
    await fresh_schema(url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    clients = [FIRST_CLIENT + n for n in range(count)]
    make_uow = lambda: SqlUnitOfWork(sessions)  # noqa: E731
    seller = await seed_seller(make_uow, COACH, [(c, None) for c in clients])
    sold_ids = await sell_many(engine, seller, [(c, EXPIRES) for c in clients])
    await plan_all(
        make_uow,
        sold_ids,
        EXPIRES - timedelta(days=8),
        (timedelta(days=7),),
    )
    await engine.dispose()


_visitors = itertools.count(FIRST_VISITOR)


async def visitor(api: FakeBotApi, user_id: int) -> float:
    started = time.perf_counter()
    api.send_text(user_id, "/start")
    await api.next_message(user_id, "I help you book sessions", timeout=60)
    return time.perf_counter() - started


def summary(waits: list[float]) -> str:
    waits = sorted(waits)
    p99 = waits[min(len(waits) - 1, round(0.99 * (len(waits) - 1)))]
    return (
        f"{len(waits)} people: p50 {statistics.median(waits) * 1000:.0f} ms, "
        f"p99 {p99 * 1000:.0f} ms, max {waits[-1] * 1000:.0f} ms"
    )


async def visits_until(
    api: FakeBotApi, done: asyncio.Future[None] | None, count: int
) -> list[float]:
    """A new person sends /start every half second, `count` times or until `done`."""
    visits: list[asyncio.Task[float]] = []
    while (done is None and len(visits) < count) or (done is not None and not done.done()):
        user_id = next(_visitors)
        visits.append(asyncio.create_task(visitor(api, user_id)))
        await asyncio.sleep(0.5)
    return list(await asyncio.gather(*visits))


async def measure(url: str, latency: float, rate: int) -> None:
    async with FakeBotApi() as api:
        harness = BotHarness(api=api, database_url=url)
        harness.clock.now = EXPIRES - timedelta(days=7)
        # No scheduled sweep during the run: the one started below is the only one.
        app = await harness.start(reminder_max_per_second=rate, reminder_sweep_seconds=86_400)
        api.latency = latency
        await visits_until(api, None, WARM_UP)  # not measured: the first answers warm up
        baseline = await visits_until(api, None, BASELINE)
        print(f"  /start with no sweep running ({summary(baseline)})")
        assert app.job_queue is not None
        (job,) = app.job_queue.get_jobs_by_name(SWEEP_JOB)
        started = time.perf_counter()
        sweeping = asyncio.ensure_future(job.run(app))
        waits = await visits_until(api, sweeping, 0)
        swept = time.perf_counter() - started
        await harness.stop()
    sends = [c for c in api.calls if c.method == "sendMessage"]
    sent = sum(1 for c in sends if c.params["chat_id"] < FIRST_VISITOR)
    print(f"  sweep: {sent} reminders in {swept:.0f} s ({sent / swept:.1f}/s)")
    print(f"  /start answered during the sweep ({summary(waits)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reminders", type=int, default=5000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--rate", type=int, default=20)
    default_url = f"sqlite+aiosqlite:///{tempfile.gettempdir()}/bench_replies.db"
    parser.add_argument("--url", default=default_url)
    args = parser.parse_args()
    print(
        f"{'SQLite' if is_sqlite(args.url) else 'PostgreSQL'}, Bot API latency "
        f"{args.latency * 1000:.0f} ms, REMINDER_MAX_PER_SECOND={args.rate}"
    )
    asyncio.run(seed(args.url, args.reminders))
    asyncio.run(measure(args.url, args.latency, args.rate))


if __name__ == "__main__":
    main()
