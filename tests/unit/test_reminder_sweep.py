"""The sweep decides per due reminder: send once, skip when stale, retry or give up."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.reminders.delivery import Notice
from domain.reminders.engine import Delivery, DeliveryStatus, RetryPolicy
from domain.reminders.model import Outcome, ReminderKind
from domain.reminders.sweep import sweep_due_reminders
from domain.reminders.use_cases import replan_package_reminders
from tests.unit.reminder_fakes import FakeReminders, FakeReminderUow, RecordingNotifier
from tests.unit.test_reminder_planning import CLIENT, COACH, DAYS_7_1, EXPIRES, NOW, facts

WEEK_BEFORE = EXPIRES - timedelta(days=7)
BLOCKED = Delivery(DeliveryStatus.BLOCKED, error="Forbidden: bot was blocked by the user")
SLOW_DOWN = Delivery(DeliveryStatus.RATE_LIMITED, timedelta(seconds=30), "retry after 30")
LEASE = timedelta(minutes=10)


NETWORK = Delivery(DeliveryStatus.ERROR, error="NetworkError: connection reset")


async def planned_package(**changes: object) -> FakeReminders:
    reminders = FakeReminders()
    reminders.packages[7] = facts(**changes)
    reminders.people_zones[CLIENT] = "Europe/Berlin"
    await replan_package_reminders(FakeReminderUow(reminders), 7, NOW, DAYS_7_1)
    return reminders


async def sweep(
    reminders: FakeReminders, now: datetime, notifier: RecordingNotifier | None = None
) -> RecordingNotifier:
    notifier = notifier or RecordingNotifier()
    await sweep_due_reminders(
        lambda: FakeReminderUow(reminders), notifier, lambda: now, batch_size=2, lease=LEASE
    )
    return notifier


async def test_nothing_is_sent_before_its_moment_and_it_is_sent_once_after() -> None:
    reminders = await planned_package()
    assert (await sweep(reminders, WEEK_BEFORE - timedelta(seconds=1))).notices == []
    notices = (await sweep(reminders, WEEK_BEFORE)).notices
    assert [(n.kind, n.chat_id, n.sessions_left, n.zone) for n in notices] == [
        (ReminderKind.EXPIRY, CLIENT, 3, "Europe/Berlin")
    ]
    assert notices[0].event_at == EXPIRES
    assert (await sweep(reminders, WEEK_BEFORE + timedelta(minutes=1))).notices == []
    sent = [r for r in reminders.rows.values() if r.outcome is Outcome.SENT]
    assert [r.sent_at for r in sent] == [WEEK_BEFORE]


async def test_the_notice_uses_the_client_zone_else_the_coach_zone_else_utc() -> None:
    zones = []
    for people in ({}, {COACH: "Asia/Tokyo"}, {COACH: "Asia/Tokyo", CLIENT: "Europe/Berlin"}):
        reminders = await planned_package()
        reminders.people_zones = people
        zones += [n.zone for n in (await sweep(reminders, WEEK_BEFORE)).notices]
    assert zones == ["UTC", "Asia/Tokyo", "Europe/Berlin"]


async def test_after_downtime_only_the_latest_meaningful_reminder_is_sent() -> None:
    reminders = await planned_package()
    notices = (await sweep(reminders, EXPIRES - timedelta(hours=2))).notices
    assert [n.kind for n in notices] == [ReminderKind.EXPIRY]
    outcomes = sorted((r.plan.due_at, r.outcome) for r in reminders.rows.values())
    assert outcomes == [
        (WEEK_BEFORE, Outcome.SKIPPED),
        (EXPIRES - timedelta(days=1), Outcome.SENT),
        (EXPIRES, None),
    ]


async def test_a_late_reminder_still_inside_its_window_is_sent_once_as_catch_up() -> None:
    reminders = await planned_package()
    notices = (await sweep(reminders, EXPIRES - timedelta(days=3))).notices
    assert len(notices) == 1 and notices[0].kind is ReminderKind.EXPIRY


async def test_down_past_the_expiry_sends_only_the_expired_notice() -> None:
    reminders = await planned_package()
    notices = (await sweep(reminders, EXPIRES + timedelta(days=2))).notices
    assert [(n.kind, n.sessions_left) for n in notices] == [(ReminderKind.EXPIRED, 3)]


async def test_expired_notice_is_dropped_after_its_window() -> None:
    reminders = await planned_package()
    assert (await sweep(reminders, EXPIRES + timedelta(days=8))).notices == []
    assert {r.outcome for r in reminders.rows.values()} == {Outcome.SKIPPED}


async def test_used_up_before_the_moment_nothing_is_sent_even_without_replanning() -> None:
    reminders = await planned_package()
    reminders.use_up(7)
    assert (await sweep(reminders, EXPIRES + timedelta(hours=1))).notices == []


async def test_expiry_moved_without_replanning_skips_the_outdated_reminder() -> None:
    reminders = await planned_package()
    reminders.packages[7] = facts(expires_at=EXPIRES + timedelta(days=30))
    assert (await sweep(reminders, WEEK_BEFORE)).notices == []


async def test_blocked_person_is_marked_undeliverable_and_never_retried() -> None:
    reminders = await planned_package()
    await sweep(reminders, WEEK_BEFORE, RecordingNotifier([BLOCKED]))
    first = min(reminders.rows.values(), key=lambda r: r.plan.due_at)
    assert first.outcome is Outcome.UNDELIVERABLE and "blocked" in (first.last_error or "")
    later = await sweep(reminders, WEEK_BEFORE + timedelta(hours=1))
    assert later.notices == []


async def test_rate_limited_waits_the_given_delay_and_stops_the_sweep() -> None:
    reminders = await planned_package()
    notifier = await sweep(reminders, EXPIRES + timedelta(hours=1), RecordingNotifier([SLOW_DOWN]))
    assert len(notifier.notices) == 1
    (expired,) = [r for r in reminders.rows.values() if r.plan.kind is ReminderKind.EXPIRED]
    assert expired.pending and expired.attempts == 0
    assert expired.next_attempt_at == EXPIRES + timedelta(hours=1, seconds=30)
    assert (await sweep(reminders, EXPIRES + timedelta(hours=1, seconds=29))).notices == []
    assert len((await sweep(reminders, EXPIRES + timedelta(hours=1, seconds=30))).notices) == 1


async def test_network_errors_back_off_then_fail_with_the_error_kept() -> None:
    reminders = await planned_package()
    policy = RetryPolicy(max_attempts=3, backoff=timedelta(seconds=10))
    now = WEEK_BEFORE
    notifier = RecordingNotifier([NETWORK, NETWORK, NETWORK])
    waits = []
    for _ in range(3):
        await sweep_due_reminders(
            lambda: FakeReminderUow(reminders),
            notifier,
            lambda at=now: at,
            policy=policy,
            lease=LEASE,
        )
        first = min(reminders.rows.values(), key=lambda r: r.plan.due_at)
        waits.append(first.next_attempt_at - now)
        now = first.next_attempt_at
    assert waits == [timedelta(seconds=10), timedelta(seconds=20), timedelta(0)]
    assert first.outcome is Outcome.FAILED and first.attempts == 3
    assert first.last_error == "NetworkError: connection reset"
    assert len(notifier.notices) == 3


async def test_network_error_then_success_is_sent() -> None:
    reminders = await planned_package()
    notifier = RecordingNotifier([NETWORK])
    await sweep(reminders, WEEK_BEFORE, notifier)
    await sweep(reminders, WEEK_BEFORE + timedelta(seconds=30), notifier)
    first = min(reminders.rows.values(), key=lambda r: r.plan.due_at)
    assert first.outcome is Outcome.SENT and first.attempts == 1


async def test_the_sweep_works_through_every_batch() -> None:
    reminders = await five_packages()
    notices = (await sweep(reminders, WEEK_BEFORE)).notices
    assert len(notices) == 5


async def five_packages() -> FakeReminders:
    reminders = FakeReminders()
    for sold_id in range(1, 6):
        reminders.packages[sold_id] = facts(sold_package_id=sold_id)
        await replan_package_reminders(FakeReminderUow(reminders), sold_id, NOW, DAYS_7_1)
    return reminders


async def test_the_sweep_stops_between_batches_when_asked() -> None:
    reminders = await five_packages()
    answers = iter([True, True, True, False])  # before each batch, and before its sends
    notifier = RecordingNotifier()
    await sweep_due_reminders(
        lambda: FakeReminderUow(reminders),
        notifier,
        lambda: WEEK_BEFORE,
        batch_size=2,
        keep_going=lambda: next(answers),
        lease=LEASE,
    )
    assert len(notifier.notices) == 2
    assert len([r for r in reminders.pending() if r.plan.due_at == WEEK_BEFORE]) == 3


@dataclass
class TogetherNotifier(RecordingNotifier):
    """Each delivery waits until `together` deliveries are in flight at once."""

    together: int = 1
    barrier: asyncio.Barrier | None = None

    async def deliver(self, notice: Notice) -> Delivery:
        self.barrier = self.barrier or asyncio.Barrier(self.together)
        await asyncio.wait_for(self.barrier.wait(), timeout=5)
        return await super().deliver(notice)


async def test_a_batch_is_sent_all_at_once_not_one_after_another() -> None:
    reminders = await five_packages()
    notifier = TogetherNotifier(together=5)
    await sweep_due_reminders(
        lambda: FakeReminderUow(reminders), notifier, lambda: WEEK_BEFORE, lease=LEASE
    )
    assert len(notifier.notices) == 5
    assert [r.outcome for r in reminders.rows.values() if r.plan.due_at == WEEK_BEFORE] == [
        Outcome.SENT
    ] * 5


async def test_rate_limited_in_a_batch_keeps_the_others_sent_and_ends_the_sweep() -> None:
    reminders = await five_packages()
    notifier = RecordingNotifier([SLOW_DOWN])
    await sweep_due_reminders(
        lambda: FakeReminderUow(reminders),
        notifier,
        lambda: WEEK_BEFORE,
        batch_size=2,
        lease=LEASE,
    )
    due = sorted(
        (r for r in reminders.rows.values() if r.plan.due_at == WEEK_BEFORE), key=lambda r: r.id
    )
    assert [r.outcome for r in due] == [None, Outcome.SENT, None, None, None]
    assert due[0].next_attempt_at == WEEK_BEFORE + timedelta(seconds=30)
    assert len(notifier.notices) == 2


async def test_a_package_paused_or_refunded_after_planning_gets_no_expiry_reminder() -> None:
    """Reminders read fresh facts when they go out: a pause or a refund that came after the
    rows were planned (and before any replan) still silences them."""
    reminders = await planned_package()
    reminders.packages[7] = facts(withdrawn=True)
    assert (await sweep(reminders, WEEK_BEFORE)).notices == []
    reminders.packages[7] = facts()  # resumed (same expiry): the next one goes out
    notices = (await sweep(reminders, EXPIRES - timedelta(days=1))).notices
    assert [n.kind for n in notices] == [ReminderKind.EXPIRY]
    reminders.packages[7] = facts(withdrawn=True)  # refunded: no "expired" notice
    assert (await sweep(reminders, EXPIRES)).notices == []


async def test_a_withdrawn_package_plans_no_expiry_reminders() -> None:
    reminders = await planned_package(withdrawn=True)
    assert reminders.rows == {}
