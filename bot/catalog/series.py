"""/series and the buttons of a series: paged list, view with upcoming dates, hide/unhide,
delete. Its buttons are `buttons.SERIES` (and the dates' there). What a series shares with
a service is in entry_actions.py; dates (and the series screen that lists them) are in
series_dates.py, the /newseries and edit flows in series_flows.py.
"""

from __future__ import annotations

from telegram.ext import Application

from bot.catalog import series_dates, series_flows
from bot.catalog import series_views as views
from bot.catalog.entry_actions import EntryActions
from bot.catalog.series_dates import show_series
from domain.catalog.model import Series
from domain.catalog.series import SERIES

ACTIONS: EntryActions[Series] = EntryActions(
    screens=views.SCREENS, command="series", use_cases=SERIES, show_entry=show_series
)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    flows = (series_flows.NEW.build(), series_flows.EDIT.build(), *series_dates.handlers())
    ACTIONS.add_to(app, *flows)
