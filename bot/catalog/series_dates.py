"""Dates of a series: the series screen listing them, adding them (a small flow: one date,
or "every Tuesday 18:00 for 8 weeks", read in the coach's time zone) and removing one (asks
first when seats are taken).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.booking import schedule_views as booking_views
from bot.booking.notify import tell_client
from bot.catalog import series_views as views
from bot.catalog.buttons import (
    ADD_DATES,
    DATES_DONE,
    PICK_DATE,
    REMOVE_DATE,
    REMOVE_DATE_ANYWAY,
    DatePressed,
)
from bot.kit.context import BotContext
from bot.kit.errors import describe
from bot.kit.flows import END, TEXT, begin, conversation, finish, loaded, typed_step
from bot.kit.reasons import reason
from bot.kit.replies import (
    Route,
    buttons,
    pressed,
    reply,
    show,
    step_button,
    typed_text,
    user_id,
)
from bot.kit.texts import FLOW_GONE, try_again
from domain.booking.model import ScheduleEntry
from domain.booking.series_dates import remove_series_date
from domain.catalog import dates
from domain.catalog.dates import SeriesOverview, series_overview
from domain.errors import DomainError, InvalidInput
from domain.pagination import page_of
from domain.timezones import viewer_zone
from i18n import N_, _, speaking

DATES = "ser.dates"
FLOW = "series_dates"  # the conversation and its flow state


async def series_screen(
    update: Update, context: BotContext, series_id: int, note: str = ""
) -> tuple[str, InlineKeyboardMarkup]:
    """One series with its upcoming dates in the coach's time zone, and its buttons."""
    seen = await _overview(update, context, series_id)
    return screen_of(seen, note)


async def _overview(update: Update, context: BotContext, series_id: int) -> SeriesOverview:
    return await series_overview(
        context.uow(write=False), user_id(update), series_id, context.now()
    )


def screen_of(seen: SeriesOverview, note: str = "") -> tuple[str, InlineKeyboardMarkup]:
    """The series screen of what one use case read."""
    text = views.series_text(seen.series, seen.upcoming, seen.timezone, note)
    return text, views.series_keyboard(seen.series, bool(seen.upcoming))


async def show_series(update: Update, context: BotContext, series_id: int, note: str = "") -> None:
    """The series screen in place of the pressed message."""
    await show(update, *await series_screen(update, context, series_id, note))


async def send_series(update: Update, context: BotContext, series_id: int, note: str = "") -> None:
    """The series screen as a new message (after a flow's answer)."""
    text, markup = await series_screen(update, context, series_id, note)
    await reply(update, text, reply_markup=markup)


@dataclass(frozen=True)
class Adding:
    """The flow's typed state: which series the coach is adding dates to."""

    series_id: int

    def to_dict(self) -> dict[str, Any]:
        return {"series_id": self.series_id}

    @classmethod
    def load(cls, data: dict[str, Any]) -> Adding | None:
        try:
            return cls(int(data["series_id"]))
        except (KeyError, TypeError, ValueError):
            return None


step = typed_step(FLOW, Adding.load, FLOW_GONE)


async def start_adding(update: Update, context: BotContext, series_id: int) -> str:
    """The coach is asked for dates of the series, in their own time zone."""
    seen = await _overview(update, context, series_id)
    begin(context, FLOW, Adding(series_id))
    await reply(update, views.ask_dates(seen.series, seen.timezone))
    return DATES


@step
async def got_dates(update: Update, context: BotContext, adding: Adding) -> str | int:
    """Adds a date or a weekly schedule; a bad or past one is refused and asked again."""
    uow, coach_id, text = context.uow(), user_id(update), typed_text(update)
    try:
        got = await dates.add_dates(uow, coach_id, adding.series_id, text, context.now())
    except InvalidInput as exc:
        await reply(update, try_again(reason(exc)), reply_markup=views.done_keyboard())
        return DATES
    except DomainError as exc:  # the series was deleted meanwhile
        await reply(update, describe(exc))
        return END
    text = views.added_text(got.added, got.timezone) if got.added else _(views.NOTHING_NEW)
    await reply(update, text, reply_markup=views.done_keyboard())
    return DATES


