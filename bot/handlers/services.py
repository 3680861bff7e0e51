"""/services and the buttons of a service: paged list, view, hide/unhide, delete.

Callback data `svc:<action>:<id>[:<arg>]`; `svc:list:<page>` is also what the coach home
sends. Editing a field is a small flow of its own (service_flows.py).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers import service_flows
from bot.handlers.catalog_common import (
    Action,
    greet_coach,
    router,
    show,
    stale_button,
    user_id,
)
from bot.views import services as views
from bot.views.catalog import PER_PAGE, Callback
from domain.catalog.services import (
    delete_service,
    get_service,
    list_services,
    service_usage,
    set_service_hidden,
)


async def list_command(update: Update, context: BotContext) -> None:
    """The coach gets the first page of their services."""
    await greet_coach(update, context)
    await show_list(update, context, 1)


async def show_list(update: Update, context: BotContext, page_number: int) -> None:
    page = await list_services(context.uow(), user_id(update), page_number, PER_PAGE)
    await show(update, views.list_text(page), views.list_keyboard(page))


async def list_page(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach pages through their services in the same message."""
    await show_list(update, context, cb.item_id)


async def view(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach sees one service with its buttons."""
    service = await get_service(context.uow(), user_id(update), cb.item_id)
    await show(update, views.service_text(service), views.service_keyboard(service))


async def hide(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach hides a service (also "Hide instead" of deleting it)."""
    service = await set_service_hidden(context.uow(), user_id(update), cb.item_id, True)
    await show(
        update, views.service_text(service, views.HIDDEN_NOTE), views.service_keyboard(service)
    )


async def unhide(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach shows a hidden service again."""
    service = await set_service_hidden(context.uow(), user_id(update), cb.item_id, False)
    await show(
        update, views.service_text(service, views.SHOWN_NOTE), views.service_keyboard(service)
    )


async def ask_delete(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach learns what a delete would touch and picks Delete, Hide instead or Keep."""
    service = await get_service(context.uow(), user_id(update), cb.item_id)
    usage = await service_usage(context.uow(), user_id(update), cb.item_id)
    await show(update, views.delete_question(service, usage), views.delete_keyboard(service))


async def delete(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach deletes the service (soft); packages holding only it are hidden."""
    service = await get_service(context.uow(), user_id(update), cb.item_id)
    hidden = await delete_service(context.uow(), user_id(update), cb.item_id, context.now())
    await show(update, views.deleted_text(service, hidden), views.back_to_list())


ACTIONS: dict[str, Action] = {
    "list": list_page,
    "view": view,
    "hide": hide,
    "show": unhide,
    "del": ask_delete,
    "delok": delete,
}


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    """Flows first, so their entry buttons (edit a field) win over the router."""
    app.add_handler(service_flows.new_service())
    app.add_handler(service_flows.edit_service())
    app.add_handler(CommandHandler("services", list_command))
    app.add_handler(CallbackQueryHandler(router(views.SVC, ACTIONS), pattern=f"^{views.SVC}:"))
    app.add_handler(CallbackQueryHandler(stale_button, pattern=f"^{views.FLOW}:"))
