"""What a coach reads about their 1:1 services: the paged list, one service, its actions."""

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
    usage_lines,
)
from domain.catalog.model import Service, Usage
from domain.pagination import Page

SVC = "svc"  # svc:<action>:<id>[:<arg>] — list, view, hide, show, del, delok, edit
FLOW = "svcf"  # buttons inside the /newservice flow
NOUN = "service"
FIELD_NAMES = {"title": "title", "description": "description", "duration": "duration"}

EMPTY_LIST = (
    "<b>Your services</b>\n\nYou have no services yet. A service is a 1:1 session type "
    "(say, “Coaching call, 60 min”) that your packages sell sessions of.\n"
    "Press <b>New service</b> or send /newservice to create your first one."
)
LIST_HINT = "Tap a service to view, edit, hide or delete it."
ASK_NEW_VALUE = {
    "title": "Type the new <b>title</b> (up to 100 characters), or /cancel.",
    "description": "Type the new <b>description</b>, or /skip to clear it, or /cancel.",
    "duration": "Type the new <b>duration</b> (e.g. <code>60</code> or <code>1h30</code>), "
    "or /cancel.",
}
SAVED = "Saved."
HIDDEN_NOTE = "Hidden: clients don't see it, and packages that include it still book it."
SHOWN_NOTE = "Visible to clients again."


def summary(draft: dict[str, Any]) -> str:
    """The draft before Save, from the flow's plain dict."""
    return (
        "<b>New service — please check</b>\n\n"
        f"{_fields(draft['title'], draft['description'], draft['duration_minutes'])}\n"
        f"Shown: {hidden_text(bool(draft['hidden']))}\n\nSave it?"
    )


def list_text(page: Page[Service]) -> str:
    if page.total == 0:
        return EMPTY_LIST
    first = (page.page - 1) * PER_PAGE + 1
    entries = [
        f"{n}. <b>{escape(s.title)}</b> — {duration_text(s.duration_minutes)}"
        + (" · hidden" if s.hidden else "")
        for n, s in enumerate(page.items, start=first)
    ]
    return "\n\n".join([list_header("Your services", page), "\n".join(entries), LIST_HINT])


def list_keyboard(page: Page[Service]) -> InlineKeyboardMarkup:
    first = (page.page - 1) * PER_PAGE + 1
    rows = [
        [button(f"{n}. {s.title}", callback(SVC, "view", s.id))]
        for n, s in enumerate(page.items, start=first)
    ]
    paging = paging_row(SVC, page)
    rows += [paging] if paging else []
    return InlineKeyboardMarkup([*rows, [button("➕ New service", f"{FLOW}:new")]])


def service_text(service: Service, note: str = "") -> str:
    text = (
        f"{_fields(service.title, service.description, service.duration_minutes)}\n"
        f"Shown: {hidden_text(service.hidden)}"
    )
    return f"{text}\n\n<i>{note}</i>" if note else text


def service_keyboard(service: Service) -> InlineKeyboardMarkup:
    sid = service.id
    hide = ("👁 Unhide", "show") if service.hidden else ("🙈 Hide", "hide")
    return InlineKeyboardMarkup(
        [
            [
                button("✏️ Title", callback(SVC, "edit", sid, "title")),
                button("✏️ Description", callback(SVC, "edit", sid, "description")),
                button("✏️ Duration", callback(SVC, "edit", sid, "duration")),
            ],
            [
                button(hide[0], callback(SVC, hide[1], sid)),
                button("🗑 Delete", callback(SVC, "del", sid)),
            ],
            [button("◀ All services", callback(SVC, "list", 1))],
        ]
    )


def delete_question(service: Service, usage: Usage) -> str:
    return f"Delete <b>{escape(service.title)}</b>?\n\n" + usage_lines(
        NOUN, usage.packages, usage.sold_packages, usage.packages_left_empty
    )


def delete_keyboard(service: Service) -> InlineKeyboardMarkup:
    sid = service.id
    rows = [[button("🗑 Delete", callback(SVC, "delok", sid))]]
    if not service.hidden:
        rows.append([button("🙈 Hide instead", callback(SVC, "hide", sid))])
    rows.append([button("Keep", callback(SVC, "view", sid))])
    return InlineKeyboardMarkup(rows)


def deleted_text(service: Service, hidden_packages: int) -> str:
    return deleted_lines(NOUN, service.title, hidden_packages)


def back_to_list() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button("◀ All services", callback(SVC, "list", 1))]])


def _fields(title: str, description: str, minutes: int) -> str:
    lines = [f"<b>{escape(title)}</b>"]
    if description:
        lines.append(escape(description))
    lines += ["", f"Duration: {duration_text(minutes)}"]
    return "\n".join(lines)