@step
async def done(update: Update, context: BotContext, adding: Adding) -> int:
    """The coach is done adding dates and sees the series again."""
    await pressed(update)
    await send_series(update, context, adding.series_id)
    return END


async def stop(update: Update, context: BotContext) -> int:
    """/cancel while adding dates: the dates added so far stay, so it says just that."""
    adding = loaded(context, FLOW, Adding.load)
    finish(context)
    await reply(update, _(views.DATES_STOPPED))
    if adding is not None:
        await send_series(update, context, adding.series_id)
    return END


def add_dates() -> ConversationHandler:  # type: ignore[type-arg]
    return conversation(
        FLOW,
        # i18n: fills "You are in the middle of {label}: …" (the flow that is open)
        N_("adding dates to a series"),
        entry_points=[buttons(Route(ADD_DATES, start_adding), exact=True)],
        states={
            DATES: [
                MessageHandler(TEXT, got_dates),
                step_button(DATES_DONE, done),
            ],
        },
        cancel_handler=CommandHandler("cancel", stop),
    )


async def pick_date(update: Update, context: BotContext, press: DatePressed) -> None:
    """The coach picks which upcoming date to remove, a page of dates at a time."""
    seen = await _overview(update, context, press.series)
    if not seen.upcoming:
        await show_series(update, context, press.series)
        return
    page = page_of(seen.upcoming, press.arg, views.DATES_PER_PAGE)
    markup = views.remove_keyboard(seen.series, page, seen.timezone)
    await show(update, views.remove_text(seen.series, seen.timezone), markup)


async def remove_date(update: Update, context: BotContext, press: DatePressed) -> None:
    """Removes a date nobody has a seat in; otherwise asks first, saying how many clients."""
    await _remove(update, context, press, confirmed=False)


async def remove_confirmed(update: Update, context: BotContext, press: DatePressed) -> None:
    """Removes a date after the coach confirmed, seats taken or not."""
    await _remove(update, context, press, confirmed=True)


async def _remove(
    update: Update, context: BotContext, press: DatePressed, confirmed: bool
) -> None:
    """One use case: remove (or not yet), then the series screen or the question from it;
    clients whose seats went with the date are told."""
    uow, now = context.uow(), context.now()
    done = await remove_series_date(
        uow, user_id(update), press.series, press.arg, now, confirmed, context.reminders
    )
    seen, occurrence = done.removal.after, done.removal.occurrence
    if not done.removal.removed:
        markup = views.remove_confirm_keyboard(press.series, press.arg)
        await show(update, views.remove_question(occurrence, seen.timezone), markup)
        return
    await _tell_seats(context, done.seats, seen.timezone)
    note = views.removed_note(occurrence, seen.timezone, occurrence.seats_taken)
    await show(update, *screen_of(seen, note))


async def _tell_seats(context: BotContext, seats: list[ScheduleEntry], coach_zone: str) -> None:
    """Each client whose seat went with the date hears it in their own language."""
    ids = [seat.client_id for seat in seats if seat.client_id is not None]
    if not ids:
        return
    async with context.uow(write=False) as uow:
        languages = await uow.users.languages(ids)
    for seat in seats:
        if seat.client_id is None:
            continue
        with speaking(languages.get(seat.client_id)):
            text = booking_views.seat_removed(seat, viewer_zone(seat.client_zone, coach_zone))
            await tell_client(context, seat, text, calendar=True)


def handlers() -> list[ConversationHandler | CallbackQueryHandler]:  # type: ignore[type-arg]
    """The add-dates flow and the remove buttons; before the series router (series.py)."""
    return [
        add_dates(),
        buttons(
            Route(PICK_DATE, pick_date),
            Route(REMOVE_DATE, remove_date),
            Route(REMOVE_DATE_ANYWAY, remove_confirmed, once=True),
        ),
    ]
