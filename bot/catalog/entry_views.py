"""What a coach reads alike about a service and a series (the catalog's entries): the paged
list, the buttons every entry has, deleting, and the words of editing one field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any, Generic, Protocol, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.catalog.buttons import EntryButtons
from bot.catalog.shared_views import PER_PAGE, button, list_header, paging_row
from domain.catalog.model import Usage
from domain.pagination import Page
from i18n import N_, _, ngettext

SAVED = N_("Saved.")
HIDDEN_NOTE = N_("Hidden: clients don't see it, and packages that include it still book it.")
SHOWN_NOTE = N_("Visible to clients again.")
ASK_NEW_VALUE = {  # the fields every entry has; a kind adds its own (marked with N_)
    "title": N_("Type the new <b>title</b> (up to 100 characters), or /cancel."),
    "description": N_("Type the new <b>description</b>, or /skip to clear it, or /cancel."),
    "duration": N_(
        "Type the new <b>duration</b> (e.g. <code>60</code> or <code>1h30</code>), or /cancel."
    ),
}


class EntryWords(Protocol):
    """What a kind of entry says in its own words, each sentence whole (a kind's name is never
    put into a shared sentence: languages decline and gender it). Said in the current language.
    """

    new_label: str  # the new-entry flow, marked with N_: "creating a service (/newservice)"
    edit_label: str  # the edit flow, marked with N_: "editing a service"

    def list_title(self) -> str: ...  # "Your services"
    def empty(self) -> str: ...  # the list when there is nothing in it
    def hint(self) -> str: ...  # under a list that has entries
    def new_button(self) -> str: ...  # "➕ New service"
    def back_button(self) -> str: ...  # "◀ All services"
    def ask_title(self) -> str: ...
    def ask_description(self) -> str: ...
    def ask_hidden(self) -> str: ...
    def in_no_package(self) -> str: ...  # "No package includes this service."
    def left_empty(self, count: int) -> str: ...  # packages a delete would leave empty
    def hide_instead(self) -> str: ...  # "You can hide the service instead: …"
    def hidden_packages(self, count: int) -> str: ...  # packages the delete hid


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
    noun: str  # "service": the names of its flows and their state (persisted, never said)
    states: str  # "svc": its flows' states "svc.title" … "svc.edit" (persisted, never said)
    words: EntryWords  # what it says in its own words
    details: Callable[[E], str]  # what the list says after an entry's title
    summary: Callable[[dict[str, Any]], str]  # the new entry's draft before Save
    ask_new_value: Mapping[str, str]  # field → question (N_); also which fields can be edited

    def list_text(self, page: Page[E]) -> str:
        if page.total == 0:
            return self.words.empty()
        first = (page.page - 1) * PER_PAGE + 1
        entries = [
            f"{n}. <b>{escape(e.title)}</b> — {self.details(e)}"
            + (" · " + _("hidden") if e.hidden else "")
            for n, e in enumerate(page.items, start=first)
        ]
        header = list_header(self.words.list_title(), page)
        return "\n\n".join([header, "\n".join(entries), self.words.hint()])

    def list_keyboard(self, page: Page[E]) -> InlineKeyboardMarkup:
        first = (page.page - 1) * PER_PAGE + 1
        rows = [
            [button(f"{n}. {e.title}", self.buttons.view.pack(entry=e.id))]
            for n, e in enumerate(page.items, start=first)
        ]
        paging = paging_row(page, lambda n: self.buttons.list.pack(page=n))
        rows += [paging] if paging else []
        new = button(self.words.new_button(), self.buttons.new.pack())
        return InlineKeyboardMarkup([*rows, [new]])

    def hide_delete_row(self, entry: E) -> list[InlineKeyboardButton]:
        kind = self.buttons
        # i18n: button
        label, act = (_("👁 Unhide"), kind.show) if entry.hidden else (_("🙈 Hide"), kind.hide)
        return [
            button(label, act.pack(entry=entry.id)),
            # i18n: button
            button(_("🗑 Delete"), kind.delete.pack(entry=entry.id)),
        ]

    def back_row(self) -> list[InlineKeyboardButton]:
        return [button(self.words.back_button(), self.buttons.list.pack(page=1))]

    def back_to_list(self) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([self.back_row()])

    def delete_question(self, entry: E, usage: Usage) -> str:
        question = _("Delete <b>{title}</b>?").format(title=escape(entry.title))
        return f"{question}\n\n" + usage_lines(
            self.words, usage.packages, usage.sold_packages, usage.packages_left_empty
        )

    def delete_keyboard(self, entry: E) -> InlineKeyboardMarkup:
        kind = self.buttons
        # i18n: button
        rows = [[button(_("🗑 Delete"), kind.delete_ok.pack(entry=entry.id))]]
        if not entry.hidden:
            # i18n: button
            rows.append([button(_("🙈 Hide instead"), kind.hide.pack(entry=entry.id))])
        # i18n: button
        rows.append([button(_("Keep"), kind.view.pack(entry=entry.id))])
        return InlineKeyboardMarkup(rows)

    def deleted_text(self, entry: E, hidden_packages: int) -> str:
        return deleted_lines(self.words, entry.title, hidden_packages)


def fields_text(title: str, description: str, *details: str) -> str:
    """The title, the description if there is one, a blank line, then the kind's details."""
    lines = [f"<b>{escape(title)}</b>"]
    if description:
        lines.append(escape(description))
    return "\n".join([*lines, "", *details])


def usage_lines(words: EntryWords, packages: int, sold: int, left_empty: int) -> str:
    """What a delete would touch, for the confirmation question."""
    if not packages and not sold:
        return words.in_no_package()
    if sold == 1:
        # i18n: {count} packages include it, and 1 ({sold}) sold package
        used = ngettext(
            "It is in {count} package and {sold} sold package. Deleting removes it from them: "
            "clients can no longer book it (sessions already booked stay booked).",
            "It is in {count} packages and {sold} sold package. Deleting removes it from them: "
            "clients can no longer book it (sessions already booked stay booked).",
            packages,
        )
    else:
        # i18n: {count} packages include it, and {sold} (0, or more than 1) sold packages
        used = ngettext(
            "It is in {count} package and {sold} sold packages. Deleting removes it from them: "
            "clients can no longer book it (sessions already booked stay booked).",
            "It is in {count} packages and {sold} sold packages. Deleting removes it from "
            "them: clients can no longer book it (sessions already booked stay booked).",
            packages,
        )
    lines = [used.format(count=packages, sold=sold)]
    if left_empty:
        lines.append(words.left_empty(left_empty))
    lines.append(words.hide_instead())
    return "\n".join(lines)


def deleted_lines(words: EntryWords, title: str, hidden: int) -> str:
    text = _(
        "Deleted <b>{title}</b>. It is no longer in any package, and sold packages "
        "can no longer book it."
    ).format(title=escape(title))
    if hidden:
        text += "\n" + words.hidden_packages(hidden)
    return text
