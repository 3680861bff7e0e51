"""A refusal's sentence and a package's price in the reader's language: dates and amounts written
the way the language writes them, a kind of item said in its own sentence (never its English
name put into one)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.catalog.packages_views import price_label
from bot.kit.reasons import reason
from domain.errors import InvalidInput
from i18n import speaking

PASSED = InvalidInput("start", "start_passed", latest=datetime(2031, 11, 25, tzinfo=UTC))
SKIPPED = InvalidInput(
    "start",
    "time_skipped_by_dst",
    moment=datetime(2027, 3, 28, 2, 30),  # noqa: DTZ001 - a wall time, shown as is
    zone="Europe/Berlin",
)


def test_a_date_in_a_refusal_is_written_the_readers_way() -> None:
    with speaking("es"):
        assert "25/11/2031" in reason(PASSED)
    with speaking("de"):
        assert "So., 28.3.2027, 02:30" in reason(SKIPPED)
    with speaking("en"):
        assert reason(SKIPPED).startswith("Sun 28.03.2027 02:30 does not exist in Europe/Berlin")


def test_an_item_that_left_the_catalog_is_named_by_its_own_sentence() -> None:
    for kind, worded in (
        ("service", "A service is no longer in your catalog; remove it"),
        ("series", "A series is no longer in your catalog; remove it"),
    ):
        assert reason(InvalidInput("items", "item_gone_untitled", kind=kind)) == worded


def test_a_package_price_is_written_the_readers_way() -> None:
    with speaking("en"):
        assert price_label(4990, "EUR") == "49.90 EUR"
        assert price_label(1500, "JPY") == "1500 JPY"
    with speaking("de"):
        assert price_label(4990, "EUR") == "49,90\xa0€"
        assert price_label(150, "XTR") == "150 ⭐"  # Stars are Telegram's own, alike everywhere
    with speaking("ru"):
        assert price_label(150000, "EUR") == "1\xa0500,00\xa0€"
