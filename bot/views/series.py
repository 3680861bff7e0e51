"""What a coach reads about their group series: the paged list, one series with its upcoming
dates (in the coach's time zone), adding and removing dates, deleting."""

from __future__ import annotations

from html import escape
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.views.catalog import (
    PER_PAGE,
    button,
    callback,
    deleted_lines,
    duration_text,
    hidden_text,
    list_header,
    paging_row,
    plural,
    usage_lines,
)
from domain.catalog.model import Occurrence, Series, Usage
from domain.pagination import Page
from domain.timezones import to_local

SER = "ser"  # ser:<action>:<id>[:<arg>] — list, view, hide, show, del, delok, edit, add,
#              rm (pick a date, arg = page), rmo / rmok (remove / confirmed, arg = date id)
FLOW = "serf"  # buttons inside the /newseries and add-dates flows
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
    "title": "Type the new <b>title</b> (up to 100 characters), or /cancel.",
    "description": "Type the new <b>description</b>, or /skip to clear it, or /cancel.",
    "capacity": "Type the new <b>capacity</b>: seats per meeting, 1 to 500; or /cancel.",
    "duration": "Type the new <b>duration</b> (e.g. <code>60</code> or <code>1h30</code>), "
    "or /cancel.",
}
SAVED = "Saved."
HIDDEN_NOTE = "Hidden: clients don't see it, and packages that include it still book it."
SHOWN_NOTE = "Visible to clients again."
DATES_STOPPED = "Stopped adding dates. The dates added so far are kept."
NOTHING_NEW = "The series already meets at all of those times, so nothing was added."


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


def list_text(page: Page[Series]) -> str:
    if page.total == 0:
        return EMPTY_LIST
    first = (page.page - 1) * PER_PAGE + 1
    entries = [
        f"{n}. <b>{escape(s.title)}</b> — {s.capacity} seats, {duration_text(s.duration_minutes)}"
        + (" · hidden" if s.hidden else "")
        for n, s in enumerate(page.items, start=first)
    ]
    return "\n\n".join([list_header("Your series", page), "\n".join(entries), LIST_HINT])


def list_keyboard(page: Page[Series]) -> InlineKeyboardMarkup:
    first = (page.page - 1) * PER_PAGE + 1
    rows = [
        [button(f"{n}. {s.title}", callback(SER, "view", s.id))]
        for n, s in enumerate(page.items, start=first)
    ]
    paging = paging_row(SER, page)
    rows += [paging] if paging else []
    return InlineKeyboardMarkup([*rows, [button("➕ New series", f"{FLOW}:new")]])


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
    hide = ("👁 Unhide", "show") if series.hidden else ("🙈 Hide", "hide")
    dates = [button("➕ Add dates", callback(SER, "add", sid))]
    if has_upcoming:
        dates.append(button("➖ Remove a date", callback(SER, "rm", sid, 1)))
    return InlineKeyboardMarkup(
        [
            dates,
            [
                button("✏️ Title", callback(SER, "edit", sid, "title")),
                button("✏️ Description", callback(SER, "edit", sid, "description")),
            ],
            [
                button("✏️ Capacity", callback(SER, "edit", sid, "capacity")),
                button("✏️ Duration", callback(SER, "edit", sid, "duration")),
            ],
            [
                button(hide[0], callback(SER, hide[1], sid)),
                button("🗑 Delete", callback(SER, "del", sid)),
            ],
            [button("◀ All series", callback(SER, "list", 1))],
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
    return InlineKeyboardMarkup([[button("✅ Done", f"{FLOW}:done")]])


def remove_text(series: Series, timezone: str) -> str:
    return (
        f"Which date of <b>{escape(series.title)}</b> do you want to remove? "
        f"({escape(timezone)} time, seats taken/capacity)"
    )


def remove_keyboard(series: Series, page: Page[Occurrence], timezone: str) -> InlineKeyboardMarkup:
    sid = series.id
    rows = [
        [button(occurrence_label(o, timezone, series.capacity), callback(SER, "rmo", sid, o.id))]
        for o in page.items
    ]
    paging = []
    if page.has_previous:
        paging.append(button("◀", callback(SER, "rm", sid, page.page - 1)))
    if page.has_next:
        paging.append(button("▶", callback(SER, "rm", sid, page.page + 1)))
    rows += [paging] if paging else []
    return InlineKeyboardMarkup([*rows, [button("◀ Back", callback(SER, "view", sid))]])


def remove_question(occurrence: Occurrence, timezone: str) -> str:
    clients = plural(occurrence.seats_taken, "client")
    return (
        f"{clients} booked a seat on {date_label(occurrence, timezone)}. "
        f"Remove this date anyway? {clients} will be affected."
    )


def remove_confirm_keyboard(series_id: int, occurrence_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [button("🗑 Remove anyway", callback(SER, "rmok", series_id, occurrence_id))],
            [button("Keep", callback(SER, "view", series_id))],
        ]
    )


def removed_note(occurrence: Occurrence, timezone: str, seats: int) -> str:
    note = f"Removed {date_label(occurrence, timezone)}."
    return f"{note} {plural(seats, 'client')} had a seat in it." if seats else note


def delete_question(series: Series, usage: Usage) -> str:
    return f"Delete <b>{escape(series.title)}</b>?\n\n" + usage_lines(
        NOUN, usage.packages, usage.sold_packages, usage.packages_left_empty
    )


def delete_keyboard(series: Series) -> InlineKeyboardMarkup:
    sid = series.id
    rows = [[button("🗑 Delete", callback(SER, "delok", sid))]]
    if not series.hidden:
        rows.append([button("🙈 Hide instead", callback(SER, "hide", sid))])
    rows.append([button("Keep", callback(SER, "view", sid))])
    return InlineKeyboardMarkup(rows)


def deleted_text(series: Series, hidden_packages: int) -> str:
    return deleted_lines(NOUN, series.title, hidden_packages)


def back_to_list() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button("◀ All series", callback(SER, "list", 1))]])


def _fields(title: str, description: str, capacity: int, minutes: int) -> str:
    lines = [f"<b>{escape(title)}</b>"]
    if description:
        lines.append(escape(description))
    lines += ["", f"Capacity: {plural(capacity, 'seat')} per meeting"]
    lines.append(f"Duration: {duration_text(minutes)}")
    return "\n".join(lines)
