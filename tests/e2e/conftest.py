"""End-to-end harness: the real Application (the factory `packages-bot` uses), polling a local
fake Bot API server over HTTP, on the test database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from bootstrap.app import build_application
from bot.config import load_settings
from bot.kit.context import PackagesApplication
from tests.support.fake_bot_api import FakeBotApi

COACH = 1001
CLIENT = 2002
ADMIN = 9009
OTHER_COACH = 1002


@dataclass
class Clock:
    """A settable clock the Application reads instead of the wall clock."""

    now: datetime = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@dataclass
class BotHarness:
    api: FakeBotApi
    database_url: str
    clock: Clock = field(default_factory=Clock)
    settings_overrides: dict[str, Any] = field(default_factory=dict)
    app: PackagesApplication | None = None
    persistence_interval: float = 0.2

    async def start(self, **overrides: Any) -> PackagesApplication:
        self.settings_overrides.update(overrides)
        settings = load_settings(
            _env_file=None,
            telegram_bot_token=self.api.token,
            telegram_api_base_url=self.api.root,
            database_url=self.database_url,
            coach_telegram_ids=f"{COACH},{OTHER_COACH}",
            admin_telegram_ids=str(ADMIN),
            **self.settings_overrides,
        )
        app = build_application(
            settings, clock=self.clock, persistence_interval=self.persistence_interval
        )
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        self.app = app
        return app

    async def stop(self) -> None:
        app, self.app = self.app, None
        if app is None:
            return
        assert app.updater is not None
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()

    async def restart(self) -> PackagesApplication:
        await self.stop()
        return await self.start()

    async def restart_with(self, **overrides: Any) -> PackagesApplication:
        """The same bot started again with other settings (say WEB_BASE_URL)."""
        await self.stop()
        return await self.start(**overrides)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        yield fake


@pytest.fixture
async def harness(api: FakeBotApi, database_url: str) -> AsyncIterator[BotHarness]:
    harness = BotHarness(api=api, database_url=database_url)
    await harness.start()
    yield harness
    await harness.stop()
    assert api.server_errors == []
