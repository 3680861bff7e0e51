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
