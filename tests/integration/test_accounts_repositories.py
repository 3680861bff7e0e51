from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from domain.model import Coach, Plan, User

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


async def test_users_and_coaches_roundtrip(make_uow) -> None:
    async with make_uow() as uow:
        await uow.users.add(User(telegram_id=10, first_name="Anna", timezone="Europe/Berlin"))
        await uow.coaches.add(Coach(10, "anna-abc123", Plan.GROWTH, "Anna", "Europe/Berlin", NOW))
        await uow.commit()
    async with make_uow() as uow:
        coach = await uow.coaches.by_slug("anna-abc123")
        assert coach is not None
        assert (coach.user_id, coach.plan, coach.timezone) == (10, Plan.GROWTH, "Europe/Berlin")
        assert coach.created_at == NOW
        assert await uow.coaches.all_user_ids() == [10]


async def test_leaving_without_commit_rolls_back(make_uow) -> None:
    async with make_uow() as uow:
        await uow.users.add(User(telegram_id=11, first_name="Bob"))
    async with make_uow() as uow:
        assert await uow.users.get(11) is None


async def test_slug_is_unique(make_uow) -> None:
    async with make_uow() as uow:
        await uow.users.add(User(telegram_id=1, first_name="A"))
        await uow.users.add(User(telegram_id=2, first_name="B"))
        await uow.coaches.add(Coach(1, "same", Plan.FREE, "A", "UTC", NOW))
        with pytest.raises(IntegrityError):
            await uow.coaches.add(Coach(2, "same", Plan.FREE, "B", "UTC", NOW))


async def test_languages_answer_for_every_asked_id_and_unknown_reads_english(make_uow) -> None:
    async with make_uow() as uow:
        await uow.users.add(User(telegram_id=20, first_name="Dora"))  # language not seen yet
        await uow.users.add(User(telegram_id=21, first_name="Ivan", language="ru"))
        await uow.users.set_language(22, "de")  # a first contact: registered, no name yet
        await uow.commit()
    async with make_uow() as uow:
        assert await uow.users.languages([20, 21, 22, 99]) == {
            20: "en",
            21: "ru",
            22: "de",
            99: "en",
        }
        assert await uow.users.languages([]) == {}
        new = await uow.users.get(22)
        assert new is not None and (new.first_name, new.language) == ("", "de")


async def test_set_language_overrides_and_saving_a_stale_user_keeps_it(make_uow) -> None:
    async with make_uow() as uow:
        await uow.users.add(User(telegram_id=30, first_name="Eva", language="de"))
        await uow.commit()
    async with make_uow() as uow:
        stale = await uow.users.get(30)
        await uow.users.set_language(30, "es")
        await uow.commit()
    assert stale is not None
    async with make_uow() as uow:
        stale.timezone, stale.language = "Europe/Madrid", None
        await uow.users.save(stale)  # read before the language was known: no reset
        await uow.commit()
    async with make_uow() as uow:
        user = await uow.users.get(30)
        assert user is not None and (user.timezone, user.language) == ("Europe/Madrid", "es")
        assert await uow.users.languages([30]) == {30: "es"}
