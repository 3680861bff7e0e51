"""What a reminder lets its reader do, decided when it goes out from fresh facts."""

from __future__ import annotations

from datetime import timedelta

from domain.reminders.delivery import CHANGE_MARGIN, Offer, SessionNow, notice_for, offers_for
from domain.reminders.model import Reminder, ReminderKind
from domain.reminders.planning import plan_package_reminders, plan_session_reminders
from domain.reminders.sweep import sweep_due_reminders
from domain.reminders.use_cases import replan_session_reminders
from tests.unit.reminder_fakes import FakeReminders, FakeReminderUow, RecordingNotifier
from tests.unit.test_reminder_planning import (
    CLIENT,
    COACH,
    DAYS_7_1,
    EXPIRES,
    HOURS_24_1,
    NOW,
    facts,
    session,
)

STARTS = session().starts_at
NONE: frozenset[Offer] = frozenset()


def now_session(window: timedelta | None = timedelta(hours=24), active: bool = True) -> SessionNow:
    return SessionNow(55, STARTS, active, window)


def test_an_expiry_reminder_offers_booking_and_asking_to_extend() -> None:
    offers, _ = offers_for(ReminderKind.EXPIRY, False, facts(), None, NOW)
    assert offers == {Offer.BOOK, Offer.ASK_TO_EXTEND}


def test_the_expired_notice_offers_only_asking_to_extend() -> None:
    offers, _ = offers_for(ReminderKind.EXPIRED, False, facts(), None, EXPIRES)
    assert offers == {Offer.ASK_TO_EXTEND}


def test_a_used_up_or_unknown_package_offers_nothing() -> None:
    for kind in (ReminderKind.EXPIRY, ReminderKind.EXPIRED):
        assert offers_for(kind, False, facts(sessions_left=0), None, NOW) == (NONE, None)
        assert offers_for(kind, False, None, None, NOW) == (NONE, None)


def test_a_package_whose_expiry_was_removed_offers_booking_but_nothing_to_extend() -> None:
    offers, _ = offers_for(ReminderKind.EXPIRY, False, facts(expires_at=None), None, NOW)
    assert offers == {Offer.BOOK}


def test_a_client_may_change_a_session_until_the_window_and_is_told_until_when() -> None:
    window = timedelta(hours=2)
    until = STARTS - window
    offers = offers_for(
        ReminderKind.SESSION, False, facts(), now_session(window), until - CHANGE_MARGIN
    )
    assert offers == (frozenset({Offer.CHANGE_SESSION}), until)


def test_no_change_button_inside_the_window_or_just_before_it_closes() -> None:
    window = timedelta(hours=2)
    for now in (STARTS - window + timedelta(seconds=1), STARTS - window - timedelta(minutes=9)):
        assert offers_for(ReminderKind.SESSION, False, facts(), now_session(window), now) == (
            NONE,
            None,
        )


def test_without_a_window_of_their_own_the_default_24_hours_apply() -> None:
    inside = STARTS - timedelta(hours=23)
    assert offers_for(ReminderKind.SESSION, False, facts(), now_session(None), inside)[0] == NONE
    outside = STARTS - timedelta(hours=25)
    offered, until = offers_for(ReminderKind.SESSION, False, facts(), now_session(None), outside)
    assert offered == {Offer.CHANGE_SESSION} and until == STARTS - timedelta(hours=24)


def test_the_coach_may_open_the_session_any_time_before_it_starts() -> None:
    inside = STARTS - timedelta(minutes=5)
    offers = offers_for(ReminderKind.SESSION, True, facts(), now_session(), inside)
    assert offers == (frozenset({Offer.CHANGE_SESSION}), None)
    assert offers_for(ReminderKind.SESSION, True, facts(), now_session(), STARTS) == (NONE, None)


def test_a_cancelled_or_unknown_session_offers_nothing() -> None:
    early = STARTS - timedelta(days=3)
    for to_coach in (True, False):
        cancelled = now_session(active=False)
        assert offers_for(ReminderKind.SESSION, to_coach, facts(), cancelled, early)[0] == NONE
        assert offers_for(ReminderKind.SESSION, to_coach, facts(), None, early)[0] == NONE


def test_the_notice_names_the_package_and_session_and_the_coachs_schedule_week() -> None:
    (coach_plan, *_) = [
        p for p in plan_session_reminders(session(), HOURS_24_1, NOW) if p.recipient_id == COACH
    ]
    zones = {COACH: "Europe/Berlin"}
    monday_before = STARTS - timedelta(days=8)  # Mon 23 Nov: the session is next week
    notice = notice_for(
        Reminder(1, coach_plan, coach_plan.due_at), facts(), zones, now_session(), monday_before
    )
    assert (notice.sold_package_id, notice.session_id, notice.to_coach) == (7, 55, True)
    assert notice.offers == {Offer.CHANGE_SESSION} and notice.schedule_week == 1
    (expiry, *_) = plan_package_reminders(facts(), DAYS_7_1, NOW)
    notice = notice_for(Reminder(2, expiry, expiry.due_at), facts(), zones, None, expiry.due_at)
    assert (notice.sold_package_id, notice.session_id, notice.chat_id) == (7, None, CLIENT)
    assert notice.offers == {Offer.BOOK, Offer.ASK_TO_EXTEND}


async def test_the_sweep_decides_from_the_window_as_it_is_when_the_reminder_goes_out() -> None:
    reminders = FakeReminders()
    reminders.packages[7] = facts()
    await replan_session_reminders(FakeReminderUow(reminders), [session()], NOW, HOURS_24_1)
    reminders.sessions[55] = now_session(timedelta(hours=2))  # planned with 24 h, then 2 h
    notifier = RecordingNotifier()
    due = STARTS - timedelta(hours=24)
    await sweep_due_reminders(lambda: FakeReminderUow(reminders), notifier, lambda: due)
    by_person = {n.chat_id: n for n in notifier.notices}
    assert by_person[CLIENT].offers == {Offer.CHANGE_SESSION}
    assert by_person[CLIENT].changeable_until == STARTS - timedelta(hours=2)
    assert by_person[COACH].offers == {Offer.CHANGE_SESSION}
    reminders.sessions[55] = now_session(timedelta(hours=24))
    notifier = RecordingNotifier()
    await sweep_due_reminders(
        lambda: FakeReminderUow(reminders), notifier, lambda: STARTS - timedelta(hours=1)
    )
    by_person = {n.chat_id: n for n in notifier.notices}
    assert by_person[CLIENT].offers == NONE and by_person[COACH].offers == {Offer.CHANGE_SESSION}
