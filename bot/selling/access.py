"""A sold package through its access link (`a_<token>`), again from a button, and /mypackages."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.booking.holder_package import show_package, show_screen
from bot.home.common import DEEP_LINK_ROUTES
from bot.kit.context import BotContext
from bot.kit.deeplinks import DeepLink, LinkKind
from bot.kit.replies import Route, buttons, register, show, user_id
from bot.selling import views
from bot.selling.buttons import MINE_PAGE, OPEN_MINE
from domain.booking.holder import open_package
from domain.selling.access import my_packages


async def open_access_link(update: Update, context: BotContext, target: DeepLink) -> None:
    """Whoever has the link sees what is left, the expiry in their zone, the status, a Book
    button per bookable item and the sessions to come (see bot/booking/holder.py)."""
    user = update.effective_user
    assert user is not None
    now = context.now()
    screen = await open_package(
        context.uow(), user.id, user.first_name, target.value, now, context.reminders
    )
    await show_screen(update, context, screen, now, new=True)


async def open_pressed(update: Update, context: BotContext, sold_id: int) -> None:
    """A holder opens one of their sold packages from a button."""
    await show_package(update, context, sold_id, new=True)


async def mypackages_command(update: Update, context: BotContext) -> None:
    """The person gets their sold packages, newest first."""
    await register(update, context)
    await _page(update, context, 1)


async def page_turned(update: Update, context: BotContext, number: int) -> None:
    """Another page of /mypackages, in the same message."""
    await _page(update, context, number)


async def _page(update: Update, context: BotContext, number: int) -> None:
    uow, now = context.uow(write=False), context.now()
    page, zone = await my_packages(uow, user_id(update), number, views.PER_PAGE, now)
    shown_zone = zone or context.deps.settings.default_timezone
    await show(update, views.mine_text(page, shown_zone), views.mine_keyboard(page))


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    DEEP_LINK_ROUTES[LinkKind.ACCESS] = open_access_link
    app.add_handler(CommandHandler("mypackages", mypackages_command))
    app.add_handler(buttons(Route(OPEN_MINE, open_pressed), Route(MINE_PAGE, page_turned)))
