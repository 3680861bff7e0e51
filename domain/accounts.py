"""Use cases about people: greeting, becoming a coach, time zones, plans."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from domain.errors import InvalidInput, NotAllowed, NotFound, RegistrationClosed
from domain.model import Coach, Plan, User
from domain.ports import UnitOfWork
from domain.timezones import parse_timezone

# Telegram user ids are positive and have at most 52 significant bits (Bot API docs).
TELEGRAM_ID_MAX = 2**52 - 1


def parse_user_id(text: str) -> int:
    """A Telegram user id typed or configured as digits; anything else is InvalidInput (an
    out-of-range number would otherwise overflow the database column)."""
    value = text.strip()
    if not value.isdecimal() or len(value) > 16 or not 0 < int(value) <= TELEGRAM_ID_MAX:
        raise InvalidInput("user id", "user_id_invalid")
    return int(value)


@dataclass(frozen=True)
class CoachPolicy:
    """Who may coach and administer, from the settings."""

    coach_ids: frozenset[int] = field(default_factory=frozenset)
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    registration_open: bool = False
    default_plan: Plan = Plan.FREE
    default_timezone: str = "UTC"


@dataclass(frozen=True)
class Greeting:
    """What /start shows: the user, and their coach profile if they are one."""

    user: User
    coach: Coach | None


def make_slug(name: str) -> str:
    """A readable, unguessable-enough booking-page slug: `anna-x3k9q2`."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:20] or "coach"
    return f"{base}-{secrets.token_hex(3)}"


async def ensure_user(uow: UnitOfWork, user_id: int, first_name: str) -> User:
    """The person as stored (registered if new, name refreshed), in an open unit of work."""
    user = await uow.users.get(user_id)
    if user is None:
        user = User(telegram_id=user_id, first_name=first_name[:64])
        await uow.users.add(user)
    elif first_name and user.first_name != first_name[:64]:
        user.first_name = first_name[:64]
        await uow.users.save(user)
    return user


async def _create_coach(uow: UnitOfWork, user: User, policy: CoachPolicy, now: datetime) -> Coach:
    if user.timezone is None:
        user.timezone = policy.default_timezone
        await uow.users.save(user)
    slug = make_slug(user.first_name)
    while await uow.coaches.by_slug(slug) is not None:  # pragma: no cover - 2**24 space
        slug = make_slug(user.first_name)
    coach = Coach(
        user_id=user.telegram_id,
        slug=slug,
        plan=policy.default_plan,
        display_name=user.first_name or "Coach",
        timezone=user.timezone,
        created_at=now,
    )
    await uow.coaches.add(coach)
    # A concurrent update may have made them a coach first: theirs is the profile that counts.
    return await uow.coaches.get(user.telegram_id) or coach


async def greet(
    uow: UnitOfWork, user_id: int, first_name: str, policy: CoachPolicy, now: datetime
) -> Greeting:
    """Register the person if new; a listed coach gets their coach profile created."""
    async with uow:
        user = await ensure_user(uow, user_id, first_name)
        coach = await uow.coaches.get(user_id)
        if coach is None and user_id in policy.coach_ids:
            coach = await _create_coach(uow, user, policy, now)
        await uow.commit()
    return Greeting(user=user, coach=coach)


async def become_coach(
    uow: UnitOfWork, user_id: int, first_name: str, policy: CoachPolicy, now: datetime
) -> tuple[Coach, bool]:
    """Make the person a coach (open registration or listed); returns (coach, created)."""
    async with uow:
        user = await ensure_user(uow, user_id, first_name)
        coach = await uow.coaches.get(user_id)
        if coach is not None:
            await uow.commit()
            return coach, False
        if not (policy.registration_open or user_id in policy.coach_ids):
            raise RegistrationClosed()
        coach = await _create_coach(uow, user, policy, now)
        await uow.commit()
    return coach, True


async def get_coach(uow: UnitOfWork, user_id: int) -> Coach | None:
    """The coach profile of this user, if any."""
    async with uow:
        return await uow.coaches.get(user_id)


async def set_timezone(uow: UnitOfWork, user_id: int, first_name: str, text: str) -> str:
    """Validate and store the person's IANA time zone; returns its canonical name."""
    zone = parse_timezone(text)
    async with uow:
        user = await ensure_user(uow, user_id, first_name)
        user.timezone = zone
        await uow.users.save(user)
        await uow.commit()
    return zone


async def set_plan(
    uow: UnitOfWork, admin_id: int, coach_user_id: int, plan_text: str, policy: CoachPolicy
) -> Coach:
    """An admin moves a coach to another plan."""
    if admin_id not in policy.admin_ids:
        raise NotAllowed()
    try:
        plan = Plan(plan_text.strip().lower())
    except ValueError as exc:
        raise InvalidInput("plan", "plan_unknown") from exc
    async with uow:
        coach = await uow.coaches.get(coach_user_id)
        if coach is None:
            raise NotFound()
        coach.plan = plan
        await uow.coaches.save(coach)
        await uow.commit()
    return coach


async def language_of(uow: UnitOfWork, user_id: int) -> str | None:
    """The language the person chose or was first seen with; None before their first update."""
    async with uow:
        user = await uow.users.get(user_id)
    return user.language if user is not None else None


async def set_language(uow: UnitOfWork, user_id: int, language: str) -> None:
    """Stores the person's language (registering them, nameless, if they are new)."""
    async with uow:
        await uow.users.set_language(user_id, language)
        await uow.commit()
