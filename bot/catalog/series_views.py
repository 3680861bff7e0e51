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
from bot.catalog.shared_views import button, duration_text, paging_row, shown_line
from domain.catalog.model import Occurrence, Series
from domain.pagination import Page
from domain.timezones import to_local
from i18n import N_, _, ngettext, when

NOUN = "series"
SHOWN_DATES = 20  # a long schedule is cut in the view; the remove picker pages through all
DATES_PER_PAGE = 8

ASK_CAPACITY = N_("How many <b>seats</b> does one meeting have? Type a number from 1 to 500.")
ASK_NEW_VALUE = {
    **entries.ASK_NEW_VALUE,
    "capacity": N_("Type the new <b>capacity</b>: seats per meeting, 1 to 500; or /cancel."),
}
DATES_STOPPED = N_("Stopped adding dates. The dates added so far are kept.")
NOTHING_NEW = N_("The series already meets at all of those times, so nothing was added.")


class SeriesWords:
    """What a series says in its own words (see `EntryWords`)."""

    # i18n: fills "You are in the middle of {label}: …" (the flow that is open)
    new_label = N_("creating a series (/newseries)")
    # i18n: fills "You are in the middle of {label}: …" (the flow that is open)
    edit_label = N_("editing a series")

    def list_title(self) -> str:
        return _("Your series")

    def empty(self) -> str:
        return _(
            "<b>Your series</b>\n\nYou have no group series yet. A series is a group programme "
            "(say, “Morning bootcamp”, 12 seats) that meets on dates you add.\n"
            "Press <b>New series</b> or send /newseries to create your first one."
        )

    def hint(self) -> str:
        return _("Tap a series to see its dates, add or remove dates, edit, hide or delete it.")

    def new_button(self) -> str:
        # i18n: button
        return _("➕ New series")

    def back_button(self) -> str:
        # i18n: button
        return _("◀ All series")

    def ask_title(self) -> str:
        return _("New series. What is its <b>title</b>? (up to 100 characters, /cancel to stop)")

    def ask_description(self) -> str:
        return _(
            "A short <b>description</b> of the series for clients, or /skip to leave it empty."
        )

    def ask_hidden(self) -> str:
        return _(
            "Hide this series from clients for now? You can change it later; a hidden series "
            "stays bookable through packages that include it."
        )

    def in_no_package(self) -> str:
        return _("No package includes this series.")

    def left_empty(self, count: int) -> str:
        return ngettext(
            "⚠️ {count} package holds only this series, so deleting leaves it empty: "
            "it will be hidden.",
            "⚠️ {count} packages hold only this series, so deleting leaves them empty: "
            "they will be hidden.",
            count,
        ).format(count=count)

    def hide_instead(self) -> str:
        return _("You can hide the series instead: packages keep booking it.")

    def hidden_packages(self, count: int) -> str:
        return ngettext(
            "{count} package that held only this series is now hidden.",
            "{count} packages that held only this series are now hidden.",
            count,
        ).format(count=count)


def _details(series: Series) -> str:
    """What the list says after a series' title: "12 seats, 1 h"."""
    return ngettext(
        "{count} seat, {duration}", "{count} seats, {duration}", series.capacity
    ).format(count=series.capacity, duration=duration_text(series.duration_minutes))


def summary(draft: dict[str, Any]) -> str:
    """The draft before Save, from the flow's plain dict."""
    fields = _fields(
        draft["title"], draft["description"], draft["capacity"], draft["duration_minutes"]
    )
    return _(
        "<b>New series — please check</b>\n\n{fields}\n{shown}\n"
        "You add its dates after saving.\n\nSave it?"
    ).format(fields=fields, shown=shown_line(bool(draft["hidden"])))


SCREENS: EntryScreens[Series] = EntryScreens(
    buttons=SERIES,
    noun=NOUN,
    states="ser",
    words=SeriesWords(),
    details=_details,
    summary=summary,
    ask_new_value=ASK_NEW_VALUE,
)


def occurrence_label(occurrence: Occurrence, timezone: str, capacity: int) -> str:
    """Like "Tue 01 Dec 18:00 — 3/12": the viewer's local time, seats taken of capacity."""
    local = to_local(occurrence.starts_at, timezone)
    return f"{when(local, '%a %d %b %H:%M')} — {occurrence.seats_taken}/{capacity}"


def date_label(occurrence: Occurrence, timezone: str) -> str:
    return when(to_local(occurrence.starts_at, timezone), "%a %d %b %Y %H:%M")


