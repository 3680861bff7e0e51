"""Job messages in the receiver's language: a Russian expiry reminder uses the right plural
for 1, 2 and 5 sessions (and 21, 12); a German digest and a Spanish seat offer; English stays
as it was."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.booking.waitlist import OfferNotice
from domain.reminders.delivery import Notice, Offer
from domain.reminders.digest import DaySession, Digest, ExpiringFacts
from domain.reminders.model import ReminderKind
from i18n import speaking
from jobs.digest_texts import digest_text
from jobs.texts import reminder_text
from jobs.waitlist import offer_text

EXPIRES = datetime(2026, 12, 20, 18, 0, tzinfo=UTC)  # Sun 20 Dec 19:00 in Berlin


def expiry(left: int) -> Notice:
    return Notice(
        ReminderKind.EXPIRY, 1, "Starter", EXPIRES, "Europe/Berlin", sessions_left=left,
        offers=frozenset({Offer.BOOK}),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("left", "said"),
    [
        (1, "осталась 1 сессия"),
        (2, "осталось 2 сессии"),
        (5, "осталось 5 сессий"),
        (21, "осталась 21 сессия"),
        (12, "осталось 12 сессий"),
    ],
)
def test_a_russian_expiry_reminder_says_the_sessions_left_in_the_right_form(
    left: int, said: str
) -> None:
    with speaking("ru"):
        text = reminder_text(expiry(left))
    assert text.startswith(f"⏳ В вашем пакете <b>Starter</b> {said}, он действует до ")
    assert "20 дек" in text and "(Europe/Berlin)" in text
    assert text.endswith("\nЗапишитесь, пока пакет не истёк, или попросите коуча продлить срок.")


def test_english_reminders_are_as_before() -> None:
    assert reminder_text(expiry(1)) == (
        "⏳ Your package <b>Starter</b> has 1 session left, valid until Sun 20 Dec 19:00 "
        "(Europe/Berlin).\nBook them before it expires, or ask your coach for more time."
    )


def test_a_german_coach_reads_the_digest_in_german() -> None:
    digest = Digest(
        7,
        date(2026, 12, 17),
        "Europe/Berlin",
        (ExpiringFacts(3, 7, "Ada", "Starter", EXPIRES, 2),),
        (DaySession(EXPIRES - timedelta(days=3), "Yoga", ("Ada", None)),),
    )
    with speaking("de"):
        text = digest_text(digest)
    assert text.startswith("☀️ <b>Ihr Tag</b> · Do., 17. Dez. · Zeiten in Europe/Berlin")
    assert "<b>Heutige Sitzungen</b>\n19:00 Yoga — Ada, Kunde" in text
    assert "Ada — <b>Starter</b>: noch 2 Sitzungen, bis So., 20. Dez., 19:00" in text


def test_a_spanish_client_reads_the_seat_offer_in_spanish() -> None:
    notice = OfferNotice(3, 8, "Yoga", EXPIRES, EXPIRES - timedelta(hours=2), "Europe/Berlin")
    with speaking("es"):
        text = offer_text(notice)
    assert text.startswith("🎟 Se ha liberado una plaza: <b>Yoga</b>, dom, 20 dic, 19:00")
    assert "Te la guardamos hasta dom, 20 dic, 17:00." in text
