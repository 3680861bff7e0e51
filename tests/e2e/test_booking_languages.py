"""Who hears a booking in which language, through the real Application and the fake Bot API:
the other side's notice is said in the receiver's stored language, not the presser's.

The catalogs are stood in for by marked ones ("⟨de⟩" before every sentence), so the test
checks whose language was spoken, whatever the translations say; dates come from CLDR."""

from __future__ import annotations

import pytest

from domain.catalog.model import ItemKind
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import book_one, gets_package, is_calendar, package_of, working_shop
from tests.support.marked import speak_marked


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    speak_marked(monkeypatch)


async def test_a_german_coach_hears_of_an_english_clients_booking_in_german(
    harness: BotHarness, marked: None
) -> None:
    api, shop = harness.api, await working_shop(harness)
    async with shop.uow() as uow:
        await uow.users.set_language(COACH, "de")
        await uow.commit()
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    await gets_package(shop, CLIENT, "Cleo", package, "Europe/Berlin")

    booked = await book_one(shop, CLIENT, "Yoga", "Fri 27 Nov", "10:00")
    assert booked.content == "Booked: Yoga, Fri 27 Nov 10:00 (Europe/Berlin)"  # the client's
    assert booked.button_labels == ["📦 Back to the package"]
    assert is_calendar(await api.next_message(CLIENT, is_calendar))
    told = await api.next_message(COACH, "Cleo booked")
    assert told.content == "⟨de⟩Cleo booked Yoga: Fr., 27. Nov., 09:00 (UTC)."
    assert is_calendar(await api.next_message(COACH, is_calendar))
