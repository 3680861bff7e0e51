"""The digest sweep: each coach's day is opened once, sent once when there is something to
tell, retried or given up like a reminder, and never sent for a day that has passed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.reminders.digest import BookedSession, ExpiringFacts
from domain.reminders.digest_sweep import send_coach_digests
from domain.reminders.engine import Delivery, DeliveryStatus
from domain.reminders.model import Outcome
from tests.unit.digest_fakes import FakeCoachDigests, FakeDigestUow, RecordingSender

BERLIN, AUCKLAND, NEW_YORK = 10, 20, 30
DAY = date(2026, 12, 14)
BERLIN_EIGHT = datetime(2026, 12, 14, 7, 0, tzinfo=UTC)
BLOCKED = Delivery(DeliveryStatus.BLOCKED, error="Forbidden: bot was blocked by the user")


def world() -> FakeCoachDigests:
    """Three coaches in three zones, each with a package expiring in three days."""
    digests = FakeCoachDigests()
    digests.coaches = {
        BERLIN: "Europe/Berlin",
        AUCKLAND: "Pacific/Auckland",
        NEW_YORK: "America/New_York",
    }
    expires = BERLIN_EIGHT + timedelta(days=3)
    digests.packages = [
        ExpiringFacts(coach, coach, "Bea", "Starter", expires, 2) for coach in digests.coaches
    ]
    return digests


async def sweep(
    digests: FakeCoachDigests, now: datetime, sender: RecordingSender | None = None, **kw: object
) -> RecordingSender:
    sender = sender or RecordingSender()
    await send_coach_digests(
        lambda: FakeDigestUow(digests),
        sender,
        lambda: now,
        hour=8,
        batch_size=2,
        coach_batch=2,
        **kw,  # type: ignore[arg-type]
    )
    return sender


async def test_each_coach_gets_one_digest_at_eight_in_their_own_zone() -> None:
    digests = world()
    sent = await sweep(digests, BERLIN_EIGHT - timedelta(seconds=1))
    # 07:59 in Berlin; already 19:59 on 14 Dec in Auckland (its digest came at 08:00 there).
    assert [(d.coach_id, d.day) for d in sent.digests] == [(AUCKLAND, DAY)]
    sent = await sweep(digests, BERLIN_EIGHT)
    assert [(d.coach_id, d.day) for d in sent.digests] == [(BERLIN, DAY)]
    new_york_eight = datetime(2026, 12, 14, 13, 0, tzinfo=UTC)
    sent = await sweep(digests, new_york_eight)
    assert [(d.coach_id, d.day) for d in sent.digests] == [(NEW_YORK, DAY)]
    assert (await sweep(digests, new_york_eight + timedelta(hours=1))).digests == []
    assert {k: r.outcome for k, r in digests.rows.items()} == {
        (AUCKLAND, DAY): Outcome.SENT,
        (BERLIN, DAY): Outcome.SENT,
        (NEW_YORK, DAY): Outcome.SENT,
    }
    assert sent.readied == 1  # each send waits for the shared rate budget


async def test_a_coach_with_nothing_to_tell_gets_nothing_and_the_day_is_done() -> None:
    digests = world()
    digests.packages = [p for p in digests.packages if p.coach_id != BERLIN]
    sent = await sweep(digests, BERLIN_EIGHT)
    assert [d.coach_id for d in sent.digests] == [AUCKLAND]
    assert digests.rows[(BERLIN, DAY)].outcome is Outcome.SKIPPED
    # A session booked later that day does not bring a second digest.
    digests.booked = [BookedSession(BERLIN, BERLIN_EIGHT + timedelta(hours=3), "Lesson", "Bea")]
    assert (await sweep(digests, BERLIN_EIGHT + timedelta(hours=1))).digests == []


async def test_after_downtime_the_missed_digest_comes_the_same_day_and_never_the_next() -> None:
    digests = world()
    evening = datetime(2026, 12, 14, 20, 0, tzinfo=UTC)  # 21:00 in Berlin: same local day
    sent = await sweep(digests, evening)
    assert {d.coach_id for d in sent.digests} == {BERLIN, AUCKLAND, NEW_YORK}
    digests = world()
    next_morning = datetime(2026, 12, 15, 6, 0, tzinfo=UTC)  # 07:00 in Berlin, 15 Dec
    sent = await sweep(digests, next_morning)
    assert (BERLIN, DAY) not in digests.rows
    assert [(d.coach_id, d.day) for d in sent.digests] == [(AUCKLAND, date(2026, 12, 15))]


async def test_a_digest_retried_past_its_local_midnight_is_skipped() -> None:
    digests = world()
    digests.coaches = {BERLIN: "Europe/Berlin"}
    network = Delivery(DeliveryStatus.ERROR, error="NetworkError: reset")
    sender = RecordingSender(script=[network])
    await sweep(digests, datetime(2026, 12, 14, 22, 59, 45, tzinfo=UTC), sender)  # 23:59:45
    run = digests.rows[(BERLIN, DAY)]
    assert (run.outcome, run.attempts, run.last_error) == (None, 1, "NetworkError: reset")
    assert (await sweep(digests, run.next_attempt_at)).digests == []
    assert digests.rows[(BERLIN, DAY)].outcome is Outcome.SKIPPED


async def test_blocked_is_undeliverable_and_never_retried() -> None:
    digests = world()
    digests.coaches = {BERLIN: "Europe/Berlin"}
    await sweep(digests, BERLIN_EIGHT, RecordingSender(script=[BLOCKED]))
    run = digests.rows[(BERLIN, DAY)]
    assert (run.outcome, run.last_error) == (Outcome.UNDELIVERABLE, BLOCKED.error)
    assert (await sweep(digests, BERLIN_EIGHT + timedelta(hours=2))).digests == []


async def test_429_reschedules_after_the_delay_and_ends_the_sweep_after_its_batch() -> None:
    digests = world()
    slow = Delivery(DeliveryStatus.RATE_LIMITED, timedelta(seconds=30), "Flood control")
    evening = datetime(2026, 12, 14, 20, 0, tzinfo=UTC)
    sender = await sweep(digests, evening, RecordingSender(script=[slow]))
    assert len(sender.digests) == 2  # one batch, sent at once; no batch after it
    first, second = ((d.coach_id, d.day) for d in sender.digests)
    assert digests.rows[first].next_attempt_at == evening + timedelta(seconds=30)
    assert digests.rows[second].outcome is Outcome.SENT
    (third,) = [r for k, r in digests.rows.items() if k not in (first, second)]
    assert third.outcome is None and third.next_attempt_at == evening
    resent = await sweep(digests, evening + timedelta(seconds=30))
    assert sorted(d.coach_id for d in resent.digests) == sorted([first[0], third.coach_id])


async def test_on_shutdown_the_claimed_but_unsent_digests_are_handed_back_at_once() -> None:
    digests = world()
    evening = datetime(2026, 12, 14, 20, 0, tzinfo=UTC)
    running = iter([True])  # the sweep starts and claims a batch, then the bot stops
    sent = await sweep(digests, evening, keep_going=lambda: next(running, False))
    assert sent.digests == [] and sent.readied == 2  # two were claimed
    unsent = [r for r in digests.rows.values() if r.outcome is None]
    assert len(unsent) == 3 and all(r.next_attempt_at == evening for r in unsent)
