"""Who reads which language: Telegram's code at first contact (regional codes fall back to their
base, unknown ones to English), saved; then the saved one, which /language overrides."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from telegram import Chat, Message, Update, User

from bot.kit.languages import KnownLanguages, language_for
from domain import accounts
from i18n import negotiate
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def update_from(user_id: int, language_code: str | None, is_bot: bool = False) -> Update:
    user = User(id=user_id, first_name="U", is_bot=is_bot, language_code=language_code)
    chat = Chat(id=user_id, type=Chat.PRIVATE)
    message = Message(message_id=1, date=NOW, chat=chat, from_user=user, text="hi")
    return Update(update_id=1, message=message)


class Uows:
    """The factory the Application has, over one fake database."""

    def __init__(self) -> None:
        self.uow = FakeUnitOfWork()
        self.opened: list[bool] = []  # write flag of every unit of work asked for

    def __call__(self, write: bool = True) -> FakeUnitOfWork:
        self.opened.append(write)
        return self.uow


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("de", "de"),
        ("de-AT", "de"),
        ("de_CH", "de"),
        ("es-419", "es"),
        ("ru-RU", "ru"),
        ("RU", "ru"),
        ("en-GB", "en"),
        ("pt-BR", "en"),  # a regional code of a language we do not speak: English
        ("uk", "en"),
        ("xx", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_telegram_codes_are_negotiated_to_ours(code: str | None, language: str) -> None:
    assert negotiate(code) == language


@pytest.mark.parametrize(("code", "language"), [("de-AT", "de"), ("pt-BR", "en"), ("zz", "en")])
async def test_first_contact_takes_the_apps_language_and_saves_it(
    code: str, language: str
) -> None:
    uows = Uows()
    assert await language_for(update_from(5, code), KnownLanguages(), uows) == language
    stored = await uows.uow.users.get(5)
    assert stored is not None and stored.language == language
    assert uows.opened == [False, True]  # one read, one write: a newcomer is saved at once


async def test_the_saved_language_wins_over_the_apps_and_is_read_once() -> None:
    uows, known = Uows(), KnownLanguages()
    await accounts.set_language(uows.uow, 6, "ru")
    assert await language_for(update_from(6, "de"), known, uows) == "ru"
    assert await language_for(update_from(6, "de"), known, uows) == "ru"
    assert uows.opened == [False]  # the second update costs no query


async def test_language_choice_overrides_telegrams_even_after_a_restart() -> None:
    uows, known = Uows(), KnownLanguages()
    assert await language_for(update_from(7, "de-AT"), known, uows) == "de"
    # /language: saved, and the Application's memory updated (bot/home/language.py)
    await accounts.set_language(uows.uow, 7, "es")
    known.remember(7, "es")
    assert await language_for(update_from(7, "de-AT"), known, uows) == "es"
    assert await language_for(update_from(7, "de-AT"), KnownLanguages(), uows) == "es"


async def test_no_sender_or_a_bot_reads_english_without_a_query() -> None:
    uows = Uows()
    assert await language_for(update_from(8, "de", is_bot=True), KnownLanguages(), uows) == "en"
    assert await language_for(object(), KnownLanguages(), uows) == "en"
    assert uows.opened == []


async def test_without_the_database_the_apps_language_is_spoken_and_not_remembered() -> None:
    def broken(write: bool = True) -> FakeUnitOfWork:
        raise ConnectionError("database away")

    known = KnownLanguages()
    assert await language_for(update_from(9, "ru-RU"), known, broken) == "ru"
    assert len(known) == 0


def test_the_memory_of_languages_is_bounded_and_keeps_the_latest() -> None:
    known = KnownLanguages(size=100)
    for user_id in range(1000):
        known.remember(user_id, "de")
        assert known.get(0) == "de"  # someone active all along is never forgotten
    assert len(known) == 100
    assert known.get(999) == "de" and known.get(500) is None and known.get(1) is None
