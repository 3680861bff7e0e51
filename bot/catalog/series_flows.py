"""/newseries (title → description or /skip → capacity → duration → hidden → Save) and
editing one field of a series: the flows of new_entry.py and edit_entry.py, given what is a
series' own (its words, draft, use cases and the capacity step). States `ser.*`,
conversations `new_series` and `edit_series`."""

from __future__ import annotations

from telegram import Update

from bot.catalog import series_views as views
from bot.catalog.edit_entry import EditEntryFlow
from bot.catalog.entry_views import SAVED
from bot.catalog.new_entry import NewEntryFlow, Typed
from bot.catalog.series_dates import send_series
from bot.kit.context import BotContext
from domain.catalog.model import Series
from domain.catalog.series import SERIES, SeriesDraft, create_series, parse_capacity, update_series
from i18n import _


async def send_saved(update: Update, context: BotContext, series: Series) -> None:
    """The saved series as a new message, ready for its dates."""
    assert series.id is not None
    await send_series(update, context, series.id, _(SAVED))


async def update(
    context: BotContext, coach_id: int, series_id: int, field: str, text: str
) -> Series:
    """The edit flow's new value, stored in the series."""
    return await update_series(context.uow(), coach_id, series_id, field, text, context.now())


NEW: NewEntryFlow[SeriesDraft, Series] = NewEntryFlow(
    screens=views.SCREENS,
    draft=SeriesDraft.from_dict,
    create=create_series,
    send=send_saved,
    extra=(Typed("ser.capacity", "capacity", views.ASK_CAPACITY, parse_capacity),),
)
EDIT: EditEntryFlow[Series] = EditEntryFlow(
    screens=views.SCREENS, get=SERIES.get, update=update, send=send_saved
)
