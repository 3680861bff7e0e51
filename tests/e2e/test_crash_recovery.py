"""A burst, then the process dies: every update of the burst is still answered once, by the
restarted process (killed) or by the same one before it stops (SIGTERM)."""

from __future__ import annotations

import asyncio
import signal

from sqlalchemy import func, select

from benchmarks.bots import COACH, PACKAGE_TITLE, seed_catalog
from persistence.db import create_engine, session_factory
from persistence.models import SoldPackageRow
from tests.e2e.test_failover import bot_process
from tests.support.fake_bot_api import FakeBotApi

NEWCOMERS = range(7000, 7040)
CLAIMERS = range(8000, 8010)
GET_IT = "🎁 Get it"
GOT = "You now have"


async def sold_per_claimer(database_url: str) -> dict[int, int]:
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            rows = await session.execute(
                select(SoldPackageRow.client_id, func.count()).group_by(SoldPackageRow.client_id)
            )
            return {client: count for client, count in rows.all()}
    finally:
        await engine.dispose()


async def burst(api: FakeBotApi, slug: str) -> None:
    """40 new users open the booking link while 10 who see the package press Get it."""
    for person in NEWCOMERS:
        api.open_deep_link(person, f"c_{slug}")
    for person in CLAIMERS:
        api.press_button(person, GET_IT)


async def claimers_see_the_package(api: FakeBotApi, slug: str) -> None:
    for person in CLAIMERS:
        api.open_deep_link(person, f"c_{slug}")
    await asyncio.gather(*(api.next_message(p, PACKAGE_TITLE, timeout=30) for p in CLAIMERS))
    for person in CLAIMERS:
        api.press_button(person, PACKAGE_TITLE)
    has_get = lambda m: GET_IT in m.button_labels  # noqa: E731
    await asyncio.gather(*(api.next_message(p, has_get, timeout=10) for p in CLAIMERS))


async def everyone_answered_once(api: FakeBotApi, database_url: str) -> None:
    await asyncio.gather(*(api.next_message(p, PACKAGE_TITLE, timeout=60) for p in NEWCOMERS))
    await asyncio.gather(*(api.next_message(p, GOT, timeout=30) for p in CLAIMERS))
    await asyncio.sleep(1)  # a second link would come now
    for person in CLAIMERS:
        # One access link: a message sent just before the kill, and not yet marked answered,
        # may be said once more after the restart (README, "No update is lost to a crash"),
        # but always the same link, of the one sold package.
        links = {m.content for m in api.outputs(person) if GOT in m.content}
        assert len(links) == 1
    assert await sold_per_claimer(database_url) == dict.fromkeys(CLAIMERS, 1)


async def burst_then_signal(
    api: FakeBotApi, database_url: str, process: asyncio.subprocess.Process, sig: int
) -> None:
    """The burst, and 0.3 s into it the signal."""
    slug = await seed_catalog(database_url)
    await claimers_see_the_package(api, slug)
    await burst(api, slug)
    await asyncio.sleep(0.3)
    process.send_signal(sig)


async def test_a_burst_is_answered_in_full_after_the_process_is_killed(
    api: FakeBotApi, database_url: str
) -> None:
    async with bot_process(api, database_url, coaches=str(COACH)) as first:
        await burst_then_signal(api, database_url, first, signal.SIGKILL)
        await first.wait()
    answered = [p for p in NEWCOMERS if api.outputs(p)]
    assert len(answered) < len(NEWCOMERS)  # the kill came mid-burst
    async with bot_process(api, database_url, coaches=str(COACH)):
        await everyone_answered_once(api, database_url)


async def test_a_burst_is_answered_in_full_before_a_graceful_stop(
    api: FakeBotApi, database_url: str
) -> None:
    async with bot_process(api, database_url, coaches=str(COACH)) as first:
        await burst_then_signal(api, database_url, first, signal.SIGTERM)
        assert await asyncio.wait_for(first.wait(), 60) == 0
        await everyone_answered_once(api, database_url)
