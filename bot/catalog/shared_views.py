"""What the service and series screens share: callback data, durations, counts, paging,
and the questions of the "new service" and "new series" flows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from domain.errors import NotFound
from domain.pagination import Page

PER_PAGE = 5
DURATION_CHOICES = (30, 45, 60, 90)

# `<prefix>:<action>:<id>[:<arg>]`; ids fit a 32-bit column, so no id can overflow a query.
_CALLBACK = re.compile(
    r"(?P<prefix>svc|ser):(?P<action>[a-z]{1,8}):(?P<id>[0-9]{1,9})(?::(?P<arg>[a-z0-9]{1,12}))?"
)


@dataclass(frozen=True)
class Callback:
    action: str
    item_id: int
    arg: str | None = None

    def number(self, default: int | None = None) -> int:
        """The arg as a second id or page; anything else is NotFound."""
        if self.arg is None and default is not None:
            return default
        if self.arg is None or not self.arg.isdigit() or len(self.arg) > 9:
            raise NotFound()
        return int(self.arg)


def callback(prefix: str, action: str, item_id: int | None, arg: object = None) -> str:
    data = f"{prefix}:{action}:{item_id or 0}"
    return data if arg is None else f"{data}:{arg}"


def parse_callback(prefix: str, data: str | None) -> Callback:
    """Strict parse; anything malformed is NotFound, exactly like someone else's id."""
    match = _CALLBACK.fullmatch(data or "")
    if match is None or match["prefix"] != prefix:
        raise NotFound()
    return Callback(match["action"], int(match["id"]), match["arg"])


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


def duration_keyboard(flow: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(duration_text(m), f"{flow}:dur:{m}") for m in DURATION_CHOICES]]
    )


def hidden_keyboard(flow: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button("👁 No, show it", f"{flow}:hidden:0"),
                button("🙈 Yes, hide it", f"{flow}:hidden:1"),
            ]
        ]
    )


def summary_keyboard(flow: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button("✅ Save", f"{flow}:save"), button("✖ Cancel", f"{flow}:cancel")]]
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
