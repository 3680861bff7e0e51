"""The web server in the bot's process (when WEB_BASE_URL is set): one uvicorn server on
WEB_LISTEN:WEB_PORT serving the Mini App, the feeds, /healthz, /metrics and, in webhook
mode, Telegram's webhook (PTB's custom-webhook pattern: the route hands updates to the
Application's queue, the inbox's, so an update is stored before Telegram gets its 200).

A standby serves /healthz and /metrics only, saying it stands by, from a thread of its own
while it waits for the lock; once active it serves everything. On one machine the active
process holds the port, so a standby there serves nothing (logged) until it takes over.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial
from typing import Any, cast
from urllib.parse import urlparse

import uvicorn
from starlette.applications import Starlette
from telegram import Update

from bot.booking.holder_notify import mini_app_change
from bot.booking.holder_views import moment
from bot.booking.schedule_notify import mini_app_cancelled, mini_app_moved, mini_app_no_show
from bot.config import Settings
from bot.kit.context import PackagesApplication
from bot.kit.errors import describe
from bot.selling.desk import mini_app_expiry_changed, mini_app_link_revoked
from domain.booking.feeds import FeedUnitOfWork
from domain.booking.manage import Cancelled
from domain.booking.model import SessionBooking
from domain.booking.telling import Told
from persistence.db import create_engine, session_factory
from persistence.health import DatabaseProbe
from web import calendar_api, desk_api, desk_week, feeds, pages
from web.app import active_app, standby_app
from web.deps import Notices, WebDeps, Wording
from web.health import Health
from web.webhook import Webhook

log = logging.getLogger("packages-bot")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGABRT)


class EmbeddedServer(uvicorn.Server):
    """uvicorn inside the bot's run: the bot's own loop handles stop signals."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def bind(settings: Settings) -> socket.socket | None:
    """The listening socket on WEB_LISTEN:WEB_PORT, or None when the port is taken."""
    host, port = settings.web_address()
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        log.warning("cannot listen on %s:%s (%s)", host, port, exc)
        return None
    sock.listen(128)
    sock.setblocking(False)
    return sock


def server(app: Starlette) -> EmbeddedServer:
    # No access log: feed addresses carry their secret in the path.
    config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="off")
    return EmbeddedServer(config)


@contextlib.contextmanager
def standby_health(settings: Settings, clock: Callable[[], datetime]) -> Iterator[None]:
    """While the body waits for the lock: /healthz and /metrics answer `standby`."""
    sock = bind(settings)
    if sock is None:
        yield
        return
    # Built here, before the thread starts, so stopping can never miss it: a lock taken at once
    # used to end the wait before the thread had made its server, which then served on.
    engine = create_engine(settings.database_url)
    probe = DatabaseProbe(session_factory(engine), clock)
    standby = server(standby_app(Health(lambda: "standby", probe.reachable)))

    async def serve() -> None:
        try:
            await standby.serve([sock])
        finally:
            await engine.dispose()

    thread = threading.Thread(target=lambda: asyncio.run(serve()), name="standby-web", daemon=True)
    thread.start()
    try:
        yield
    finally:
        standby.should_exit = True
        thread.join(timeout=10)
        sock.close()


def webhook_of(app: PackagesApplication, settings: Settings) -> Webhook:
    async def deliver(data: dict[str, Any]) -> None:
        try:
            update = Update.de_json(data, app.bot)
        except Exception as exc:  # noqa: BLE001 - whatever PTB cannot read is a bad request
            raise ValueError("not a Telegram update") from exc
        await app.update_queue.put(update)  # the inbox: returns once stored

    path = urlparse(settings.webhook_url).path
    return Webhook(path, settings.webhook_secret.get_secret_value(), deliver)


def web_deps(app: PackagesApplication, settings: Settings) -> WebDeps:
    """What web/ is given: the bot's units of work, clock and words, and its notices."""
    assert settings.telegram_bot_token is not None
    deps = app.deps

    async def booked(told: Told[SessionBooking]) -> None:
        await mini_app_change(app, "booked", told.done, told.parties)

    async def cancelled(told: Told[Cancelled]) -> None:
        done = told.done
        await mini_app_change(app, "cancelled", done.booking, told.parties, done.unit_returned)

    async def moved(told: Told[SessionBooking]) -> None:
        await mini_app_change(app, "moved", told.done, told.parties)

    return WebDeps(
        bot_token=settings.telegram_bot_token.get_secret_value(),
        base_url=settings.web_base_url,
        uow=lambda write: cast(FeedUnitOfWork, deps.uow_factory(write)),
        clock=deps.clock,
        reminders=settings.reminder_offsets(),
        wording=Wording(lambda error: html.unescape(describe(error)), moment),
        notices=Notices(
            booked,
            cancelled,
            moved,
            partial(mini_app_cancelled, app),
            partial(mini_app_no_show, app),
            partial(mini_app_moved, app),
            partial(mini_app_expiry_changed, app),
            partial(mini_app_link_revoked, app),
        ),
        bot_username=lambda: app.bot.username,
        waitlist_hold=settings.waitlist_hold,
    )


def web_app_for(app: PackagesApplication, settings: Settings, probe: DatabaseProbe) -> Starlette:
    """The active process's web app over the bot's Application (tests build the same)."""
    hook = webhook_of(app, settings) if settings.webhook_url else None
    health = Health(lambda: "active", probe.reachable, probe.pending_reminders)
    web = web_deps(app, settings)
    more = [
        *pages.routes(web),
        *calendar_api.routes(web),
        *desk_week.routes(web),
        *desk_api.routes(web),
        *feeds.routes(lambda: web.uow(False), web.clock, web.bot_username),
    ]
    return active_app(health, hook, more)


async def run_with_web(
    app: PackagesApplication, settings: Settings, clock: Callable[[], datetime]
) -> None:
    """Runs the bot (polling, or webhook mode) and the web server until a stop signal."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    engine = create_engine(settings.database_url)
    web = web_app_for(app, settings, DatabaseProbe(session_factory(engine), clock))
    sock = bind(settings)
    if sock is None:
        raise OSError(f"cannot listen on {settings.web_address()} (WEB_LISTEN/WEB_PORT)")
    try:
        async with app:
            await start_updates(app, settings)
            await app.start()
            web_server = server(web)
            serving = asyncio.create_task(web_server.serve([sock]))
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
            web_server.should_exit = True
            await serving
            stopping.cancel()
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            await app.stop()
    finally:
        sock.close()
        await engine.dispose()


async def start_updates(app: PackagesApplication, settings: Settings) -> None:
    """Polling, or registering the webhook (served by the web server's route)."""
    if settings.webhook_url:
        await app.bot.set_webhook(
            url=settings.webhook_url,
            allowed_updates=Update.ALL_TYPES,
            secret_token=settings.webhook_secret.get_secret_value(),
        )
        return
    assert app.updater is not None
    await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
