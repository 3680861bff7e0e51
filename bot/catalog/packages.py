"""/packages: the coach's paged list, one package, hide/unhide, delete and its direct link.

Editing and cloning open the package flow (bot/handlers/new_package.py). The use case runs
before the button is answered: a refusal (NotFound for someone else's id) then reaches the
error handler, which answers the button and says so.
"""

from __future__ import annotations

import re

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.catalog import new_package
from bot.catalog import new_package_views as flow_views
from bot.catalog import packages_views as views
from bot.kit.context import BotContext
from bot.kit.deeplinks import LinkKind, link
from bot.kit.replies import acts_once, quiet_edit, register, reply, user_id
from domain.catalog.packages import delete_package, get_package, list_packages, set_package_hidden

LIST = re.compile(r"^pkg:list:(\d{1,4})$")
VIEW = re.compile(r"^pkg:view:(\d{1,9})$")
HIDE = re.compile(r"^pkg:(hide|show):(\d{1,9})$")
DELETE = re.compile(r"^pkg:del:(\d{1,9})$")
DELETE_CONFIRMED = re.compile(r"^pkg:del:(\d{1,9}):yes$")
LINK = re.compile(r"^pkg:link:(\d{1,9})$")


def _button(update: Update, pattern: re.Pattern[str]) -> tuple[CallbackQuery, re.Match[str]]:
    query = update.callback_query
    assert query is not None and query.data is not None
    match = pattern.match(query.data)
    assert match is not None
    return query, match


async def _show(query: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup) -> None:
    """Replaces the pressed message, so browsing does not flood the chat."""
    await quiet_edit(query.edit_message_text(text, reply_markup=keyboard))


async def packages_command(update: Update, context: BotContext) -> None:
    """The coach gets the first page of their packages."""
    await register(update, context)
    page = await list_packages(context.uow(write=False), user_id(update), 1, views.PER_PAGE)
    await reply(update, views.list_text(page), reply_markup=views.list_keyboard(page))


async def list_page(update: Update, context: BotContext) -> None:
    """The coach gets another page of the list (◀ ▶), in the same message."""
    query, match = _button(update, LIST)
    page = await list_packages(
        context.uow(write=False), user_id(update), int(match[1]), views.PER_PAGE
    )
    await query.answer()
    await _show(query, views.list_text(page), views.list_keyboard(page))


async def view(update: Update, context: BotContext) -> None:
    """The coach sees one package with what they can do with it."""
    query, match = _button(update, VIEW)
    package = await get_package(context.uow(write=False), user_id(update), int(match[1]))
    await query.answer()
    await _show(query, views.package_text(package), views.package_keyboard(package))


async def hide(update: Update, context: BotContext) -> None:
    """The coach hides a package from the booking page (its link still works), or shows it."""
    query, match = _button(update, HIDE)
    hidden = match[1] == "hide"
    package = await set_package_hidden(context.uow(), user_id(update), int(match[2]), hidden)
    note = views.HIDDEN_NOTE if hidden else views.SHOWN_NOTE
    await query.answer(note)
    await _show(query, views.package_text(package, note), views.package_keyboard(package))


async def ask_delete(update: Update, context: BotContext) -> None:
    """The coach is asked before a package is deleted."""
    query, match = _button(update, DELETE)
    package = await get_package(context.uow(write=False), user_id(update), int(match[1]))
    await query.answer()
    await _show(query, views.delete_question(package), views.delete_keyboard(package))


async def delete(update: Update, context: BotContext) -> None:
    """Soft-deletes the package after the coach confirmed (what was sold keeps working)."""
    query, match = _button(update, DELETE_CONFIRMED)
    package = await delete_package(context.uow(), user_id(update), int(match[1]), context.now())
    await query.answer()
    await _show(query, views.deleted_text(package), views.back_to_list())


async def share_link(update: Update, context: BotContext) -> None:
    """The coach gets the package's direct link (`?start=p_<public id>`), hidden or not."""
    query, match = _button(update, LINK)
    package = await get_package(context.uow(write=False), user_id(update), int(match[1]))
    await query.answer()
    url = link(context.bot_username, LinkKind.PACKAGE, package.public_id)
    await reply(update, views.link_text(package, url))


async def stale(update: Update, context: BotContext) -> None:
    """A button of a closed form or an old screen: say so instead of spinning."""
    query = update.callback_query
    assert query is not None
    closed = (query.data or "").startswith("np:")
    await query.answer(flow_views.NOT_IN_FLOW if closed else views.STALE_BUTTON)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(new_package.build())
    app.add_handler(CommandHandler("packages", packages_command))
    app.add_handler(CallbackQueryHandler(list_page, pattern=LIST))
    app.add_handler(CallbackQueryHandler(view, pattern=VIEW))
    app.add_handler(CallbackQueryHandler(hide, pattern=HIDE))
    app.add_handler(CallbackQueryHandler(ask_delete, pattern=DELETE))
    app.add_handler(CallbackQueryHandler(acts_once(delete), pattern=DELETE_CONFIRMED))
    app.add_handler(CallbackQueryHandler(share_link, pattern=LINK))
    app.add_handler(CallbackQueryHandler(stale, pattern=r"^(pkg|np):"))
