"""Who hears a booking in which language, through the real Application and the fake Bot API:
the other side's notice is said in the receiver's stored language, not the presser's.

The catalogs are stood in for by marked ones ("⟨de⟩" before every sentence), so the test
checks whose language was spoken, whatever the translations say; dates come from CLDR."""

from __future__ import annotations

from gettext import NullTranslations

import pytest

import i18n
from domain.catalog.model import ItemKind
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import book_one, gets_package, is_calendar, package_of, working_shop


class Marked(NullTranslations):
    """Every sentence of `language` starts with ⟨language⟩."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def gettext(self, message: str) -> str:
        return f"⟨{self.language}⟩{message}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟨{self.language}⟩{singular if n == 1 else plural}"


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    def translations(language: str) -> NullTranslations:
        return NullTranslations() if language == i18n.DEFAULT else Marked(language)

    monkeypatch.setattr(i18n, "translations", translations)


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
