"""What a coach reads about their group series: one series with its upcoming dates (in the
coach's time zone), adding and removing dates. The paged list and deleting, which a series
shares with a service, are in `entries`."""

from __future__ import annotations

from html import escape
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.catalog import entry_views as entries
from bot.catalog.buttons import (
    ADD_DATES,
    DATES_DONE,
    PICK_DATE,
    REMOVE_DATE,
    REMOVE_DATE_ANYWAY,
    SERIES,
)
from bot.catalog.entry_views import EntryScreens, fields_text
from bot.catalog.shared_views import (
    button,
    duration_text,
    hidden_text,
    paging_row,
    plural,
)
from domain.catalog.model import Occurrence, Series
from domain.pagination import Page
from domain.timezones import to_local

NOUN = "series"
SHOWN_DATES = 20  # a long schedule is cut in the view; the remove picker pages through all
DATES_PER_PAGE = 8

EMPTY_LIST = (
    "<b>Your series</b>\n\nYou have no group series yet. A series is a group programme "
    "(say, “Morning bootcamp”, 12 seats) that meets on dates you add.\n"
    "Press <b>New series</b> or send /newseries to create your first one."
)
LIST_HINT = "Tap a series to see its dates, add or remove dates, edit, hide or delete it."
ASK_CAPACITY = "How many <b>seats</b> does one meeting have? Type a number from 1 to 500."
ASK_NEW_VALUE = {
    **entries.ASK_NEW_VALUE,
    "capacity": "Type the new <b>capacity</b>: seats per meeting, 1 to 500; or /cancel.",
}
DATES_STOPPED = "Stopped adding dates. The dates added so far are kept."
NOTHING_NEW = "The series already meets at all of those times, so nothing was added."
SCREENS: EntryScreens[Series] = EntryScreens(
    buttons=SERIES,
    noun=NOUN,
    plural="series",
    empty=EMPTY_LIST,
    hint=LIST_HINT,
    details=lambda s: f"{s.capacity} seats, {duration_text(s.duration_minutes)}",
)


def summary(draft: dict[str, Any]) -> str:
    """The draft before Save, from the flow's plain dict."""
    fields = _fields(
        draft["title"], draft["description"], draft["capacity"], draft["duration_minutes"]
    )
    return (
        f"<b>New series — please check</b>\n\n{fields}\n"
        f"Shown: {hidden_text(bool(draft['hidden']))}\n"
        "You add its dates after saving.\n\nSave it?"
    )


def occurrence_label(occurrence: Occurrence, timezone: str, capacity: int) -> str:
    """Like "Tue 01 Dec 18:00 — 3/12": the viewer's local time, seats taken of capacity."""
    local = to_local(occurrence.starts_at, timezone)
    return f"{local:%a %d %b %H:%M} — {occurrence.seats_taken}/{capacity}"


def date_label(occurrence: Occurrence, timezone: str) -> str:
    return f"{to_local(occurrence.starts_at, timezone):%a %d %b %Y %H:%M}"


def series_text(series: Series, upcoming: list[Occurrence], timezone: str, note: str = "") -> str:
    fields = _fields(series.title, series.description, series.capacity, series.duration_minutes)
    lines = [fields, f"Shown: {hidden_text(series.hidden)}", ""]
    lines.append(f"<b>Upcoming dates</b> ({escape(timezone)} time, seats taken/capacity)")
    lines += [occurrence_label(o, timezone, series.capacity) for o in upcoming[:SHOWN_DATES]]
    if len(upcoming) > SHOWN_DATES:
        lines.append(f"… and {len(upcoming) - SHOWN_DATES} more")
    if not upcoming:
        lines.append("None yet: press <b>Add dates</b>.")
    text = "\n".join(lines)
    return f"{text}\n\n<i>{note}</i>" if note else text


def series_keyboard(series: Series, has_upcoming: bool) -> InlineKeyboardMarkup:
    sid = series.id
    dates = [button("➕ Add dates", ADD_DATES.pack(series=sid))]
    if has_upcoming:
        dates.append(button("➖ Remove a date", PICK_DATE.pack(series=sid, arg=1)))
    return InlineKeyboardMarkup(
        [
            dates,
            [
                button("✏️ Title", SERIES.edit.pack(entry=sid, field="title")),
                button("✏️ Description", SERIES.edit.pack(entry=sid, field="description")),
            ],
            [
                button("✏️ Capacity", SERIES.edit.pack(entry=sid, field="capacity")),
                button("✏️ Duration", SERIES.edit.pack(entry=sid, field="duration")),
            ],
            SCREENS.hide_delete_row(series),
            SCREENS.back_row(),
        ]
    )


def ask_dates(series: Series, timezone: str) -> str:
    return (
        f"Add dates to <b>{escape(series.title)}</b>, read in your time zone "
        f"({escape(timezone)}). Type one date and time, like <code>2026-12-01 18:00</code> or "
        "<code>01.12.2026 18:00</code>, or a weekly schedule, like "
        "<code>every Tuesday 18:00 for 8 weeks</code>. /cancel to stop."
    )


def added_text(added: list[Occurrence], timezone: str) -> str:
    dates = "\n".join(date_label(o, timezone) for o in added)
    return (
        f"Added {plural(len(added), 'date')}:\n{dates}\n\n"
        "Type another date or schedule, or press <b>Done</b>."
    )


def done_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button("✅ Done", DATES_DONE.pack())]])


def remove_text(series: Series, timezone: str) -> str:
    return (
        f"Which date of <b>{escape(series.title)}</b> do you want to remove? "
        f"({escape(timezone)} time, seats taken/capacity)"
    )


def remove_keyboard(series: Series, page: Page[Occurrence], timezone: str) -> InlineKeyboardMarkup:
    sid = series.id
    rows = [
        [
            button(
                occurrence_label(o, timezone, series.capacity),
                REMOVE_DATE.pack(series=sid, arg=o.id),
            )
        ]
        for o in page.items
    ]
    paging = paging_row(page, lambda n: PICK_DATE.pack(series=sid, arg=n))
    rows += [paging] if paging else []
    return InlineKeyboardMarkup([*rows, [button("◀ Back", SERIES.view.pack(entry=sid))]])


def remove_question(occurrence: Occurrence, timezone: str) -> str:
    clients = plural(occurrence.seats_taken, "client")
    return (
        f"{clients} booked a seat on {date_label(occurrence, timezone)}. "
        f"Remove this date anyway? {clients} will be affected."
    )


def remove_confirm_keyboard(series_id: int, occurrence_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button(
                    "🗑 Remove anyway", REMOVE_DATE_ANYWAY.pack(series=series_id, arg=occurrence_id)
                )
            ],
            [button("Keep", SERIES.view.pack(entry=series_id))],
        ]
    )


def removed_note(occurrence: Occurrence, timezone: str, seats: int) -> str:
    note = f"Removed {date_label(occurrence, timezone)}."
    return f"{note} {plural(seats, 'client')} had a seat in it." if seats else note


def _fields(title: str, description: str, capacity: int, minutes: int) -> str:
    return fields_text(
        title,
        description,
        f"Capacity: {plural(capacity, 'seat')} per meeting",
        f"Duration: {duration_text(minutes)}",
    )
