"""/packages: the coach's paged list, one package, hide/unhide, delete and its direct link.

Editing and cloning open the package flow (bot/handlers/new_package.py). The use case runs
before the button is answered: a refusal (NotFound for someone else's id) then reaches the
error handler, which answers the button and says so.
"""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.catalog import new_package
from bot.catalog import new_package_views as flow_views
from bot.catalog import packages_views as views
from bot.catalog.buttons import (
    PACKAGE_DELETE,
    PACKAGE_DELETE_YES,
    PACKAGE_HIDE,
    PACKAGE_LINK,
    PACKAGE_LIST,
    PACKAGE_SHOW,
    PACKAGE_VIEW,
    Hiding,
)
from bot.kit.context import BotContext
from bot.kit.deeplinks import LinkKind, link
from bot.kit.replies import Route, buttons, quiet_edit, register, reply, user_id
from domain.catalog.model import Package
from domain.catalog.packages import delete_package, get_package, list_packages, set_package_hidden
from i18n import _


def _query(update: Update) -> CallbackQuery:
    assert update.callback_query is not None
    return update.callback_query


async def _show(
    update: Update, text: str, keyboard: InlineKeyboardMarkup, note: str | None = None
) -> None:
    """Answers the button (with `note`, if any) and replaces the pressed message, so browsing
    does not flood the chat."""
    query = _query(update)
    await query.answer(note)
    await quiet_edit(query.edit_message_text(text, reply_markup=keyboard))


async def _package(update: Update, context: BotContext, package_id: int) -> Package:
    return await get_package(context.uow(write=False), user_id(update), package_id)


async def packages_command(update: Update, context: BotContext) -> None:
    """The coach gets the first page of their packages."""
    await register(update, context)
    page = await list_packages(context.uow(write=False), user_id(update), 1, views.PER_PAGE)
    await reply(update, views.list_text(page), reply_markup=views.list_keyboard(page))


async def list_page(update: Update, context: BotContext, number: int) -> None:
    """The coach gets another page of the list (◀ ▶), in the same message."""
    page = await list_packages(context.uow(write=False), user_id(update), number, views.PER_PAGE)
    await _show(update, views.list_text(page), views.list_keyboard(page))


async def view(update: Update, context: BotContext, package_id: int) -> None:
    """The coach sees one package with what they can do with it."""
    package = await _package(update, context, package_id)
    await _show(update, views.package_text(package), views.package_keyboard(package))


async def hide(update: Update, context: BotContext, press: Hiding) -> None:
    """The coach hides a package from the booking page (its link still works), or shows it."""
    hidden = press.hidden
    package = await set_package_hidden(context.uow(), user_id(update), press.package, hidden)
    note = _(views.HIDDEN_NOTE if hidden else views.SHOWN_NOTE)
    await _show(update, views.package_text(package, note), views.package_keyboard(package), note)


async def ask_delete(update: Update, context: BotContext, package_id: int) -> None:
    """The coach is asked before a package is deleted."""
    package = await _package(update, context, package_id)
    await _show(update, views.delete_question(package), views.delete_keyboard(package))


async def delete(update: Update, context: BotContext, package_id: int) -> None:
    """Soft-deletes the package after the coach confirmed (what was sold keeps working)."""
    package = await delete_package(context.uow(), user_id(update), package_id, context.now())
    await _show(update, views.deleted_text(package), views.back_to_list())


async def share_link(update: Update, context: BotContext, package_id: int) -> None:
    """The coach gets the package's direct link (`?start=p_<public id>`), hidden or not."""
    package = await _package(update, context, package_id)
    await _query(update).answer()
    url = link(context.bot_username, LinkKind.PACKAGE, package.public_id)
    await reply(update, views.link_text(package, url))


async def stale(update: Update, context: BotContext) -> None:
    """A button of a closed form or an old screen: say so instead of spinning."""
    query = update.callback_query
    assert query is not None
    closed = (query.data or "").startswith("np:")
    await query.answer(_(flow_views.NOT_IN_FLOW if closed else views.STALE_BUTTON))


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(new_package.build())
    app.add_handler(CommandHandler("packages", packages_command))
    # Each answers its button after its use case: a refusal reaches the error handler first.
    app.add_handler(
        buttons(
            Route(PACKAGE_LIST, list_page),
            Route(PACKAGE_VIEW, view),
            Route(PACKAGE_HIDE, hide),
            Route(PACKAGE_SHOW, hide),
            Route(PACKAGE_DELETE, ask_delete),
            Route(PACKAGE_DELETE_YES, delete, once=True),
            Route(PACKAGE_LINK, share_link),
            answer=False,
            exact=True,
        )
    )
    app.add_handler(CallbackQueryHandler(stale, pattern=r"^(pkg|np):"))
