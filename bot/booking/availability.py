"""/availability: the coach sets weekly working hours, days off and the booking rules.

One screen lists everything with buttons; a button asks for one value; the typed answer
is checked, saved at once, and the screen comes back. /cancel keeps what was saved.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.booking import availability_away as away
from bot.booking import availability_views as views
from bot.booking import availability_week as week
from bot.booking.availability_state import AWAY, DAY, FLOW, SETTING, Screen, step
from bot.kit.context import BotContext
from bot.kit.flows import END, TEXT, begin, conversation, finish
from bot.kit.reasons import reason
from bot.kit.replies import acts_once, greet_coach, reply, settle, show, typed_text, user_id
from bot.kit.texts import try_again
from domain.booking import coach_availability as use
from domain.booking.availability import Availability
from domain.errors import InvalidInput
from i18n import N_, _

MENU, TYPING = views.MENU, views.TYPING
BUTTONS = f"^{views.PREFIX}:"


async def open_menu(update: Update, context: BotContext) -> str:
    """The coach sees their availability with a button for each thing to change."""
    coach = await greet_coach(update, context)
    _coach, availability = await use.get_availability(context.uow(write=False), coach.user_id)
    begin(context, FLOW, Screen())
    await reply(
        update,
        views.menu_text(availability, coach.timezone),
        reply_markup=views.menu_keyboard(availability),
    )
    return MENU


@step
async def on_button(update: Update, context: BotContext, _screen: Screen) -> str | int:
    """Routes a pressed button of the screen: ask for a value, list days off, or finish."""
    query = update.callback_query
    assert query is not None
    pressed = views.parse(query.data)
    if pressed.what == "done":
        await settle(update)
        await reply(update, _(views.DONE))
        return END
    if pressed.what in ("menu", "offrm", "offx", "pol"):
        await query.answer()
        await _in_place(update, context, pressed)
        return MENU
    return await _ask(update, context, pressed)


async def _in_place(update: Update, context: BotContext, pressed: views.Pressed) -> None:
    coach_id = user_id(update)
    if pressed.what == "offx" and pressed.days_off is not None:
        off = pressed.days_off
        await use.remove_days_off(context.uow(), coach_id, off.first, off.last)
    if pressed.what == "pol":
        await use.set_cancel_policy(context.uow(), coach_id, pressed.policy)
    coach, availability = await use.get_availability(context.uow(write=False), coach_id)
    if pressed.what == "offrm" and availability.days_off:
        await show(update, _(views.REMOVE_DAYS_OFF), views.days_off_keyboard(availability))
        return
    await show(
        update, views.menu_text(availability, coach.timezone), views.menu_keyboard(availability)
    )


async def _ask(update: Update, context: BotContext, pressed: views.Pressed) -> str:
    await settle(update)
    _coach, availability = await use.get_availability(context.uow(write=False), user_id(update))
    begin(context, FLOW, Screen(pressed.what, pressed.weekday, pressed.setting))
    if pressed.what == DAY:
        await reply(update, views.ask_day(pressed.weekday, availability))
    elif pressed.what == SETTING:
        await reply(update, views.ask_setting(pressed.setting))
    else:
        await reply(update, _(views.ASK_DAYS_OFF))
    return TYPING


@step
async def on_text(update: Update, context: BotContext, screen: Screen) -> str:
    """Saves the typed value; a bad one is explained and asked again, nothing changed."""
    if screen.field == AWAY:
        return await away.on_dates(update, context)
    try:
        availability = await _save(context, user_id(update), screen, typed_text(update))
    except InvalidInput as exc:
        await reply(update, try_again(reason(exc)))
        return TYPING
    coach, _availability = await use.get_availability(context.uow(write=False), user_id(update))
    begin(context, FLOW, Screen())
    text = views.menu_text(availability, coach.timezone, _(views.SAVED))
    await reply(update, text, reply_markup=views.menu_keyboard(availability))
    return MENU


async def _save(context: BotContext, coach_id: int, screen: Screen, text: str) -> Availability:
    uow = context.uow()
    if screen.field == DAY:
        return await use.set_day_hours(uow, coach_id, screen.weekday, text)
    if screen.field == SETTING:
        return await use.change_booking_setting(uow, coach_id, screen.setting.value, text)
    return await use.add_days_off_text(uow, coach_id, text, context.now())


async def stop(update: Update, context: BotContext) -> int:
    """/cancel: what was saved stays saved, and the coach is told so."""
    finish(context, FLOW)
    await reply(update, _(views.STOPPED))
    return END


def build() -> ConversationHandler:  # type: ignore[type-arg]
    return conversation(
        FLOW,
        # i18n: fills "You are in the middle of {label}: …" (the flow that is open)
        N_("setting your availability (/availability)"),
        entry_points=[CommandHandler("availability", open_menu)],
        states={
            MENU: [
                CallbackQueryHandler(on_button, pattern=BUTTONS),
                CallbackQueryHandler(acts_once(week.on_confirm), pattern=week.PATTERN),
                CallbackQueryHandler(away.ask, pattern=views.AWAY.pattern),
                CallbackQueryHandler(acts_once(away.on_confirm), pattern=away.PATTERN),
                MessageHandler(TEXT, week.on_week_text),
            ],
            TYPING: [
                MessageHandler(TEXT, on_text),
                CallbackQueryHandler(on_button, pattern=BUTTONS),
                CallbackQueryHandler(away.ask, pattern=views.AWAY.pattern),
            ],
        },
        cancel_handler=CommandHandler("cancel", stop),
    )
