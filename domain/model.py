"""People: users, coaches and their plans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Plan(StrEnum):
    FREE = "free"
    GROWTH = "growth"
    PRO = "pro"

    @property
    def allows_time_limited_packages(self) -> bool:
        return self in (Plan.GROWTH, Plan.PRO)


# What people read until they choose (and what the code is written in).
DEFAULT_LANGUAGE = "en"


@dataclass
class User:
    """Anyone who talked to the bot. `timezone` is None until they choose one; `language`
    ("en", "de", ...) is None until their first update is seen."""

    telegram_id: int
    first_name: str
    timezone: str | None = None
    language: str | None = None


@dataclass
class Coach:
    """A user who sells. Their time zone is their user's (set to the default when they start)."""

    user_id: int
    slug: str
    plan: Plan
    display_name: str
    timezone: str
    created_at: datetime
