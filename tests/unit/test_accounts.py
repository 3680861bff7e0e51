from datetime import UTC, datetime

import pytest

from domain.accounts import CoachPolicy, become_coach, greet, set_plan, set_timezone
from domain.errors import InvalidInput, NotAllowed, NotFound, RegistrationClosed
from domain.model import Plan
from tests.unit.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
POLICY = CoachPolicy(
    coach_ids=frozenset({1}), admin_ids=frozenset({9}), default_timezone="Europe/Berlin"
)


async def test_listed_coach_gets_a_coach_profile_on_first_greeting() -> None:
    uow = FakeUnitOfWork()
    greeting = await greet(uow, 1, "Anna", POLICY, NOW)
    assert greeting.coach is not None
    assert greeting.coach.slug.startswith("anna-")
    assert greeting.coach.timezone == "Europe/Berlin"
    assert greeting.coach.plan is Plan.FREE


async def test_client_greeting_creates_no_coach() -> None:
    uow = FakeUnitOfWork()
    greeting = await greet(uow, 2, "Bob", POLICY, NOW)
    assert greeting.coach is None
    assert greeting.user.timezone is None
    assert await uow.users.get(2) is not None


async def test_becomecoach_is_refused_while_registration_is_closed() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(RegistrationClosed):
        await become_coach(uow, 2, "Bob", POLICY, NOW)
    assert await uow.coaches.get(2) is None
    assert await uow.users.get(2) is None  # rolled back


async def test_becomecoach_with_open_registration_is_idempotent() -> None:
    uow = FakeUnitOfWork()
    policy = CoachPolicy(registration_open=True, default_plan=Plan.GROWTH)
    coach, created = await become_coach(uow, 2, "Bob", policy, NOW)
    again, created_again = await become_coach(uow, 2, "Bob", policy, NOW)
    assert created and not created_again
    assert again.slug == coach.slug
    assert coach.plan is Plan.GROWTH


async def test_timezone_is_canonicalised_and_stored() -> None:
    uow = FakeUnitOfWork()
    assert await set_timezone(uow, 3, "Cleo", " europe/paris ") == "Europe/Paris"
    user = await uow.users.get(3)
    assert user is not None and user.timezone == "Europe/Paris"


async def test_unknown_timezone_is_refused_and_changes_nothing() -> None:
    uow = FakeUnitOfWork()
    await set_timezone(uow, 3, "Cleo", "Asia/Tokyo")
    with pytest.raises(InvalidInput):
        await set_timezone(uow, 3, "Cleo", "Mars/Olympus")
    user = await uow.users.get(3)
    assert user is not None and user.timezone == "Asia/Tokyo"


async def test_only_admins_set_plans() -> None:
    uow = FakeUnitOfWork()
    await greet(uow, 1, "Anna", POLICY, NOW)
    with pytest.raises(NotAllowed):
        await set_plan(uow, 1, 1, "pro", POLICY)
    with pytest.raises(InvalidInput):
        await set_plan(uow, 9, 1, "platinum", POLICY)
    with pytest.raises(NotFound):
        await set_plan(uow, 9, 42, "pro", POLICY)
    coach = await set_plan(uow, 9, 1, "Growth", POLICY)
    assert coach.plan is Plan.GROWTH
    stored = await uow.coaches.get(1)
    assert stored is not None and stored.plan is Plan.GROWTH
