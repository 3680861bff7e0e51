"""What the service and series screens share: durations, counts, paging, and the questions
of the "new service" and "new series" flows (their buttons are in `buttons`)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.catalog.buttons import EntryButtons
from domain.pagination import Page

PER_PAGE = 5
DURATION_CHOICES = (30, 45, 60, 90)


def button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def hidden_text(hidden: bool) -> str:
    return "hidden from clients" if hidden else "visible to clients"


def try_again(reason: str) -> str:
    return f"Sorry, {escape(reason)}. Please try again, or send /cancel to stop."


def ask_title(noun: str) -> str:
    return f"New {noun}. What is its <b>title</b>? (up to 100 characters, /cancel to stop)"


def ask_description(noun: str) -> str:
    return f"A short <b>description</b> of the {noun} for clients, or /skip to leave it empty."


ASK_DURATION = (
    "How long is one session? Type minutes or hours, for example <code>60</code>, "
    "<code>90 min</code> or <code>1h30</code>, or pick one:"
)
STALE_BUTTON = "This button belongs to a step that is over. Start again from the command."


def ask_hidden(noun: str) -> str:
    return (
        f"Hide this {noun} from clients for now? You can change it later; a hidden {noun} "
        "stays bookable through packages that include it."
    )


def duration_keyboard(kind: EntryButtons) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(duration_text(m), kind.duration.pack(minutes=m)) for m in DURATION_CHOICES]]
    )


def hidden_keyboard(kind: EntryButtons) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button("👁 No, show it", kind.hidden.pack(hidden=0)),
                button("🙈 Yes, hide it", kind.hidden.pack(hidden=1)),
            ]
        ]
    )


def summary_keyboard(kind: EntryButtons) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button("✅ Save", kind.save.pack()), button("✖ Cancel", kind.cancel.pack())]]
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
    header = f"<b>{title}</b> ({page.total})"
    return header + (f" · page {page.page} of {page.pages}" if page.pages > 1 else "")
