"""Pure planning: which reminders a sold package or a booked session should have."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.reminders.model import (
    EXPIRED_NOTICE_WINDOW,
    PlannedReminder,
    Reminder,
    ReminderKind,
)


@dataclass(frozen=True)
class PackageFacts:
    """What planning and sending need to know about a sold package, read fresh."""

    sold_package_id: int
    coach_id: int
    client_id: int | None
    title: str
    expires_at: datetime | None
    sessions_left: int
    withdrawn: bool = False  # refunded or paused: its expiry is not running

    @property
    def remindable(self) -> bool:
        """Only a package with a holder, an expiry and sessions left is reminded (whether it
        has expired yet is the reminders' timing); never one refunded or paused."""
        return (
            self.client_id is not None
            and self.expires_at is not None
            and self.sessions_left > 0
            and not self.withdrawn
        )


@dataclass(frozen=True)
class SessionFacts:
    """A booked session as the booking use cases know it; `active` False once cancelled.

    `remind_coach` False for the seats of a group meeting but one: the coach is reminded of
    the meeting once, not once per seat."""

    session_id: int
    sold_package_id: int
    client_id: int | None
    coach_id: int
    title: str
    starts_at: datetime
    active: bool = True
    remind_coach: bool = True


@dataclass(frozen=True)
class Replan:
    """Reminders to add and ids of unsent ones to delete; sent ones are never touched."""

    add: list[PlannedReminder]
    drop: list[int]


def windows(event_at: datetime, offsets: Iterable[timedelta]) -> list[tuple[datetime, datetime]]:
    """(due_at, stale_at) per offset: each is worth sending until the next one is due."""
    dues = sorted({event_at - offset for offset in offsets if offset > timedelta(0)})
    return list(zip(dues, [*dues[1:], event_at], strict=False))


def plan_package_reminders(
    facts: PackageFacts, offsets: Iterable[timedelta], now: datetime
) -> list[PlannedReminder]:
    """Expiry reminders before expires_at and the "expired unused" notice, still to come."""
    if not facts.remindable:
        return []
    assert facts.expires_at is not None and facts.client_id is not None
    expires_at, client_id = facts.expires_at, facts.client_id

    def planned(kind: ReminderKind, due_at: datetime, stale_at: datetime) -> PlannedReminder:
        return PlannedReminder(
            kind, client_id, facts.sold_package_id, None, facts.title, expires_at, due_at, stale_at
        )

    plans = [
        planned(ReminderKind.EXPIRY, due, stale) for due, stale in windows(expires_at, offsets)
    ]
    plans.append(planned(ReminderKind.EXPIRED, expires_at, expires_at + EXPIRED_NOTICE_WINDOW))
    return [plan for plan in plans if now < plan.stale_at]


def plan_session_reminders(
    session: SessionFacts, offsets: Iterable[timedelta], now: datetime
) -> list[PlannedReminder]:
    """Reminders before a booked session, to the client and to the coach, still to come."""
    if not session.active:
        return []
    coach = session.coach_id if session.remind_coach else None
    recipients = dict.fromkeys(r for r in (session.client_id, coach) if r is not None)
    return [
        PlannedReminder(
            ReminderKind.SESSION,
            recipient,
            session.sold_package_id,
            session.session_id,
            session.title,
            session.starts_at,
            due_at,
            stale_at,
        )
        for recipient in recipients
        for due_at, stale_at in windows(session.starts_at, offsets)
        if now < stale_at
    ]


def replan(existing: Iterable[Reminder], wanted: Iterable[PlannedReminder]) -> Replan:
    """Unsent reminders not wanted any more go; wanted ones not stored yet (sent or not) come.

    A person is never told twice about one moment at one due time: a wanted reminder is not
    added when one like it was already settled (sent, skipped, …) for another session of the
    same group meeting (the coach's, after the seat that carried it was cancelled)."""
    existing = list(existing)
    wanted_keys = {plan.key: plan for plan in wanted}
    stored_keys = {reminder.key for reminder in existing}
    settled = {_told(r.plan) for r in existing if not r.pending}
    return Replan(
        add=[
            plan
            for key, plan in wanted_keys.items()
            if key not in stored_keys and _told(plan) not in settled
        ],
        drop=[r.id for r in existing if r.pending and r.key not in wanted_keys],
    )


def _told(plan: PlannedReminder) -> tuple[str, int, datetime, datetime]:
    return plan.kind.value, plan.recipient_id, plan.event_at, plan.due_at
