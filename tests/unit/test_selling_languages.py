"""Selling and calendars in the reader's language: prices written per language with Babel
(English unchanged), invoice descriptions within Telegram's limit, plural forms, and this
area's translations in the catalogs filling the sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.calendars import texts as calendar_texts
from bot.catalog.packages_views import money, price_label
from bot.selling import texts
from bot.selling.buying import INVOICE_DESCRIPTION_MAX, _entries
from bot.selling.payment_texts import amount
from domain.money import format_amount
from i18n import speaking

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("minor", "code"), [(4990, "EUR"), (150, "XTR"), (1500, "JPY"), (123456, "RUB"), (5, "USD")]
)
def test_english_prices_are_the_bots_own(minor: int, code: str) -> None:
    with speaking("en"):
        assert money(minor, code) == format_amount(minor, code)
        assert price_label(minor, code) == format_amount(minor, code)


def test_other_languages_write_prices_their_way() -> None:
    with speaking("de"):
        assert money(4990, "EUR") == f"49,90{NBSP}€"
        assert money(123456, "RUB") == f"1.234,56{NBSP}RUB"
    with speaking("ru"):
        assert money(123456, "RUB") == f"1{NBSP}234,56{NBSP}₽"
    with speaking("es"):
        assert money(1500, "JPY") == f"1.500{NBSP}JPY"
    for language in ("de", "es", "ru"):
        with speaking(language):
            assert money(150, "XTR") == "150 ⭐"  # Stars read the same everywhere
            assert amount(5, "ABC").startswith("5 ABC")  # a currency we do not sell in


def test_invoice_description_keeps_whole_entries_within_the_limit() -> None:
    assert _entries(["3 × Yoga", "2 × Pilates"]) == "3 × Yoga, 2 × Pilates"
    long = _entries([f"3 × {'Y' * 100}"] * 5)
    assert len(long) <= INVOICE_DESCRIPTION_MAX
    assert long.endswith(", …")
    assert long.count("×") == 2  # the entries that fit, none cut in the middle
    assert len(_entries(["Z" * 300])) == INVOICE_DESCRIPTION_MAX


def test_english_plurals_read_as_before() -> None:
    with speaking("en"):
        assert calendar_texts.busy_times(1) == "1 busy time"
        assert calendar_texts.busy_times(5) == "5 busy times"
        assert calendar_texts.choose(2, "a@b").startswith("Found 2 calendars on a@b.")


def test_russian_uses_its_three_forms() -> None:
    with speaking("ru"):
        shown = [calendar_texts.busy_times(n) for n in (1, 2, 5, 21)]
    assert shown == [
        "1 занятый интервал",
        "2 занятых интервала",
        "5 занятых интервалов",
        "21 занятый интервал",
    ]


def test_sentences_and_dates_come_in_the_speakers_language() -> None:
    moment = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    with speaking("de"):
        assert texts.expiry_line(moment, "UTC") == "Gültig bis Do., 3. Dez. 2026, 09:00 (UTC)"
        assert texts.buy_label(4990, "EUR") == f"💳 Kaufen für 49,90{NBSP}€"
    with speaking("es"):
        assert texts.expiry_line(None, "UTC") == "Sin vencimiento"
    with speaking("en"):
        assert texts.expiry_line(moment, "UTC") == "Valid until Thu 03 Dec 2026, 09:00 (UTC)"
