"""/sold: the coach's sold packages (filtered, paged), one sold package, its access link,
history, expiry changes (confirmed, client told), revoking its link (confirmed; every holder
loses it, a buyer gets the new one) and its holders (bot/selling/desk_holders.py).

Callback data `sold:<action>:<id>[:<arg>…]`, each shape matched in full; anything else is
NotFound, like someone else's id.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.kit.context import BotContext
from bot.kit.replies import callback_data, greet_coach, reply, show, user_id
from bot.selling import desk_holders, payment_texts, texts
from bot.selling import desk_views as views
from bot.selling.notices import access_url
from domain.errors import NotFound
from domain.selling.desk import (
    Change,
    ExpiryChange,
    change_expiry,
    fingerprint,
    revoke_link,
    sold_history,
    sold_package,
    sold_packages,
)
from domain.selling.model import SoldFilter
from domain.selling.payments import payments_needing_attention
from domain.selling.rules import expiry_from_timestamp

Action = Callable[[Update, BotContext, re.Match[str]], Awaitable[None]]
_ID = r"(?P<id>[0-9]{1,9})"
FILTER_VALUES = frozenset(f.value for f in SoldFilter)


async def sold_command(update: Update, context: BotContext) -> None:
    """The coach gets their sold packages, newest first."""
    await greet_coach(update, context)
    await _list(update, context, SoldFilter.ALL, 1)


async def _list(update: Update, context: BotContext, which: SoldFilter, number: int) -> None:
    coach = user_id(update)
    page = await sold_packages(
        context.uow(write=False), coach, which, number, views.PER_PAGE, context.now()
    )
    view = await _zone(context, coach)
    text = views.list_text(page, which, view)
    if which is SoldFilter.ALL and number == 1:  # payments that are no sale stay in sight
        attention = await payments_needing_attention(context.uow(write=False), coach)
        text = "\n\n".join(filter(None, (payment_texts.desk_block(attention, view), text)))
    await show(update, text, views.list_keyboard(page, which))


async def _zone(context: BotContext, coach_id: int) -> str:
    async with context.uow(write=False) as uow:
        coach = await uow.coaches.get(coach_id)
    return coach.timezone if coach else context.deps.settings.default_timezone


async def listed(update: Update, context: BotContext, m: re.Match[str]) -> None:
    """Another filter or page of the list."""
    await _list(update, context, SoldFilter(m["filter"]), int(m["page"]))


async def detail(update: Update, context: BotContext, m: re.Match[str], note: str = "") -> None:
    """One sold package: items and usage, status, expiry, and what the coach can do."""
    view = await sold_package(
        context.uow(write=False), user_id(update), int(m["id"]), context.now()
    )
    await show(update, views.detail_text(view, note), views.detail_keyboard(view.sold))


async def access_link(update: Update, context: BotContext, m: re.Match[str]) -> None:
    """The coach gets the access link as a new message, to forward."""
    view = await sold_package(
        context.uow(write=False), user_id(update), int(m["id"]), context.now()
    )
    await reply(update, views.link_text(view.sold, access_url(context, view.sold.access_token)))


async def history(update: Update, context: BotContext, m: re.Match[str]) -> None:
    """What happened to the sold package, oldest first."""
    coach = user_id(update)
    sold, events = await sold_history(context.uow(write=False), coach, int(m["id"]))
    text = views.history_text(sold, events, await _zone(context, coach))
    await show(update, text, views.back_keyboard(sold))


async def expiry_menu(update: Update, context: BotContext, m: re.Match[str]) -> None:
    """The ways to change the expiry."""
    view = await sold_package(
        context.uow(write=False), user_id(update), int(m["id"]), context.now()
    )
    await show(update, *views.expiry_menu(view.sold, view.zone))


async def expiry_set(update: Update, context: BotContext, m: re.Match[str]) -> None:
    """Asks to confirm a new expiry; once confirmed, changes it and tells the client."""
    now, sold_id = context.now(), int(m["id"])
    new = None if m["value"] == "none" else expiry_from_timestamp(int(m["value"]), now)
    if not m["yes"]:
        view = await sold_package(context.uow(write=False), user_id(update), sold_id, now)
        text = views.expiry_question(view.sold, new, view.zone)
        await show(update, text, views.confirm_expiry(view.sold, new))
        return
    change = await change_expiry(
        context.uow(), user_id(update), sold_id, new, now, context.reminders
    )
    await _tell_holders(context, change)
    note = "Expiry changed; the client was told." if change.changed else "It already was so."
    await show(update, views.detail_text(change.view, note), views.detail_keyboard(change.sold))


async def _tell_holders(context: BotContext, change: ExpiryChange) -> None:
    coach_name = change.view.coach.display_name
    for reader in change.readers:
        try:
            text = texts.expiry_told(change.sold, coach_name, reader.zone)
            await context.bot.send_message(reader.user_id, text)
        except TelegramError:
            continue  # a holder who blocked the bot does not stop the others


async def revoke_ask(update: Update, context: BotContext, m: re.Match[str]) -> None:
    """Asks before revoking; the button names the link it was shown for."""
    view = await sold_package(
        context.uow(write=False), user_id(update), int(m["id"]), context.now()
    )
    await show(update, *views.revoke_question(view.sold, fingerprint(view.sold)))


async def revoke(update: Update, context: BotContext, m: re.Match[str]) -> None:
    """The old link dies for everyone who held it; the coach gets the new one and a buyer
    gets it from the bot (pressed twice: one new link, sent once)."""
    now = context.now()
    change = await revoke_link(
        context.uow(), user_id(update), int(m["id"]), m["print"], now, context.reminders
    )
    url = access_url(context, change.sold.access_token)
    sent = await _send_new_link(context, change, url) if change.notify else None
    await show(
        update, views.revoked_text(change.sold, url, sent), views.back_keyboard(change.sold)
    )


async def _send_new_link(context: BotContext, change: Change, url: str) -> bool:
    """The buyer gets the new link; False when they cannot be reached (blocked the bot)."""
    async with context.uow(write=False) as uow:
        coach = await uow.coaches.get(change.sold.coach_id)
    assert coach is not None
    text = texts.new_link_told(change.sold, coach.display_name, url)
    try:
        for buyer in change.notify:
            await context.bot.send_message(buyer, text)
    except TelegramError:
        return False
    return True


ROUTES: list[tuple[re.Pattern[str], Action]] = [
    (re.compile(r"sold:l:(?P<filter>[a-z_]{3,8}):(?P<page>[0-9]{1,4})"), listed),
    (re.compile(rf"sold:v:{_ID}"), detail),
    (re.compile(rf"sold:k:{_ID}"), access_link),
    (re.compile(rf"sold:h:{_ID}"), history),
    (re.compile(rf"sold:x:{_ID}"), expiry_menu),
    (re.compile(rf"sold:set:{_ID}:(?P<value>none|[0-9]{{1,11}})(?P<yes>:y)?"), expiry_set),
    (re.compile(rf"sold:r:{_ID}"), revoke_ask),
    (re.compile(rf"sold:rv:{_ID}:(?P<print>[A-Za-z0-9_-]{{8}})"), revoke),
    *desk_holders.ROUTES,
]


async def on_button(update: Update, context: BotContext) -> None:
    """Every /sold button: matched in full against its shape, then its action."""
    data = callback_data(update)
    for pattern, action in ROUTES:
        match = pattern.fullmatch(data)
        if match is not None and (action is not listed or match["filter"] in FILTER_VALUES):
            assert update.callback_query is not None
            await update.callback_query.answer()
            await action(update, context, match)
            return
    raise NotFound()


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CommandHandler("sold", sold_command))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^sold:"))