def series_text(series: Series, upcoming: list[Occurrence], timezone: str, note: str = "") -> str:
    """`note` is said already."""
    fields = _fields(series.title, series.description, series.capacity, series.duration_minutes)
    lines = [fields, shown_line(series.hidden), ""]
    lines.append(
        _("<b>Upcoming dates</b> ({zone} time, seats taken/capacity)").format(
            zone=escape(timezone)
        )
    )
    lines += [occurrence_label(o, timezone, series.capacity) for o in upcoming[:SHOWN_DATES]]
    if len(upcoming) > SHOWN_DATES:
        more = len(upcoming) - SHOWN_DATES
        lines.append(ngettext("… and {count} more", "… and {count} more", more).format(count=more))
    if not upcoming:
        lines.append(_("None yet: press <b>Add dates</b>."))
    text = "\n".join(lines)
    return f"{text}\n\n<i>{note}</i>" if note else text


def series_keyboard(series: Series, has_upcoming: bool) -> InlineKeyboardMarkup:
    sid = series.id
    # i18n: button
    dates = [button(_("➕ Add dates"), ADD_DATES.pack(series=sid))]
    if has_upcoming:
        # i18n: button
        dates.append(button(_("➖ Remove a date"), PICK_DATE.pack(series=sid, arg=1)))
    return InlineKeyboardMarkup(
        [
            dates,
            [
                # i18n: button
                button(_("✏️ Title"), SERIES.edit.pack(entry=sid, field="title")),
                # i18n: button
                button(_("✏️ Description"), SERIES.edit.pack(entry=sid, field="description")),
            ],
            [
                # i18n: button
                button(_("✏️ Capacity"), SERIES.edit.pack(entry=sid, field="capacity")),
                # i18n: button
                button(_("✏️ Duration"), SERIES.edit.pack(entry=sid, field="duration")),
            ],
            SCREENS.hide_delete_row(series),
            SCREENS.back_row(),
        ]
    )


def ask_dates(series: Series, timezone: str) -> str:
    return _(
        "Add dates to <b>{title}</b>, read in your time zone ({zone}). Type one date and time, "
        "like <code>2026-12-01 18:00</code> or <code>01.12.2026 18:00</code>, or a weekly "
        "schedule, like <code>every Tuesday 18:00 for 8 weeks</code>. /cancel to stop."
    ).format(title=escape(series.title), zone=escape(timezone))


def added_text(added: list[Occurrence], timezone: str) -> str:
    dates = "\n".join(date_label(o, timezone) for o in added)
    return ngettext(
        "Added {count} date:\n{dates}\n\nType another date or schedule, or press <b>Done</b>.",
        "Added {count} dates:\n{dates}\n\nType another date or schedule, or press <b>Done</b>.",
        len(added),
    ).format(count=len(added), dates=dates)


def done_keyboard() -> InlineKeyboardMarkup:
    # i18n: button
    return InlineKeyboardMarkup([[button(_("✅ Done"), DATES_DONE.pack())]])


def remove_text(series: Series, timezone: str) -> str:
    return _(
        "Which date of <b>{title}</b> do you want to remove? ({zone} time, seats taken/capacity)"
    ).format(title=escape(series.title), zone=escape(timezone))


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
    # i18n: button
    return InlineKeyboardMarkup([*rows, [button(_("◀ Back"), SERIES.view.pack(entry=sid))]])


def remove_question(occurrence: Occurrence, timezone: str) -> str:
    seats = occurrence.seats_taken
    return ngettext(
        "{count} client booked a seat on {date}. Remove this date anyway? "
        "{count} client will be affected.",
        "{count} clients booked a seat on {date}. Remove this date anyway? "
        "{count} clients will be affected.",
        seats,
    ).format(count=seats, date=date_label(occurrence, timezone))


def remove_confirm_keyboard(series_id: int, occurrence_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button(
                    # i18n: button
                    _("🗑 Remove anyway"),
                    REMOVE_DATE_ANYWAY.pack(series=series_id, arg=occurrence_id),
                )
            ],
            # i18n: button
            [button(_("Keep"), SERIES.view.pack(entry=series_id))],
        ]
    )


def removed_note(occurrence: Occurrence, timezone: str, seats: int) -> str:
    date = date_label(occurrence, timezone)
    if not seats:
        return _("Removed {date}.").format(date=date)
    return ngettext(
        "Removed {date}. {count} client had a seat in it.",
        "Removed {date}. {count} clients had a seat in it.",
        seats,
    ).format(date=date, count=seats)


def _fields(title: str, description: str, capacity: int, minutes: int) -> str:
    return fields_text(
        title,
        description,
        ngettext(
            "Capacity: {count} seat per meeting", "Capacity: {count} seats per meeting", capacity
        ).format(count=capacity),
        _("Duration: {duration}").format(duration=duration_text(minutes)),
    )
