"""Users and coaches."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.model import DEFAULT_LANGUAGE, Coach, Plan, User
from persistence.models import CoachRow, UserRow
from persistence.upsert import insert_or_ignore


def _user(row: UserRow) -> User:
    return User(
        telegram_id=row.telegram_id,
        first_name=row.first_name,
        timezone=row.timezone,
        language=row.language,
    )


def _coach(row: CoachRow, user: UserRow) -> Coach:
    return Coach(
        user_id=row.user_id,
        slug=row.slug,
        plan=Plan(row.plan),
        display_name=row.display_name,
        timezone=user.timezone or "UTC",
        created_at=row.created_at,
    )


class SqlUsers:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, telegram_id: int) -> User | None:
        row = await self._session.get(UserRow, telegram_id)
        return _user(row) if row else None

    async def add(self, user: User) -> None:
        """Insert; a row that a concurrent update inserted first is kept as it is."""
        await self._session.execute(
            insert_or_ignore(self._session, UserRow, ["telegram_id"]).values(
                telegram_id=user.telegram_id,
                first_name=user.first_name,
                timezone=user.timezone,
                language=user.language,
            )
        )

    async def save(self, user: User) -> None:
        row = await self._session.get(UserRow, user.telegram_id)
        if row is None:
            await self.add(user)
            return
        row.first_name = user.first_name
        row.timezone = user.timezone
        if user.language is not None:  # a language read before it was set is not a reset
            row.language = user.language
        await self._session.flush()

    async def languages(self, ids: Iterable[int]) -> dict[int, str]:
        wanted = set(ids)
        found: dict[int, str] = {}
        if wanted:
            stmt = select(UserRow.telegram_id, UserRow.language).where(
                UserRow.telegram_id.in_(wanted), UserRow.language.is_not(None)
            )
            found = {
                user_id: language or DEFAULT_LANGUAGE
                for user_id, language in await self._session.execute(stmt)
            }
        return {user_id: found.get(user_id, DEFAULT_LANGUAGE) for user_id in wanted}

    async def set_language(self, user_id: int, language: str) -> None:
        """Registers them (no name yet: the next greeting fills it) if new, then sets it."""
        await self._session.execute(
            insert_or_ignore(self._session, UserRow, ["telegram_id"]).values(
                telegram_id=user_id, first_name="", language=language
            )
        )
        await self._session.execute(
            update(UserRow).where(UserRow.telegram_id == user_id).values(language=language)
        )


class SqlCoaches:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _one(self, *where: object) -> Coach | None:
        stmt = select(CoachRow, UserRow).join(UserRow, UserRow.telegram_id == CoachRow.user_id)
        found = (await self._session.execute(stmt.where(*where))).first()  # type: ignore[arg-type]
        return _coach(found[0], found[1]) if found else None

    async def get(self, user_id: int) -> Coach | None:
        return await self._one(CoachRow.user_id == user_id)

    async def by_slug(self, slug: str) -> Coach | None:
        return await self._one(CoachRow.slug == slug)

    async def add(self, coach: Coach) -> None:
        """Insert; if a concurrent update made this user a coach first, that profile stays
        (read it back with `get`). A taken slug still fails: the caller picks another."""
        await self._session.execute(
            insert_or_ignore(self._session, CoachRow, ["user_id"]).values(
                user_id=coach.user_id,
                slug=coach.slug,
                plan=coach.plan.value,
                display_name=coach.display_name,
                created_at=coach.created_at,
            )
        )

    async def save(self, coach: Coach) -> None:
        row = await self._session.get(CoachRow, coach.user_id)
        if row is None:
            raise LookupError(f"coach {coach.user_id} does not exist")
        row.plan = coach.plan.value
        row.display_name = coach.display_name
        await self._session.flush()

    async def all_user_ids(self) -> list[int]:
        return list((await self._session.scalars(select(CoachRow.user_id))).all())
