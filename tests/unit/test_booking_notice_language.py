"""A notice to a client is said in the client's stored language, not in the language of
whoever caused it (the coach pressing /schedule); a text already said is sent as it is.

Marked catalogs stand in for the real ones ("⟨ru⟩" before every sentence), so the test checks
whose language was spoken, whatever the translations say."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, cast

import pytest

from bot.booking import schedule_views
from bot.booking.notify import tell_client
from bot.kit.context import BotContext
from domain.booking.model import ScheduleEntry, SessionBooking
from domain.catalog.model import ItemKind
from i18n import speaking
from tests.support.marked import speak_marked
from tests.unit.fakes import FakeUnitOfWork

CLIENT = 2002
START = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
SESSION = SessionBooking(
    id=42, sold_package_id=1, entitlement_id=11, coach_id=7, kind=ItemKind.SERVICE, ref_id=1,
    title="Yoga", starts_at=START, ends_at=START + timedelta(hours=1), booked_at=START,
)  # fmt: skip
ENTRY = ScheduleEntry(SESSION, "Three yoga", "Cleo", CLIENT, "UTC")


class Bot:
    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def send_message(self, chat_id: int, text: str) -> None:
        self.sent.append((chat_id, text))


class Context:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow, self.bot = uow, Bot()

    def uow(self, write: bool = True) -> FakeUnitOfWork:
        return self._uow

    languages = BotContext.languages  # the real lookups, over the fake unit of work
    language_of = BotContext.language_of


@pytest.fixture(autouse=True)
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    speak_marked(monkeypatch)


async def _told(language: str | None, text: Any) -> str:
    uow = FakeUnitOfWork()
    if language:
        await uow.users.set_language(CLIENT, language)
    context = Context(uow)
    with speaking("de"):  # the coach's language, while the coach's press is handled
        await tell_client(cast(BotContext, context), ENTRY, text, calendar=False)
    [(chat, said)] = context.bot.sent
    assert chat == CLIENT
    return said


async def test_the_client_hears_of_the_coachs_cancel_in_their_own_language() -> None:
    said = await _told("ru", partial(schedule_views.client_cancelled, SESSION, "UTC", True))
    assert said.startswith("⟨ru⟩Your coach cancelled <b>Yoga</b> on ")
    assert said.endswith(" ⟨ru⟩It is back in your package.")
    assert "дек" in said  # the date in Russian too


async def test_a_client_never_seen_hears_english() -> None:
    said = await _told(None, partial(schedule_views.client_no_show, SESSION, "UTC"))
    assert said.startswith("Your coach marked <b>Yoga</b> on Thu 03 Dec 09:00 (UTC) as missed")


async def test_a_text_already_said_is_sent_as_it_is() -> None:
    assert await _told("ru", "Already said") == "Already said"
