"""The coach digest end to end: the real Application's digest job sends through the fake Bot
API at the coach's morning hour, once a day, whatever restarts in between."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.kit.context import PackagesApplication
from jobs.digest import DIGEST_JOB
from jobs.reminders import SWEEP_JOB
from persistence.db import session_factory
from persistence.models import CoachDigestRow, EntitlementRow, SessionBookingRow
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.reminder_seed import SEEDED_AT, MakeUow, seed_seller, seeding, sell

EIGHT_IN_BERLIN = datetime(2026, 12, 14, 7, 0, tzinfo=UTC)  # Mon 14 Dec, UTC+1
LESSON_AT = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
EXPIRES = datetime(2026, 12, 17, 18, 0, tzinfo=UTC)  # Thu 19:00 in Berlin
DIGEST = (
    "☀️ Your day · Mon 14 Dec · times in Europe/Berlin\n\n"
    "Today's sessions\n"
    "10:00 Private lesson — Client 2002\n\n"
    "Expiring in the next 7 days\n"
    "Client 2002 — Starter: 3 sessions left, until Thu 17 Dec 19:00"
)


async def run_job(app: PackagesApplication | None, name: str = DIGEST_JOB) -> None:
    """Run the registered job now, as its schedule would."""
    assert app is not None and app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(name)
    await job.run(app)


async def a_coach_with_a_busy_week(engine: AsyncEngine, make_uow: MakeUow) -> None:
    """The coach (Europe/Berlin) has a lesson today and a package expiring on Thursday."""
    seller = await seed_seller(make_uow, COACH, [(CLIENT, None)])
    sold_id = await sell(engine, seller, CLIENT, EXPIRES, quantity=5, used=2)
    async with seeding(engine) as session:
        entitlement = await session.scalar(
            select(EntitlementRow).where(EntitlementRow.sold_package_id == sold_id)
        )
        assert entitlement is not None
        session.add(
            SessionBookingRow(
                sold_package_id=sold_id,
                entitlement_id=entitlement.id,
                coach_id=COACH,
                kind="service",
                ref_id=seller.service_id,
                title="Private lesson",
                starts_at=LESSON_AT,
                ends_at=LESSON_AT + timedelta(hours=1),
                booked_at=SEEDED_AT,
                status="booked",
            )
        )
        await session.commit()


async def digest_rows(engine: AsyncEngine) -> list[CoachDigestRow]:
    async with session_factory(engine)() as session:
        stmt = select(CoachDigestRow).order_by(CoachDigestRow.day)
        return list(await session.scalars(stmt))


def sent_to(harness: BotHarness, chat_id: int) -> list[str]:
    return [m.content for m in harness.api.outputs(chat_id)]


async def test_the_digest_arrives_at_eight_in_the_coachs_zone_with_sessions_and_expiring(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await a_coach_with_a_busy_week(engine, make_uow)
    harness.clock.now = EIGHT_IN_BERLIN - timedelta(seconds=1)
    await run_job(harness.app)
    assert sent_to(harness, COACH) == []
    harness.clock.now = EIGHT_IN_BERLIN
    await run_job(harness.app)
    harness.clock.now = EIGHT_IN_BERLIN + timedelta(hours=3)
    await run_job(harness.app)
    assert sent_to(harness, COACH) == [DIGEST]
    assert sent_to(harness, CLIENT) == []
    (row,) = await digest_rows(engine)
    assert (row.outcome, row.sent_at) == ("sent", EIGHT_IN_BERLIN)


async def test_restarts_between_sweeps_still_give_one_digest_a_day(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await a_coach_with_a_busy_week(engine, make_uow)
    harness.clock.now = EIGHT_IN_BERLIN
    await run_job(harness.app)
    await harness.restart()
    harness.clock.now = EIGHT_IN_BERLIN + timedelta(minutes=1)
    await run_job(harness.app)
    assert len(sent_to(harness, COACH)) == 1
    harness.clock.now = EIGHT_IN_BERLIN + timedelta(days=1)  # Tuesday 08:00
    await harness.restart()
    await run_job(harness.app)
    texts = sent_to(harness, COACH)
    assert len(texts) == 2 and texts[1].startswith("☀️ Your day · Tue 15 Dec")
    assert "Today's sessions" not in texts[1]  # the lesson was on Monday


async def test_a_bot_down_at_eight_sends_the_digest_when_back_the_same_day_only(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await a_coach_with_a_busy_week(engine, make_uow)
    await harness.stop()
    harness.clock.now = EIGHT_IN_BERLIN + timedelta(hours=6)  # back at 14:00 in Berlin
    await harness.start()
    await run_job(harness.app)
    assert sent_to(harness, COACH) == [DIGEST]
    await harness.stop()
    harness.clock.now = EIGHT_IN_BERLIN + timedelta(days=2, hours=-1)  # Wed 07:00: too early
    await harness.start()
    await run_job(harness.app)
    assert len(sent_to(harness, COACH)) == 1  # Tuesday's missed digest never comes
    assert [r.day.isoformat() for r in await digest_rows(engine)] == ["2026-12-14"]


async def test_the_interval_job_sends_the_digest_by_itself(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await a_coach_with_a_busy_week(engine, make_uow)
    harness.clock.now = EIGHT_IN_BERLIN
    await harness.stop()
    await harness.start(reminder_sweep_seconds=1)
    digest = await harness.api.next_message(COACH, "Your day", timeout=10)
    assert digest.content == DIGEST


async def test_coach_digest_off_sends_no_digest(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await a_coach_with_a_busy_week(engine, make_uow)
    harness.clock.now = EIGHT_IN_BERLIN
    await harness.stop()
    app = await harness.start(coach_digest="off")
    assert app.job_queue is not None
    assert app.job_queue.get_jobs_by_name(DIGEST_JOB) == ()
    await run_job(app, SWEEP_JOB)  # the reminders still sweep (the lesson's may go out)
    assert not any("Your day" in text for text in sent_to(harness, COACH))
    assert await digest_rows(engine) == []


async def test_a_coach_with_nothing_to_tell_gets_no_digest(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await seed_seller(make_uow, COACH, [(CLIENT, None)])
    harness.clock.now = EIGHT_IN_BERLIN
    await run_job(harness.app)
    assert sent_to(harness, COACH) == []
    (row,) = await digest_rows(engine)
    assert row.outcome == "skipped"


async def test_a_coach_who_blocked_the_bot_is_marked_undeliverable_and_not_retried(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    await a_coach_with_a_busy_week(engine, make_uow)
    harness.api.fail("sendMessage", COACH, 403)
    harness.clock.now = EIGHT_IN_BERLIN
    await run_job(harness.app)
    harness.clock.now = EIGHT_IN_BERLIN + timedelta(hours=1)
    await run_job(harness.app)
    (row,) = await digest_rows(engine)
    assert (row.outcome, row.last_error) == (
        "undeliverable",
        "Forbidden: bot was blocked by the user",
    )
    calls = [c for c in harness.api.calls if c.params.get("chat_id") == COACH]
    assert [(c.method, c.status) for c in calls] == [("sendMessage", 403)]
