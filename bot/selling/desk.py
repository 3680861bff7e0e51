"""/sold: the coach's sold packages (filtered, paged), one sold package, its access link,
history, expiry changes (confirmed, client told), revoking its link (confirmed; every holder
loses it, a buyer gets the new one) and its holders (bot/selling/desk_holders.py).

Its buttons are declared in bot/selling/buttons.py; a `sold:` press of no shape there is
NotFound, like someone else's id.
"""

from __future__ import annotations

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler

from bot.kit.context import BotContext, PackagesApplication
from bot.kit.replies import Route, buttons, greet_coach, reply, show, user_id
from bot.selling import buttons as kinds
from bot.selling import desk_holders, payment_texts, texts
from bot.selling import desk_views as views
from bot.selling.notices import access_url
from domain.selling.desk import (
    ExpiryChange,
    Revocation,
    change_expiry,
    fingerprint,
    revoke_link,
    sold_desk,
    sold_history,
    sold_package,
)
from domain.selling.model import SoldFilter
from domain.selling.rules import expiry_from_timestamp
from i18n import _, speaking


async def sold_command(update: Update, context: BotContext) -> None:
    """The coach gets their sold packages, newest first."""
    await greet_coach(update, context)
    await _list(update, context, SoldFilter.ALL, 1)


async def _list(update: Update, context: BotContext, which: SoldFilter, number: int) -> None:
    desk = await sold_desk(
        context.uow(write=False), user_id(update), which, number, views.PER_PAGE, context.now()
    )
    text = views.list_text(desk.page, which, desk.zone)
    if desk.attention is not None:  # payments that are no sale stay in sight
        block = payment_texts.desk_block(desk.attention, desk.zone)
        text = "\n\n".join(filter(None, (block, text)))
    await show(update, text, views.list_keyboard(desk.page, which))


async def listed(update: Update, context: BotContext, press: kinds.Listed) -> None:
    """Another filter or page of the list."""
    await _list(update, context, press.which, press.page)


async def detail(update: Update, context: BotContext, sold_id: int) -> None:
    """One sold package: items and usage, status, expiry, and what the coach can do."""
    view = await sold_package(context.uow(write=False), user_id(update), sold_id, context.now())
    await show(update, views.detail_text(view), views.detail_keyboard(view.sold))


async def access_link(update: Update, context: BotContext, sold_id: int) -> None:
    """The coach gets the access link as a new message, to forward."""
    view = await sold_package(context.uow(write=False), user_id(update), sold_id, context.now())
    await reply(update, views.link_text(view.sold, access_url(context, view.sold.access_token)))


async def history(update: Update, context: BotContext, sold_id: int) -> None:
    """What happened to the sold package, oldest first."""
    found = await sold_history(context.uow(write=False), user_id(update), sold_id)
    text = views.history_text(found.sold, found.events, found.zone)
    await show(update, text, views.back_keyboard(found.sold))


async def expiry_menu(update: Update, context: BotContext, sold_id: int) -> None:
    """The ways to change the expiry."""
    view = await sold_package(context.uow(write=False), user_id(update), sold_id, context.now())
    await show(update, *views.expiry_menu(view.sold, view.zone))


async def expiry_set(update: Update, context: BotContext, press: kinds.ExpirySet) -> None:
    """Asks to confirm a new expiry; once confirmed, changes it and tells the client."""
    now, sold_id = context.now(), press.sold
    stamp = press.timestamp
    new = None if stamp is None else expiry_from_timestamp(stamp, now)
    if not press.yes:
        view = await sold_package(context.uow(write=False), user_id(update), sold_id, now)
        text = views.expiry_question(view.sold, new, view.zone)
        await show(update, text, views.confirm_expiry(view.sold, new))
        return
    change = await change_expiry(
        context.uow(), user_id(update), sold_id, new, now, context.reminders
    )
    await _tell_holders(context, change)
    note = _("Expiry changed; the client was told.") if change.changed else _("It already was so.")
    await show(update, views.detail_text(change.view, note), views.detail_keyboard(change.sold))


async def _tell_holders(context: BotContext, change: ExpiryChange) -> None:
    coach_name = change.view.coach.display_name
    for reader in change.readers:
        with speaking(reader.language):
            text = texts.expiry_told(change.sold, coach_name, reader.zone)
        try:
            await context.bot.send_message(reader.user_id, text)
        except TelegramError:
            continue  # a holder who blocked the bot does not stop the others


async def revoke_ask(update: Update, context: BotContext, sold_id: int) -> None:
    """Asks before revoking; the button names the link it was shown for."""
    view = await sold_package(context.uow(write=False), user_id(update), sold_id, context.now())
    await show(update, *views.revoke_question(view.sold, fingerprint(view.sold)))


async def revoke(update: Update, context: BotContext, press: kinds.Revoke) -> None:
    """The old link dies for everyone who held it; the coach gets the new one and a buyer
    gets it from the bot (pressed twice: one new link, sent once)."""
    now = context.now()
    change = await revoke_link(
        context.uow(), user_id(update), press.sold, press.fingerprint, now, context.reminders
    )
    url = access_url(context, change.sold.access_token)
    sent = await _send_new_link(context, change, url) if change.notify else None
    await show(
        update, views.revoked_text(change.sold, url, sent), views.back_keyboard(change.sold)
    )


async def _send_new_link(context: BotContext, change: Revocation, url: str) -> bool:
    """The buyer gets the new link; False when they cannot be reached (blocked the bot)."""
    try:
        for buyer in change.readers:
            with speaking(buyer.language):
                text = texts.new_link_told(change.sold, change.coach_name, url)
            await context.bot.send_message(buyer.user_id, text)
    except TelegramError:
        return False
    return True


ROUTES = (
    Route(kinds.LIST, listed),
    Route(kinds.DETAIL, detail),
    Route(kinds.LINK, access_link),
    Route(kinds.HISTORY, history),
    Route(kinds.EXPIRY_MENU, expiry_menu),
    Route(kinds.SET_EXPIRY, expiry_set),
    Route(kinds.SET_EXPIRY_YES, expiry_set),
    Route(kinds.REVOKE_ASK, revoke_ask),
    Route(kinds.REVOKE, revoke),
    *desk_holders.ROUTES,
)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CommandHandler("sold", sold_command))
    app.add_handler(buttons(*ROUTES, family="sold"))  # after the flows' sold:date / sold:ext


async def mini_app_expiry_changed(app: PackagesApplication, change: ExpiryChange) -> None:
    """An expiry changed on the Mini App's desk: the holders are told as from /sold."""
    await _tell_holders(BotContext(app), change)


async def mini_app_link_revoked(app: PackagesApplication, change: Revocation) -> str:
    """A link revoked on the Mini App's desk: a buyer gets the new link as from /sold;
    the new link, for the coach."""
    context = BotContext(app)
    url = access_url(context, change.sold.access_token)
    if change.notify:
        await _send_new_link(context, change, url)
    return url
