"""Reminders end to end: the real Application's sweep job sends through the fake Bot API."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.kit.context import PackagesApplication
from domain.reminders.planning import SessionFacts
from domain.reminders.use_cases import replan_session_reminders
from jobs.reminders import SWEEP_JOB
from persistence.db import session_factory
from persistence.models import ReminderRow, SoldPackageRow
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.reminder_seed import (
    MakeUow,
    Seller,
    book_session,
    plan_all,
    replan,
    seed_seller,
    sell,
    sell_many,
)

EXPIRES = datetime(2026, 12, 20, 18, 0, tzinfo=UTC)  # 19:00 in Europe/Berlin
WEEK_BEFORE = EXPIRES - timedelta(days=7)
BEFORE = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


async def sweep(app: PackagesApplication | None) -> None:
    """Run the registered sweep job now, as its schedule would."""
    assert app is not None and app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(SWEEP_JOB)
    await job.run(app)


async def a_sold_package(harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow) -> int:
    """A client (no zone of their own) holds 3 sessions expiring on EXPIRES; coach in Berlin."""
    seller = await seed_seller(make_uow, COACH, [(CLIENT, None)])
    sold_id = await sell(engine, seller, CLIENT, EXPIRES, quantity=5, used=2)
    harness.clock.now = BEFORE
    await replan(make_uow, sold_id, harness.clock.now)
    return sold_id


async def due_now(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> list[ReminderRow]:
    """The sold package's first reminder is due now; returns the stored reminders."""
    await a_sold_package(harness, engine, make_uow)
    harness.clock.now = WEEK_BEFORE
    return await stored(engine)


async def stored(engine: AsyncEngine) -> list[ReminderRow]:
    async with session_factory(engine)() as session:
        stmt = select(ReminderRow).order_by(ReminderRow.due_at, ReminderRow.id)
        return list(await session.scalars(stmt))


def sent_to(harness: BotHarness, chat_id: int) -> list[str]:
    return [m.content for m in harness.api.outputs(chat_id)]


