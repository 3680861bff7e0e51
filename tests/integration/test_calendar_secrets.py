"""Calendar addresses are secrets: unreadable in the database (on disk and in its rows) and
absent from every log line, also when reading them fails."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.kit.logs import RedactingFormatter, setup_logging
from tests.integration.booking_seed import NOW, seed_world
from tests.integration.calendar_steps import BOX, RecordingBot, connect_feed, sync_job
from tests.integration.catalog_seed import MakeUow
from tests.support.calendar_feeds import BERLIN_FEED, FeedState, feed_server

SECRET = "private-3f9c1e7b2d5a4c8e9f0a1b2c3d4e5f6a"


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Everything logged at DEBUG, formatted as the bot formats it."""
    root = logging.getLogger()
    before = root.handlers[:], root.level
    setup_logging(logging.DEBUG)
    captured = io.StringIO()
    handler = logging.StreamHandler(captured)
    handler.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    yield captured
    root.handlers[:], _ = before
    root.setLevel(before[1])


async def test_a_calendar_address_is_unreadable_in_the_database_and_absent_from_logs(
    make_uow: MakeUow, engine: AsyncEngine, database_url: str, log_lines: io.StringIO
) -> None:
    await seed_world(make_uow)
    state = FeedState(BERLIN_FEED)
    with feed_server(state) as url:
        secret_url = url.replace("calendar.ics", f"{SECRET}/basic.ics")
        await connect_feed(make_uow, secret_url)
        await sync_job(make_uow, NOW).run(RecordingBot())
        state.status = 500
        await sync_job(make_uow, NOW).run(RecordingBot())
    assert state.requests, "the feed was fetched"
    async with engine.connect() as conn:
        stored = (await conn.execute(text("SELECT secret, label FROM calendar_source"))).one()
    assert SECRET not in stored.secret and SECRET not in stored.label
    assert BOX.open(stored.secret).url == secret_url  # the key opens it again
    if database_url.startswith("sqlite"):
        files = Path(database_url.split("///", 1)[1]).parent.glob("test.db*")
        on_disk = b"".join(path.read_bytes() for path in files)
        assert SECRET.encode() not in on_disk
    logged = log_lines.getvalue()
    assert "calendar" in logged  # the failure was logged …
    assert SECRET not in logged  # … without the address
