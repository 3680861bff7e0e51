"""Registers selling's handlers (flows first: their entry buttons share `sold:`)."""

from __future__ import annotations

from telegram.ext import Application

from bot.selling import access, buying, desk, extend_requests, flows, refunds, transfers


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    for conversation in flows.build():
        app.add_handler(conversation)
    buying.add_handlers(app)
    access.add_handlers(app)
    desk.add_handlers(app)
    extend_requests.add_handlers(app)
    refunds.add_handlers(app)
    transfers.add_handlers(app)