async def test_expiry_reminder_fires_at_its_moment_and_only_once(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await a_sold_package(harness, engine, make_uow)
    harness.clock.now = WEEK_BEFORE - timedelta(seconds=1)
    await sweep(harness.app)
    assert sent_to(harness, CLIENT) == []
    harness.clock.now = WEEK_BEFORE
    await sweep(harness.app)
    harness.clock.now = WEEK_BEFORE + timedelta(minutes=1)
    await sweep(harness.app)
    assert sent_to(harness, CLIENT) == [
        "⏳ Your package Starter has 3 sessions left, valid until Sun 20 Dec 19:00 "
        "(Europe/Berlin).\nBook them before it expires, or ask your coach for more time."
    ]
    assert [(r.due_at, r.outcome) for r in await stored(engine)][0] == (WEEK_BEFORE, "sent")


async def test_extended_after_a_reminder_was_sent_reminds_for_the_new_date_without_repeats(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    sold_id = await a_sold_package(harness, engine, make_uow)
    harness.clock.now = WEEK_BEFORE
    await sweep(harness.app)
    later = EXPIRES + timedelta(days=14)
    async with session_factory(engine)() as session:
        await session.execute(
            update(SoldPackageRow).where(SoldPackageRow.id == sold_id).values(expires_at=later)
        )
        await session.commit()
    await replan(make_uow, sold_id, harness.clock.now)
    await sweep(harness.app)
    harness.clock.now = later - timedelta(days=7)
    await sweep(harness.app)
    await sweep(harness.app)
    texts = sent_to(harness, CLIENT)
    assert len(texts) == 2
    assert "until Sun 20 Dec" in texts[0] and "until Sun 3 Jan" in texts[1]


async def test_restart_between_due_time_and_sweep_still_sends_once(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await a_sold_package(harness, engine, make_uow)
    harness.clock.now = WEEK_BEFORE + timedelta(hours=5)
    await harness.restart()
    await sweep(harness.app)
    await harness.restart()
    await sweep(harness.app)
    assert len(sent_to(harness, CLIENT)) == 1


async def test_restart_with_other_offsets_replans_unsent_reminders(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await a_sold_package(harness, engine, make_uow)
    await harness.stop()
    await harness.start(expiry_reminder_offsets="3d")
    three_days_before = EXPIRES - timedelta(days=3)
    for _ in range(100):  # the start-up replan runs as a job right after start
        if [r.due_at for r in await stored(engine)] == [three_days_before, EXPIRES]:
            break
        await asyncio.sleep(0.05)
    assert [(r.due_at, r.outcome) for r in await stored(engine)] == [
        (three_days_before, None),
        (EXPIRES, None),
    ]
    harness.clock.now = three_days_before
    await sweep(harness.app)
    assert len(sent_to(harness, CLIENT)) == 1


async def test_the_interval_job_sweeps_by_itself(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await due_now(harness, engine, make_uow)
    await harness.stop()
    await harness.start(reminder_sweep_seconds=1)
    reminder = await harness.api.next_message(CLIENT, "Your package Starter", timeout=10)
    assert "3 sessions left" in reminder.content


async def test_telegram_429_is_waited_out_and_the_reminder_sent_once(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await due_now(harness, engine, make_uow)
    harness.api.fail("sendMessage", CLIENT, 429, retry_after=1)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await sweep(harness.app)
    assert loop.time() - started >= 1.0
    statuses = [c.status for c in harness.api.calls if c.params.get("chat_id") == CLIENT]
    assert statuses == [429, 200]
    assert len(sent_to(harness, CLIENT)) == 1


async def test_429_beyond_the_rate_limiters_retries_reschedules_after_the_delay(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await due_now(harness, engine, make_uow)
    harness.api.fail("sendMessage", CLIENT, 429, retry_after=1, times=4)
    await sweep(harness.app)
    (first, *_) = await stored(engine)
    assert first.outcome is None and first.next_attempt_at == WEEK_BEFORE + timedelta(seconds=1)
    await sweep(harness.app)
    assert sent_to(harness, CLIENT) == []
    harness.clock.now = WEEK_BEFORE + timedelta(seconds=1)
    await sweep(harness.app)
    assert len(sent_to(harness, CLIENT)) == 1


async def test_blocked_bot_marks_the_reminder_undeliverable_and_never_retries(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await due_now(harness, engine, make_uow)
    harness.api.fail("sendMessage", CLIENT, 403)
    await sweep(harness.app)
    harness.clock.now = WEEK_BEFORE + timedelta(hours=1)
    await sweep(harness.app)
    (first, *_) = await stored(engine)
    assert first.outcome == "undeliverable"
    assert first.last_error == "Forbidden: bot was blocked by the user"
    calls = [c for c in harness.api.calls if c.params.get("chat_id") == CLIENT]
    assert [c.status for c in calls] == [403]


async def test_network_error_is_retried_after_a_backoff(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await due_now(harness, engine, make_uow)
    harness.api.fail("sendMessage", CLIENT, 502)
    await sweep(harness.app)
    (first, *_) = await stored(engine)
    assert (first.outcome, first.attempts, first.last_error) == (
        None,
        1,
        "NetworkError: Bad Gateway",
    )
    harness.clock.now = first.next_attempt_at
    await sweep(harness.app)
    assert len(sent_to(harness, CLIENT)) == 1


async def test_a_client_is_answered_before_a_sweep_of_200_reminders_ends(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    people = [5000 + n for n in range(200)]
    seller = await seed_seller(make_uow, COACH, [(person, None) for person in people])
    sold_ids = await sell_many(engine, seller, [(person, EXPIRES) for person in people])
    await plan_all(make_uow, sold_ids, BEFORE, (timedelta(days=7),))
    await harness.stop()
    await harness.start(reminder_max_per_second=25)
    harness.clock.now = WEEK_BEFORE
    sweeping = asyncio.create_task(sweep(harness.app))
    await harness.api.wait_for_call("sendMessage", lambda p: int(p["chat_id"]) in people)
    harness.api.send_text(CLIENT, "/start")
    await harness.api.next_message(CLIENT, "I help you book sessions", timeout=10)
    await sweeping
    sends = [c for c in harness.api.calls if c.method == "sendMessage"]
    reminders = [i for i, c in enumerate(sends) if int(c.params["chat_id"]) in people]
    (reply,) = [i for i, c in enumerate(sends) if int(c.params["chat_id"]) == CLIENT]
    assert len(reminders) == 200
    assert reply < reminders[-1]


async def test_session_reminders_reach_client_and_coach_in_their_zones(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    seller: Seller = await seed_seller(make_uow, COACH, [(CLIENT, "America/New_York")])
    sold_id = await sell(engine, seller, CLIENT, None)
    starts = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    session_id = await book_session(engine, sold_id, starts)
    session = SessionFacts(session_id, sold_id, CLIENT, COACH, "Private lesson", starts)
    async with make_uow() as uow:
        offsets = (timedelta(hours=24), timedelta(hours=1))
        await replan_session_reminders(uow, [session], BEFORE, offsets)
        await uow.commit()
    harness.clock.now = starts - timedelta(minutes=50)
    await sweep(harness.app)
    assert sent_to(harness, CLIENT) == [
        "⏰ Reminder: your session Private lesson is on Tue 1 Dec 04:00 (America/New_York)."
    ]
    assert sent_to(harness, COACH) == [
        "⏰ Coming up: Private lesson, Tue 1 Dec 10:00 (Europe/Berlin)."
    ]


async def test_restart_with_other_session_offsets_replans_upcoming_sessions(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    seller: Seller = await seed_seller(make_uow, COACH, [(CLIENT, "America/New_York")])
    sold_id = await sell(engine, seller, CLIENT, None)
    starts = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    session_id = await book_session(engine, sold_id, starts)
    harness.clock.now = BEFORE
    async with make_uow() as uow:
        session = SessionFacts(session_id, sold_id, CLIENT, COACH, "Private lesson", starts)
        await replan_session_reminders(uow, [session], BEFORE, (timedelta(hours=24),))
        await uow.commit()
    await harness.stop()
    await harness.start(session_reminder_offsets="2h")
    two_hours_before = starts - timedelta(hours=2)
    for _ in range(100):  # the start-up replan runs as a job right after start
        if {r.due_at for r in await stored(engine)} == {two_hours_before}:
            break
        await asyncio.sleep(0.05)
    assert sorted((r.recipient_id, r.due_at) for r in await stored(engine)) == [
        (COACH, two_hours_before),
        (CLIENT, two_hours_before),
    ]
    harness.clock.now = two_hours_before
    await sweep(harness.app)
    assert sent_to(harness, CLIENT) == [
        "⏰ Reminder: your session Private lesson is on Tue 1 Dec 04:00 (America/New_York)."
    ]
