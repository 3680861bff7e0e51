"""/availability: the coach sets weekly working hours, days off and the booking rules.

One screen lists everything with buttons; a button asks for one value; the typed answer
is checked, saved at once, and the screen comes back. /cancel keeps what was saved.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler

from bot.booking import availability_away as away
from bot.booking import availability_views as views
from bot.booking import availability_week as week
from bot.booking.availability_state import AWAY, DAY, FLOW, SETTING, Screen, step
from bot.kit.context import BotContext
from bot.kit.flows import END, TEXT, begin, conversation, finish
from bot.kit.reasons import reason
from bot.kit.replies import (
    Route,
    buttons,
    greet_coach,
    reply,
    settle,
    show,
    typed_text,
    user_id,
)
from bot.kit.texts import try_again
from domain.booking import coach_availability as use
from domain.booking.availability import Availability
from domain.errors import InvalidInput
from i18n import N_, _

MENU, TYPING = views.MENU, views.TYPING


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
async def finished(update: Update, context: BotContext, _screen: Screen, _press: object) -> int:
    """✅ Done: the screen closes; everything was saved as it was set."""
    await settle(update)
    await reply(update, _(views.DONE))
    return END


@step
async def back(update: Update, context: BotContext, _screen: Screen, _press: object) -> str:
    """◀ Back: the screen again, in place."""
    await _answer(update)
    return await _in_place(update, context)


@step
async def list_days_off(
    update: Update, context: BotContext, _screen: Screen, _press: object
) -> str:
    """➖ Days off: the days off, each a button that removes it (the screen when none)."""
    await _answer(update)
    return await _in_place(update, context, listing=True)


@step
async def drop_days_off(
    update: Update, context: BotContext, _screen: Screen, pressed: views.Pressed
) -> str:
    """Removes the pressed days off and shows the screen again."""
    off = pressed.days_off
    assert off is not None
    await _answer(update)
    await use.remove_days_off(context.uow(), user_id(update), off.first, off.last)
    return await _in_place(update, context)


@step
async def switch_policy(
    update: Update, context: BotContext, _screen: Screen, pressed: views.Pressed
) -> str:
    """Sets what clients may do inside the cancellation window and shows the screen again."""
    await _answer(update)
    await use.set_cancel_policy(context.uow(), user_id(update), pressed.policy)
    return await _in_place(update, context)


async def _answer(update: Update) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer()


async def _in_place(update: Update, context: BotContext, listing: bool = False) -> str:
    coach, availability = await use.get_availability(context.uow(write=False), user_id(update))
    if listing and availability.days_off:
        await show(update, _(views.REMOVE_DAYS_OFF), views.days_off_keyboard(availability))
        return MENU
    await show(
        update, views.menu_text(availability, coach.timezone), views.menu_keyboard(availability)
    )
    return MENU


@step
async def ask(update: Update, context: BotContext, _screen: Screen, pressed: views.Pressed) -> str:
    """The coach is asked for the value of the pressed day, rule or new days off."""
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


# The screen's buttons, on the screen and while a value is typed.
SCREEN: list[Route[Any]] = [
    Route(views.DONE_BUTTON, finished),
    Route(views.BACK, back),
    Route(views.LIST_DAYS_OFF, list_days_off),
    Route(views.DROP_DAYS_OFF, drop_days_off),
    Route(views.POLICY, switch_policy),
    *(Route(kind, ask) for kind in (views.DAY, views.SETTING, views.ADD_DAYS_OFF)),
    Route(views.AWAY, away.ask),
]
# A typed week or dates away, confirmed or dropped once.
CONFIRM: list[Route[Any]] = [
    Route(kind, confirm, once=True)
    for kinds, confirm in ((week.KINDS, week.on_confirm), (away.KINDS, away.on_confirm))
    for kind in kinds
]


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
                buttons(*SCREEN, *CONFIRM, answer=False),
                MessageHandler(TEXT, week.on_week_text),
            ],
            TYPING: [MessageHandler(TEXT, on_text), buttons(*SCREEN, answer=False)],
        },
        cancel_handler=CommandHandler("cancel", stop),
    )
