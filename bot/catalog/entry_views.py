"""What a coach reads alike about a service and a series (the catalog's entries): the paged
list, the buttons every entry has, deleting, and the words of editing one field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Generic, Protocol, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.catalog.buttons import EntryButtons
from bot.catalog.shared_views import PER_PAGE, button, list_header, paging_row, plural
from domain.catalog.model import Usage
from domain.pagination import Page

SAVED = "Saved."
HIDDEN_NOTE = "Hidden: clients don't see it, and packages that include it still book it."
SHOWN_NOTE = "Visible to clients again."
ASK_NEW_VALUE = {  # the fields every entry has; a kind adds its own
    "title": "Type the new <b>title</b> (up to 100 characters), or /cancel.",
    "description": "Type the new <b>description</b>, or /skip to clear it, or /cancel.",
    "duration": "Type the new <b>duration</b> (e.g. <code>60</code> or <code>1h30</code>), "
    "or /cancel.",
}


class Entry(Protocol):
    @property
    def id(self) -> int | None: ...

    @property
    def title(self) -> str: ...

    @property
    def hidden(self) -> bool: ...


E = TypeVar("E", bound=Entry)


@dataclass(frozen=True)
class EntryScreens(Generic[E]):
    """The screens one kind of entry shares with the other, in its own words."""

    buttons: EntryButtons  # its screens' and its flows' buttons
    noun: str  # "service": "New service", "Delete this service?"
    plural: str  # "services": "Your services", "All services"
    empty: str  # the list when there is nothing in it
    hint: str  # under a list that has entries
    details: Callable[[E], str]  # what the list says after an entry's title

    def list_text(self, page: Page[E]) -> str:
        if page.total == 0:
            return self.empty
        first = (page.page - 1) * PER_PAGE + 1
        entries = [
            f"{n}. <b>{escape(e.title)}</b> — {self.details(e)}"
            + (" · hidden" if e.hidden else "")
            for n, e in enumerate(page.items, start=first)
        ]
        header = list_header(f"Your {self.plural}", page)
        return "\n\n".join([header, "\n".join(entries), self.hint])

    def list_keyboard(self, page: Page[E]) -> InlineKeyboardMarkup:
        first = (page.page - 1) * PER_PAGE + 1
        rows = [
            [button(f"{n}. {e.title}", self.buttons.view.pack(entry=e.id))]
            for n, e in enumerate(page.items, start=first)
        ]
        paging = paging_row(page, lambda n: self.buttons.list.pack(page=n))
        rows += [paging] if paging else []
        new = button(f"➕ New {self.noun}", self.buttons.new.pack())
        return InlineKeyboardMarkup([*rows, [new]])

    def hide_delete_row(self, entry: E) -> list[InlineKeyboardButton]:
        kind = self.buttons
        label, act = ("👁 Unhide", kind.show) if entry.hidden else ("🙈 Hide", kind.hide)
        return [
            button(label, act.pack(entry=entry.id)),
            button("🗑 Delete", kind.delete.pack(entry=entry.id)),
        ]

    def back_row(self) -> list[InlineKeyboardButton]:
        return [button(f"◀ All {self.plural}", self.buttons.list.pack(page=1))]

    def back_to_list(self) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([self.back_row()])

    def delete_question(self, entry: E, usage: Usage) -> str:
        return f"Delete <b>{escape(entry.title)}</b>?\n\n" + usage_lines(
            self.noun, usage.packages, usage.sold_packages, usage.packages_left_empty
        )

    def delete_keyboard(self, entry: E) -> InlineKeyboardMarkup:
        kind = self.buttons
        rows = [[button("🗑 Delete", kind.delete_ok.pack(entry=entry.id))]]
        if not entry.hidden:
            rows.append([button("🙈 Hide instead", kind.hide.pack(entry=entry.id))])
        rows.append([button("Keep", kind.view.pack(entry=entry.id))])
        return InlineKeyboardMarkup(rows)

    def deleted_text(self, entry: E, hidden_packages: int) -> str:
        return deleted_lines(self.noun, entry.title, hidden_packages)


def fields_text(title: str, description: str, *details: str) -> str:
    """The title, the description if there is one, a blank line, then the kind's details."""
    lines = [f"<b>{escape(title)}</b>"]
    if description:
        lines.append(escape(description))
    return "\n".join([*lines, "", *details])


def usage_lines(noun: str, packages: int, sold: int, left_empty: int) -> str:
    """What a delete would touch, for the confirmation question."""
    if not packages and not sold:
        return f"No package includes this {noun}."
    lines = [
        f"It is in {plural(packages, 'package')} and {plural(sold, 'sold package')}. "
        f"Deleting removes it from them: clients can no longer book it "
        "(sessions already booked stay booked)."
    ]
    if left_empty:
        one = left_empty == 1
        lines.append(
            f"⚠️ {plural(left_empty, 'package')} {'holds' if one else 'hold'} only this {noun}, "
            f"so deleting leaves {'it' if one else 'them'} empty: "
            f"{'it' if one else 'they'} will be hidden."
        )
    lines.append(f"You can hide the {noun} instead: packages keep booking it.")
    return "\n".join(lines)


def deleted_lines(noun: str, title: str, hidden: int) -> str:
    text = (
        f"Deleted <b>{escape(title)}</b>. It is no longer in any package, and sold packages "
        "can no longer book it."
    )
    if hidden:
        verb = "is" if hidden == 1 else "are"
        text += f"\n{plural(hidden, 'package')} that held only this {noun} {verb} now hidden."
    return text
