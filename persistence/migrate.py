"""Upgrade the schema to Alembic head (run at start-up and by `packages-bot migrate`)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


class DatabaseUnreachable(Exception):
    """No connection to DATABASE_URL (down, wrong host or port, refused credentials)."""


class MigrationFailed(Exception):
    """Connected, but the schema could not be upgraded (e.g. a revision this code lacks)."""


def upgrade_to_head(url: str) -> None:
    """Blocking; runs its own event loop, so call it outside one (or via `upgrade_async`).
    Failures are DatabaseUnreachable or MigrationFailed, worded for the person starting it."""
    try:
        command.upgrade(alembic_config(url), "head")
    except (OSError, InterfaceError, OperationalError) as exc:
        raise DatabaseUnreachable(_first_line(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - Alembic raises many kinds; all mean "failed"
        raise MigrationFailed(_first_line(exc)) from exc


def _first_line(exc: BaseException) -> str:
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    text = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {text[0]}" if text else type(cause).__name__


async def upgrade_async(url: str) -> None:
    await asyncio.to_thread(upgrade_to_head, url)
