"""/series and the buttons of a series: paged list, view with upcoming dates, hide/unhide,
delete. Callback data `ser:<action>:<id>[:<arg>]`; `ser:list:<page>` is also what the coach
home sends. Dates (and the series screen that lists them) are in series_dates.py, the
/newseries and edit flows in series_flows.py.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers import series_dates, series_flows
from bot.handlers.catalog_common import (
    Action,
    greet_coach,
    router,
    show,
    stale_button,
    user_id,
)
from bot.handlers.series_dates import show_series
from bot.views import series as views
from bot.views.catalog import PER_PAGE, Callback
from domain.catalog.series import (
    delete_series,
    get_series,
    list_series,
    series_usage,
    set_series_hidden,
)


async def list_command(update: Update, context: BotContext) -> None:
    """The coach gets the first page of their series."""
    await greet_coach(update, context)
    await show_list(update, context, 1)


async def show_list(update: Update, context: BotContext, page_number: int) -> None:
    page = await list_series(context.uow(), user_id(update), page_number, PER_PAGE)
    await show(update, views.list_text(page), views.list_keyboard(page))


async def list_page(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach pages through their series in the same message."""
    await show_list(update, context, cb.item_id)


async def view(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach sees one series, its upcoming dates with seats taken, and its buttons."""
    await show_series(update, context, cb.item_id)


async def hide(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach hides a series (also "Hide instead" of deleting it)."""
    await set_series_hidden(context.uow(), user_id(update), cb.item_id, True)
    await show_series(update, context, cb.item_id, views.HIDDEN_NOTE)


async def unhide(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach shows a hidden series again."""
    await set_series_hidden(context.uow(), user_id(update), cb.item_id, False)
    await show_series(update, context, cb.item_id, views.SHOWN_NOTE)


async def ask_delete(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach learns what a delete would touch and picks Delete, Hide instead or Keep."""
    series = await get_series(context.uow(), user_id(update), cb.item_id)
    usage = await series_usage(context.uow(), user_id(update), cb.item_id)
    await show(update, views.delete_question(series, usage), views.delete_keyboard(series))


async def delete(update: Update, context: BotContext, cb: Callback) -> None:
    """The coach deletes the series (soft); packages holding only it are hidden."""
    series = await get_series(context.uow(), user_id(update), cb.item_id)
    hidden = await delete_series(context.uow(), user_id(update), cb.item_id, context.now())
    await show(update, views.deleted_text(series, hidden), views.back_to_list())


ACTIONS: dict[str, Action] = {
    "list": list_page,
    "view": view,
    "hide": hide,
    "show": unhide,
    "del": ask_delete,
    "delok": delete,
}


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    """Flows first, so their entry buttons (edit, add dates) win over the router."""
    app.add_handler(series_flows.new_series())
    app.add_handler(series_flows.edit_series())
    for handler in series_dates.handlers():
        app.add_handler(handler)
    app.add_handler(CommandHandler("series", list_command))
    app.add_handler(CallbackQueryHandler(router(views.SER, ACTIONS), pattern=f"^{views.SER}:"))
    app.add_handler(CallbackQueryHandler(stale_button, pattern=f"^{views.FLOW}:"))
