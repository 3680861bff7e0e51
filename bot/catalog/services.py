"""/services and the buttons of a service: paged list, view, hide/unhide, delete.

Its buttons are `buttons.SERVICE`. What a service shares with a series is in
entry_actions.py; the /newservice and edit flows are in service_flows.py.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application

from bot.catalog import service_flows
from bot.catalog import services_views as views
from bot.catalog.entry_actions import EntryActions
from bot.kit.context import BotContext
from bot.kit.replies import show, user_id
from domain.catalog.model import Service
from domain.catalog.services import SERVICES


async def show_service(update: Update, context: BotContext, service_id: int, note: str) -> None:
    """One service with its buttons, in place of the pressed message."""
    service = await SERVICES.get(context.uow(write=False), user_id(update), service_id)
    await show(update, views.service_text(service, note), views.service_keyboard(service))


ACTIONS: EntryActions[Service] = EntryActions(
    screens=views.SCREENS, command="services", use_cases=SERVICES, show_entry=show_service
)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    ACTIONS.add_to(app, service_flows.NEW.build(), service_flows.EDIT.build())
