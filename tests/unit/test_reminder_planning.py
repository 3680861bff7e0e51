"""Which reminders a sold package and a booked session get, and how changes replan them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from domain.reminders.model import EXPIRED_NOTICE_WINDOW, Outcome, Reminder, ReminderKind
from domain.reminders.planning import (
    PackageFacts,
    SessionFacts,
    plan_package_reminders,
    plan_session_reminders,
)
from domain.reminders.use_cases import (
    replan_all_package_reminders,
    replan_package_reminders,
    replan_session_reminders,
)
from tests.unit.reminder_fakes import FakeReminders, FakeReminderUow

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
EXPIRES = datetime(2026, 12, 20, 18, 0, tzinfo=UTC)
DAYS_7_1 = (timedelta(days=7), timedelta(days=1))
HOURS_24_1 = (timedelta(hours=24), timedelta(hours=1))
CLIENT, COACH = 2002, 1001


def facts(**changes: object) -> PackageFacts:
    base = PackageFacts(7, COACH, CLIENT, "Starter", EXPIRES, 3)
    return replace(base, **changes)  # type: ignore[arg-type]


def session(**changes: object) -> SessionFacts:
    base = SessionFacts(
        55, 7, CLIENT, COACH, "Intro call", datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_expiry_reminders_fall_at_each_offset_before_expiry_then_the_expired_notice() -> None:
    plans = plan_package_reminders(facts(), DAYS_7_1, NOW)
    assert [(p.kind, p.due_at) for p in plans] == [
        (ReminderKind.EXPIRY, EXPIRES - timedelta(days=7)),
        (ReminderKind.EXPIRY, EXPIRES - timedelta(days=1)),
        (ReminderKind.EXPIRED, EXPIRES),
    ]
    assert {p.recipient_id for p in plans} == {CLIENT}
    assert [p.stale_at for p in plans] == [
        EXPIRES - timedelta(days=1),
        EXPIRES,
        EXPIRES + EXPIRED_NOTICE_WINDOW,
    ]


def test_offsets_in_any_order_and_repeated_give_one_reminder_each() -> None:
    offsets = (timedelta(days=1), timedelta(hours=24), timedelta(days=7))
    plans = plan_package_reminders(facts(), offsets, NOW)
    assert [p.due_at for p in plans if p.kind is ReminderKind.EXPIRY] == [
        EXPIRES - timedelta(days=7),
        EXPIRES - timedelta(days=1),
    ]


def test_no_offsets_leave_only_the_expired_notice() -> None:
    assert [p.kind for p in plan_package_reminders(facts(), (), NOW)] == [ReminderKind.EXPIRED]


def test_a_package_without_expiry_used_up_or_without_holder_gets_none() -> None:
    for changed in (
        facts(expires_at=None),
        facts(sessions_left=0),
        facts(client_id=None),
    ):
        assert plan_package_reminders(changed, DAYS_7_1, NOW) == []


def test_reminders_whose_window_has_closed_are_not_planned() -> None:
    half_a_day_before = EXPIRES - timedelta(hours=12)
    plans = plan_package_reminders(facts(), DAYS_7_1, half_a_day_before)
    assert [p.due_at for p in plans] == [EXPIRES - timedelta(days=1), EXPIRES]


def test_a_late_reminder_stays_planned_until_the_next_one_is_due() -> None:
    three_days_before = EXPIRES - timedelta(days=3)
    plans = plan_package_reminders(facts(), DAYS_7_1, three_days_before)
    assert [p.due_at for p in plans] == [
        EXPIRES - timedelta(days=7),
        EXPIRES - timedelta(days=1),
        EXPIRES,
    ]


def test_session_reminders_go_to_client_and_coach_at_each_offset() -> None:
    plans = plan_session_reminders(session(), HOURS_24_1, NOW)
    starts = session().starts_at
    assert sorted((p.recipient_id, p.due_at) for p in plans) == [
        (COACH, starts - timedelta(hours=24)),
        (COACH, starts - timedelta(hours=1)),
        (CLIENT, starts - timedelta(hours=24)),
        (CLIENT, starts - timedelta(hours=1)),
    ]
    assert all(p.kind is ReminderKind.SESSION and p.session_id == 55 for p in plans)


def test_a_coach_booking_for_themself_gets_one_reminder_per_offset() -> None:
    plans = plan_session_reminders(session(client_id=COACH), HOURS_24_1, NOW)
    assert len(plans) == 2


def test_a_cancelled_session_gets_none() -> None:
    assert plan_session_reminders(session(active=False), HOURS_24_1, NOW) == []


def test_planning_twice_gives_the_same_keys() -> None:
    first = [p.key for p in plan_package_reminders(facts(), DAYS_7_1, NOW)]
    assert first == [p.key for p in plan_package_reminders(facts(), DAYS_7_1, NOW)]
    assert len(set(first)) == 3


async def replanned(reminders: FakeReminders, now: datetime = NOW) -> None:
    await replan_package_reminders(FakeReminderUow(reminders), 7, now, DAYS_7_1)


async def planned_with_first_sent() -> tuple[FakeReminders, Reminder]:
    reminders = FakeReminders()
    reminders.packages[7] = facts()
    await replanned(reminders)
    first = reminders.pending()[0]
    await reminders.save(first.settled(Outcome.SENT, first.plan.due_at))
    return reminders, first


async def test_replanning_an_unchanged_package_changes_nothing() -> None:
    reminders = FakeReminders()
    reminders.packages[7] = facts()
    await replanned(reminders)
    before = dict(reminders.rows)
    await replanned(reminders)
    assert reminders.rows == before


async def test_expiry_moved_later_replaces_unsent_and_keeps_the_sent_one() -> None:
    reminders, first = await planned_with_first_sent()
    sent_at = first.plan.due_at
    later = EXPIRES + timedelta(days=10)
    reminders.packages[7] = facts(expires_at=later)
    await replanned(reminders, sent_at)
    assert [(p.plan.kind, p.plan.due_at) for p in reminders.pending()] == [
        (ReminderKind.EXPIRY, later - timedelta(days=7)),
        (ReminderKind.EXPIRY, later - timedelta(days=1)),
        (ReminderKind.EXPIRED, later),
    ]
    assert [r.id for r in reminders.rows.values() if not r.pending] == [first.id]


async def test_expiry_moved_earlier_plans_one_catch_up_and_what_is_still_ahead() -> None:
    reminders = FakeReminders()
    reminders.packages[7] = facts()
    await replanned(reminders)
    earlier = NOW + timedelta(hours=12)
    reminders.packages[7] = facts(expires_at=earlier)
    await replanned(reminders)
    # The 7-day reminder's window closed when the 1-day one came due: only that one is sent.
    assert [(p.plan.kind, p.plan.due_at) for p in reminders.pending()] == [
        (ReminderKind.EXPIRY, earlier - timedelta(days=1)),
        (ReminderKind.EXPIRED, earlier),
    ]


async def test_expiry_removed_drops_every_unsent_reminder_and_keeps_sent_ones() -> None:
    reminders, first = await planned_with_first_sent()
    reminders.packages[7] = facts(expires_at=None)
    await replanned(reminders)
    assert reminders.pending() == []
    assert list(reminders.rows) == [first.id]


async def test_used_up_package_loses_its_unsent_reminders() -> None:
    reminders = FakeReminders()
    reminders.packages[7] = facts()
    await replanned(reminders)
    reminders.packages[7] = facts(sessions_left=0)
    await replanned(reminders)
    assert reminders.rows == {}


async def test_moving_expiry_back_after_a_reminder_was_sent_does_not_send_it_again() -> None:
    reminders, first = await planned_with_first_sent()
    reminders.packages[7] = facts(expires_at=EXPIRES + timedelta(days=3))
    await replanned(reminders, first.plan.due_at)
    reminders.packages[7] = facts()
    await replanned(reminders, first.plan.due_at)
    assert [r.plan.due_at for r in reminders.pending()] == [
        EXPIRES - timedelta(days=1),
        EXPIRES,
    ]
    assert len([r for r in reminders.rows.values() if r.key == first.key]) == 1


async def test_rescheduled_session_moves_its_reminders_and_cancel_drops_them() -> None:
    reminders = FakeReminders()
    uow = FakeReminderUow(reminders)
    await replan_session_reminders(uow, [session()], NOW, HOURS_24_1)
    moved = session(starts_at=session().starts_at + timedelta(days=2))
    await replan_session_reminders(uow, [moved], NOW, HOURS_24_1)
    assert {r.plan.event_at for r in reminders.rows.values()} == {moved.starts_at}
    assert len(reminders.rows) == 4
    await replan_session_reminders(uow, [replace(moved, active=False)], NOW, HOURS_24_1)
    assert reminders.rows == {}


async def test_other_offsets_after_a_restart_replace_unsent_reminders_of_every_package() -> None:
    reminders = FakeReminders()
    for sold_id in range(1, 6):
        reminders.packages[sold_id] = facts(sold_package_id=sold_id)
        await replan_package_reminders(FakeReminderUow(reminders), sold_id, NOW, DAYS_7_1)
    reminders.packages[9] = facts(sold_package_id=9, expires_at=NOW - timedelta(days=30))
    first = reminders.pending()[0]
    await reminders.save(first.settled(Outcome.SENT, NOW))
    three_days = (timedelta(days=3),)
    changed = await replan_all_package_reminders(
        lambda: FakeReminderUow(reminders), NOW, three_days, batch_size=2
    )
    pending = {(r.plan.sold_package_id, r.plan.due_at) for r in reminders.pending()}
    assert pending == {
        (sold_id, due) for sold_id in range(1, 6) for due in (EXPIRES - timedelta(days=3), EXPIRES)
    }
    assert first.id in reminders.rows
    assert changed == 5 * 2 - 1 + 5  # 7d (one of them sent) and 1d dropped, 3d added
