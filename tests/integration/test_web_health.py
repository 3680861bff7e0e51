"""/healthz and /metrics over HTTP against a real database, and against one that is away."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
from starlette.applications import Starlette

from persistence.db import create_engine, session_factory
from persistence.health import DatabaseProbe
from web.app import active_app, standby_app
from web.health import Health

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


async def _get(app: object, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://web") as client:
        return await client.get(path)


@asynccontextmanager
async def active(database_url: str) -> AsyncIterator[Starlette]:
    """The active process's app (no more routes) probing the database at `database_url`."""
    engine = create_engine(database_url)
    try:
        probe = DatabaseProbe(session_factory(engine), lambda: NOW)
        yield active_app(
            Health(lambda: "active", probe.reachable, probe.pending_reminders), None, []
        )
    finally:
        await engine.dispose()


async def test_healthz_says_active_and_the_database_answers(database_url: str) -> None:
    async with active(database_url) as app:
        answer = await _get(app, "/healthz")
        assert (answer.status_code, answer.json()) == (200, {"role": "active", "database": "ok"})
        assert "default-src 'none'" in answer.headers["content-security-policy"]
        assert (
            "script-src 'self' https://telegram.org/js/telegram-web-app.js;"
            in (answer.headers["content-security-policy"])
        )
        metrics = await _get(app, "/metrics")
        assert "packages_bot_reminders_pending 0.0" in metrics.text


async def test_healthz_is_503_when_the_database_is_away(tmp_path: Path) -> None:
    async with active(f"sqlite+aiosqlite:///{tmp_path}/no/such/dir/bot.db") as app:
        answer = await _get(app, "/healthz")
        assert (answer.status_code, answer.json()) == (
            503,
            {"role": "active", "database": "unreachable"},
        )
        metrics = await _get(app, "/metrics")  # still answers, without the pending count
        assert metrics.status_code == 200
        assert "packages_bot_reminders_pending" not in metrics.text


async def test_a_standby_serves_health_and_metrics_only(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        probe = DatabaseProbe(session_factory(engine), lambda: NOW)
        app = standby_app(Health(lambda: "standby", probe.reachable))
        assert (await _get(app, "/healthz")).json() == {"role": "standby", "database": "ok"}
        assert 'packages_bot_role{role="standby"} 1.0' in (await _get(app, "/metrics")).text
        assert (await _get(app, "/app/calendar")).status_code == 404
    finally:
        await engine.dispose()
