"""What the service and series screens share: durations, counts, paging, and the questions
of the "new service" and "new series" flows (their buttons are in `buttons`). Everything is
said in the current language; the constants are marked with `N_` and said with `_`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.catalog.buttons import EntryButtons
from domain.pagination import Page
from i18n import N_, _

PER_PAGE = 5
DURATION_CHOICES = (30, 45, 60, 90)


def button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        # i18n: a duration, also on a button: "45 min"
        return _("{minutes} min").format(minutes=minutes)
    if rest:
        # i18n: a duration, also on a button: "1 h 30 min"
        return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    # i18n: a duration, also on a button: "2 h"
    return _("{hours} h").format(hours=hours)


def hidden_text(hidden: bool) -> str:
    """What follows "Shown:" on an entry's screen."""
    return _("hidden from clients") if hidden else _("visible to clients")


def shown_line(hidden: bool) -> str:
    return _("Shown: {shown}").format(shown=hidden_text(hidden))


ASK_DURATION = N_(
    "How long is one session? Type minutes or hours, for example <code>60</code>, "
    "<code>90 min</code> or <code>1h30</code>, or pick one:"
)
STALE_BUTTON = N_("This button belongs to a step that is over. Start again from the command.")


def duration_keyboard(kind: EntryButtons) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(duration_text(m), kind.duration.pack(minutes=m)) for m in DURATION_CHOICES]]
    )


def hidden_keyboard(kind: EntryButtons) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                # i18n: button
                button(_("👁 No, show it"), kind.hidden.pack(hidden=0)),
                # i18n: button
                button(_("🙈 Yes, hide it"), kind.hidden.pack(hidden=1)),
            ]
        ]
    )


def summary_keyboard(kind: EntryButtons) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                # i18n: button
                button(_("✅ Save"), kind.save.pack()),
                # i18n: button
                button(_("✖ Cancel"), kind.cancel.pack()),
            ]
        ]
    )


def paging_row(page: Page[Any], data_for: Callable[[int], str]) -> list[InlineKeyboardButton]:
    """◀ ▶ for the pages around this one; `data_for(n)` is the callback data of page n."""
    row = []
    if page.has_previous:
        row.append(button("◀", data_for(page.page - 1)))
    if page.has_next:
        row.append(button("▶", data_for(page.page + 1)))
    return row


def list_header(title: str, page: Page[Any]) -> str:
    """`title` (said already) with the count, and which page when there are more."""
    header = f"<b>{title}</b> ({page.total})"
    if page.pages <= 1:
        return header
    return f"{header} · " + _("page {page} of {pages}").format(page=page.page, pages=page.pages)
