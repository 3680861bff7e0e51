"""What clients open through links: a coach's booking page (`c_<slug>`) and one package
(`p_<public id>`, hidden or not) with its Buy button, or the coach's own actions."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application

from bot.catalog import storefront_views as views
from bot.catalog.buttons import SHOP_PACKAGE, SHOP_PAGE, ShopPage
from bot.home.common import DEEP_LINK_ROUTES
from bot.kit.context import BotContext
from bot.kit.deeplinks import DeepLink, LinkKind
from bot.kit.replies import Route, buttons, quiet_edit, reply, user_id
from bot.selling import views as selling_views
from domain.catalog.storefront import booking_page, package_for_link
from domain.pagination import page_of


async def open_booking_page(update: Update, context: BotContext, target: DeepLink) -> None:
    """A client gets the coach's visible packages with their prices and sessions."""
    coach, packages = await booking_page(context.uow(write=False), target.value)
    page = page_of(packages, 1, views.PER_PAGE)
    text, keyboard = views.booking_page(coach, page), views.booking_keyboard(target.value, page)
    await reply(update, text, reply_markup=keyboard)


async def booking_page_turned(update: Update, context: BotContext, press: ShopPage) -> None:
    """Another page of the booking page (◀ ▶), in the same message."""
    query = update.callback_query
    assert query is not None
    coach, packages = await booking_page(context.uow(write=False), press.slug)
    page = page_of(packages, press.page, views.PER_PAGE)
    await query.answer()
    keyboard = views.booking_keyboard(press.slug, page)
    await quiet_edit(
        query.edit_message_text(views.booking_page(coach, page), reply_markup=keyboard)
    )


async def open_package(update: Update, context: BotContext, target: DeepLink) -> None:
    """A client gets one package's details, even a hidden one (its link is how it is sold)."""
    package = await package_for_link(context.uow(write=False), target.value)
    keyboard = selling_views.package_keyboard(package, user_id(update))
    await reply(update, views.package_page(package), reply_markup=keyboard)


async def package_button(update: Update, context: BotContext, public_id: str) -> None:
    """A package pressed on a booking page: its details, as its link would show them."""
    query = update.callback_query
    assert query is not None
    package = await package_for_link(context.uow(write=False), public_id)
    await query.answer()
    keyboard = selling_views.package_keyboard(package, user_id(update))
    await reply(update, views.package_page(package), reply_markup=keyboard)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    DEEP_LINK_ROUTES[LinkKind.COACH] = open_booking_page
    DEEP_LINK_ROUTES[LinkKind.PACKAGE] = open_package
    app.add_handler(
        buttons(
            Route(SHOP_PACKAGE, package_button),
            Route(SHOP_PAGE, booking_page_turned),
            answer=False,
            exact=True,
        )
    )
