"""The two bots the load benchmark compares, and the database they start from.

`project_app` is the Application exactly as `packages-bot` builds it (same factory). The bare
bot is python-telegram-bot with `concurrent_updates=True` and `AIORateLimiter`, answering the
same two steps (open the booking link, press a package) with one message each.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import make_url
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from bootstrap.app import build_application
from bot.config import load_settings
from domain.accounts import CoachPolicy, greet
from domain.catalog.drafts import PackageDraft
from domain.catalog.model import ItemKind, PackageItem
from domain.catalog.packages import create_package
from domain.catalog.services import ServiceDraft, create_service
from persistence.db import create_engine, is_sqlite, session_factory
from persistence.migrate import upgrade_async
from persistence.models import UserRow
from persistence.uow import SqlUnitOfWork
from tests.support.fake_bot_api import FakeBotApi

COACH = 1001
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
PACKAGE_TITLE = "Starter"


async def fresh_database(url: str) -> None:
    """An empty schema at Alembic head (the given database is wiped)."""
    if is_sqlite(url):
        database = make_url(url).database or ""
        for suffix in ("", "-wal", "-shm"):
            await asyncio.to_thread(Path(f"{database}{suffix}").unlink, missing_ok=True)
    else:
        engine = create_engine(url)
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()
    await upgrade_async(url)


async def seed_catalog(url: str) -> str:
    """A coach with one service and one package on the booking page; returns the slug."""
    engine = create_engine(url)
    sessions = session_factory(engine)
    policy = CoachPolicy(coach_ids=frozenset({COACH}))
    try:
        greeting = await greet(SqlUnitOfWork(sessions), COACH, "Anna", policy, NOW)
        assert greeting.coach is not None
        draft = ServiceDraft("Private lesson", "One hour, one to one", 60)
        service = await create_service(SqlUnitOfWork(sessions), COACH, draft)
        assert service.id is not None
        package = PackageDraft(
            title=PACKAGE_TITLE,
            items=[PackageItem(ItemKind.SERVICE, service.id, 5)],
            price_minor=0,
            currency="EUR",
        )
        await create_package(SqlUnitOfWork(sessions), COACH, package, NOW)
        return greeting.coach.slug
    finally:
        await engine.dispose()


async def seed_users(url: str, count: int, first_id: int = 10_000_000) -> None:
    """People who once used the bot: a user row each (finished flows store nothing else)."""
    engine = create_engine(url)
    try:
        for start in range(first_id, first_id + count, 5000):
            rows = [
                {"telegram_id": i, "first_name": f"User {i}", "timezone": None}
                for i in range(start, min(start + 5000, first_id + count))
            ]
            async with engine.begin() as conn:
                await conn.execute(insert(UserRow), rows)
    finally:
        await engine.dispose()


def project_app(
    api: FakeBotApi, url: str, inbox: bool = True
) -> Application[Any, Any, Any, Any, Any, Any]:
    """`inbox=False` only to show what storing each update first costs."""
    settings = load_settings(
        _env_file=None,
        telegram_bot_token=api.token,
        telegram_api_base_url=api.root,
        database_url=url,
        coach_telegram_ids=str(COACH),
    )
    return build_application(settings, inbox=inbox)


async def _bare_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(PACKAGE_TITLE, callback_data="p")]])
    await update.effective_message.reply_text("Anna — packages", reply_markup=keyboard)


async def _bare_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    await query.answer()
    await context.bot.send_message(query.message.chat.id, "Starter: 5 × Private lesson")


def bare_app(api: FakeBotApi) -> Application[Any, Any, Any, Any, Any, Any]:
    app = (
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .concurrent_updates(True)
        .rate_limiter(AIORateLimiter())
        .build()
    )
    app.add_handler(CommandHandler("start", _bare_start))
    app.add_handler(CallbackQueryHandler(_bare_press))
    return app


@asynccontextmanager
async def polling(app: Application[Any, Any, Any, Any, Any, Any]) -> AsyncIterator[None]:
    """Runs the app as `run_polling` does (same poll interval and long-poll timeout)."""
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=10)
    try:
        yield
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
