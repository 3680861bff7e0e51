"""Reminders as a kind of bulk delivery: due reminder rows, each a notice built from its
package and session as they are when it goes out, or skipped when no longer true."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Unpack

from domain.reminders.delivery import Notice, SessionNow, notice_for, still_meaningful
from domain.reminders.engine import Claims, Kind, Notifier, Options, Sweep, deliver_due
from domain.reminders.model import Reminder
from domain.reminders.planning import PackageFacts
from domain.reminders.ports import ReminderUnitOfWork


def _claims(uow: ReminderUnitOfWork) -> Claims[Reminder]:
    return uow.reminders


async def notices(
    uow: ReminderUnitOfWork, reminders: list[Reminder], now: datetime
) -> list[Notice | None]:
    """Each reminder's notice from fresh facts, or None when it is no longer true."""
    facts = await uow.reminders.package_facts(sorted({r.plan.sold_package_id for r in reminders}))
    people = {r.plan.recipient_id for r in reminders} | {f.coach_id for f in facts.values()}
    session_ids = sorted({r.plan.session_id for r in reminders if r.plan.session_id is not None})
    sessions = await uow.reminders.sessions_now(session_ids)
    zones = await uow.reminders.zones(sorted(people))
    languages = await uow.users.languages(sorted(people))
    found = [_notice(r, facts, zones, sessions, now) for r in reminders]
    return [None if n is None else _in_language(n, languages) for n in found]


def _in_language(notice: Notice, languages: dict[int, str]) -> Notice:
    language = languages.get(notice.chat_id)
    return notice if language is None else replace(notice, language=language)


def _notice(
    reminder: Reminder,
    facts: dict[int, PackageFacts],
    zones: dict[int, str],
    sessions: dict[int, SessionNow],
    now: datetime,
) -> Notice | None:
    sold = facts.get(reminder.plan.sold_package_id)
    session_id = reminder.plan.session_id
    session = None if session_id is None else sessions.get(session_id)
    if not still_meaningful(reminder, sold, now, session):
        return None
    return notice_for(reminder, sold, zones, session, now)


REMINDERS: Kind[ReminderUnitOfWork, Reminder, Notice] = Kind(_claims, notices)


async def sweep_due_reminders(
    uow_factory: Callable[[], ReminderUnitOfWork],
    notifier: Notifier[Notice],
    clock: Callable[[], datetime],
    *,
    batch_size: int = 10,
    **options: Unpack[Options],
) -> Counter[str]:
    """People get the reminders that came due, each once; returns counts per outcome."""
    sweep = Sweep(REMINDERS, uow_factory, notifier, clock, batch_size, **options)
    return await deliver_due(sweep)
