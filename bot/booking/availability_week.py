"""/availability's week in one message: the coach types lines like `Mon-Fri 09:00-12:00,
14:00-18:00` on the availability screen, sees what was understood, and saves it with one
press (or drops it). The per-day buttons stay as they are.

Buttons `avw:ok` / `avw:no` (bot/kit/callbacks.py); the typed week waits in the flow's
state until confirmed, and is checked again when saved."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.booking import availability_views as views
from bot.booking.availability_state import FLOW, Screen, step
from bot.catalog.shared_views import button
from bot.kit.callbacks import Callback
from bot.kit.context import BotContext
from bot.kit.flows import begin
from bot.kit.reasons import reason
from bot.kit.replies import reply, settle, show, typed_text, user_id
from bot.kit.texts import try_again
from domain.booking import coach_availability as use
from domain.booking.week_text import Week, parse_week
from domain.errors import InvalidInput
from i18n import N_, _

SAVE = Callback("avw:ok", lambda: True)
DROP = Callback("avw:no", lambda: False)
KINDS = SAVE, DROP  # True: save, False: drop

UNDERSTOOD = N_("I understood:")
KEEP_OTHERS = N_("Days not named keep their hours. Save these?")
SAVED = N_("Saved your week.")
DROPPED = N_("Nothing changed.")


def understood_text(week: Week) -> str:
    lines = [
        f"{views.weekday(day)}: {views.off_or(', '.join(r.label() for r in ranges))}"
        for day, ranges in week.items()
    ]
    return f"{_(UNDERSTOOD)}\n" + "\n".join(lines) + f"\n\n{_(KEEP_OTHERS)}"


def confirm_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        # i18n: button
        [[button(_("✅ Save these hours"), SAVE.pack()), button(_("✖ Don't"), DROP.pack())]]
    )


def refusal(error: InvalidInput) -> str:
    line = error.values.get("line")
    said = reason(error)
    return try_again(
        _("line {line}: {reason}").format(line=line, reason=said) if line is not None else said
    )


@step
async def on_week_text(update: Update, context: BotContext, _screen: Screen) -> str:
    """The coach typed a week on the availability screen: what was understood, to confirm;
    a bad line is explained (nothing changed)."""
    try:
        week = parse_week(typed_text(update))
    except InvalidInput as exc:
        await reply(update, refusal(exc))
        return views.MENU
    begin(context, FLOW, Screen(week=week))
    await reply(update, understood_text(week), reply_markup=confirm_keyboard())
    return views.MENU


@step
async def on_confirm(update: Update, context: BotContext, screen: Screen, save: bool) -> str:
    """Saves the understood week (or drops it) and shows the availability again."""
    await settle(update)
    note = _(DROPPED)
    if save and screen.week:  # gone when pressed twice
        await use.set_week_hours(context.uow(), user_id(update), screen.week)
        note = _(SAVED)
    begin(context, FLOW, Screen())
    coach, availability = await use.get_availability(context.uow(write=False), user_id(update))
    text = views.menu_text(availability, coach.timezone, note)
    await show(update, text, views.menu_keyboard(availability))
    return views.MENU
