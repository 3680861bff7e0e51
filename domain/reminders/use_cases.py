"""Use cases the selling and booking code call after a change, inside their unit of work.

They do not commit: the caller's commit stores the change and its reminders together, so a
reminder never describes a state that was rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from domain.reminders.planning import (
    Replan,
    SessionFacts,
    plan_package_reminders,
    plan_session_reminders,
    replan,
)
from domain.reminders.ports import ReminderUnitOfWork


async def replan_package_reminders(
    uow: ReminderUnitOfWork,
    sold_package_id: int,
    now: datetime,
    offsets: Iterable[timedelta],
) -> Replan:
    """The client gets expiry reminders matching the package as it is now.

    Call after a sold package is created, its expiry moved or removed, it is revoked or a
    session is taken from it. Unsent reminders that no longer fit are deleted, sent ones are
    kept, and a reminder already stored (sent or not) is never added twice.
    """
    facts = (await uow.reminders.package_facts([sold_package_id])).get(sold_package_id)
    wanted = [] if facts is None else plan_package_reminders(facts, offsets, now)
    change = replan(await uow.reminders.for_package(sold_package_id), wanted)
    await uow.reminders.delete_pending(change.drop)
    await uow.reminders.add(change.add)
    return change


async def replan_session_reminders(
    uow: ReminderUnitOfWork,
    session: SessionFacts,
    now: datetime,
    offsets: Iterable[timedelta],
) -> Replan:
    """Client and coach get reminders before a booked session, following reschedules.

    Call after a session is booked, rescheduled (same id, new start) or cancelled
    (`active=False`: its unsent reminders are deleted).
    """
    wanted = plan_session_reminders(session, offsets, now)
    change = replan(await uow.reminders.for_session(session.session_id), wanted)
    await uow.reminders.delete_pending(change.drop)
    await uow.reminders.add(change.add)
    return change
