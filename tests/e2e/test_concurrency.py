"""Many people at once: concurrent updates through the real Application, in order per person,
with conversation steps stored as they complete."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from persistence.db import create_engine, session_factory
from persistence.models import PtbStateRow, UserRow
from tests.e2e.conftest import CLIENT, BotHarness

ZONES = ["Europe/Berlin", "Asia/Tokyo", "America/Sao_Paulo", "Africa/Cairo", "Australia/Perth"]
FAILED = "Something went wrong"


async def stored(database_url: str) -> tuple[dict[int, str | None], list[tuple[str, str]]]:
    """Users' time zones and the PTB state rows, read straight from the database."""
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session:
            users = {u.telegram_id: u.timezone for u in await session.scalars(select(UserRow))}
            rows = await session.execute(select(PtbStateRow.kind, PtbStateRow.key))
            return users, sorted((kind, key) for kind, key in rows.all())
    finally:
        await engine.dispose()


async def state_rows_become(
    database_url: str, expected: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The PTB state rows once they match `expected`, or after 2.5 s. A reply is sent just
    before its step is stored, so the rows may lag the last message by a moment."""
    for _ in range(50):
        rows = (await stored(database_url))[1]
        if rows == expected:
            break
        await asyncio.sleep(0.05)
    return rows


async def test_twenty_new_users_at_once_each_register_and_set_their_zone(
    harness: BotHarness,
) -> None:
    api = harness.api
    people = range(5000, 5020)
    for person in people:
        api.send_text(person, "/timezone")
    await asyncio.gather(*(api.next_message(p, "Choose a new one below") for p in people))
    for person in people:
        api.send_text(person, ZONES[person % len(ZONES)])
    await asyncio.gather(
        *(api.next_message(p, f"times are now shown in {ZONES[p % len(ZONES)]}") for p in people)
    )
    users = (await stored(harness.database_url))[0]
    assert {p: users.get(p) for p in people} == {p: ZONES[p % len(ZONES)] for p in people}
    assert await state_rows_become(harness.database_url, []) == []  # finished flows: no state
    assert not any(FAILED in m.content for p in people for m in api.outputs(p))


async def test_twenty_updates_of_one_user_are_answered_in_order(harness: BotHarness) -> None:
    api = harness.api
    steps = [text for zone in ZONES * 2 for text in ("/timezone", zone)]
    for text in steps:  # all queued before the bot has answered any
        api.send_text(CLIENT, text)
    for zone in ZONES * 2:
        await api.next_message(CLIENT, "Choose a new one below")
        await api.next_message(CLIENT, f"times are now shown in {zone}")
    outputs = [m.content for m in api.outputs(CLIENT)]
    assert len(outputs) == len(steps)
    assert not any(FAILED in text for text in outputs)


async def test_a_step_is_stored_when_it_completes_not_on_a_timer(
    harness: BotHarness,
) -> None:
    await harness.stop()
    harness.persistence_interval = 3600  # the periodic flush never comes during this test
    await harness.start()
    harness.api.send_text(CLIENT, "/timezone")
    await harness.api.next_message(CLIENT, "Choose a new one below")
    # the open flow's state, and the flow's own slot in user_data (issue 6's toolkit)
    step = [("conv:timezone", f"[{CLIENT}, {CLIENT}]"), ("user_data", str(CLIENT))]
    assert await state_rows_become(harness.database_url, step) == step
