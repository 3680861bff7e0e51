"""The catalog in the reader's language, through the real Application and the fake Bot API: a
German coach reads a series' dates (screen, buttons, notes) the German way, and a Spanish
client reads a booking page's prices the Spanish way, while an English client's stay as they
were. What is checked is written by Babel, not by the catalogs."""

from __future__ import annotations

from domain import accounts
from domain.catalog import dates
from domain.catalog.drafts import PackageDraft, draft_add_item, draft_set_price, draft_set_title
from domain.catalog.model import ItemKind
from domain.catalog.packages import create_package
from domain.catalog.series import SeriesDraft, create_series
from tests.e2e.conftest import CLIENT, COACH, BotHarness

OTHER = 3003  # another client


async def test_a_german_coach_reads_a_series_dates_the_german_way(harness: BotHarness) -> None:
    api = harness.api
    api.user(COACH, language_code="de-DE").send_text("/start")  # first contact: German
    await api.next_message(COACH)
    assert harness.app is not None
    uows = harness.app.deps.uow_factory
    await accounts.set_timezone(uows(), COACH, "Coach", "Europe/Berlin")
    series = await create_series(uows(), COACH, SeriesDraft("Bootcamp", "", 12, 60))
    assert series.id is not None
    text = "every Tuesday 18:00 for 2 weeks"
    await dates.add_dates(uows(), COACH, series.id, text, harness.clock.now)

    api.send_text(COACH, "/series")
    await api.next_message(COACH, "Bootcamp")
    api.press_button(COACH, "1. Bootcamp")
    view = await api.next_message(COACH, "Di., 1. Dez., 18:00 — 0/12")
    assert "Di., 8. Dez., 18:00 — 0/12" in view.content and "Tue" not in view.content
    (remove,) = [label for label in view.button_labels if label.startswith("➖")]
    api.press_button(COACH, remove)
    picker = await api.next_message(COACH, "Bootcamp")
    assert "Di., 8. Dez., 18:00 — 0/12" in picker.button_labels
    api.press_button(COACH, "Di., 8. Dez., 18:00 — 0/12")
    removed = await api.next_message(COACH, "Di., 8. Dez. 2026, 18:00")
    assert "Di., 1. Dez., 18:00 — 0/12" in removed.content
    assert "Di., 8. Dez., 18:00" not in removed.content


async def test_a_spanish_client_reads_the_booking_pages_prices_the_spanish_way(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.send_text(COACH, "/start")
    await api.next_message(COACH, "Coach home")
    assert harness.app is not None
    uows = harness.app.deps.uow_factory
    coach = await accounts.get_coach(uows(), COACH)
    series = await create_series(uows(), COACH, SeriesDraft("Bootcamp", "", 12, 60))
    assert coach is not None and series.id is not None
    draft = PackageDraft()
    draft_set_title(draft, "Bootcamp pass")
    draft_add_item(draft, ItemKind.SERIES, series.id, "8")
    draft_set_price(draft, "1490.50", "EUR")
    await create_package(uows(), COACH, draft, harness.clock.now)

    api.user(CLIENT, language_code="es-MX").open_deep_link(f"c_{coach.slug}")
    page = await api.next_message(CLIENT, "Bootcamp pass")
    assert "1.490,50\xa0€" in page.content and "EUR" not in page.content

    api.user(OTHER, language_code="en-GB").open_deep_link(f"c_{coach.slug}")
    english = await api.next_message(OTHER, "Bootcamp pass")
    assert "1490.50 EUR" in english.content
