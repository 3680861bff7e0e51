"""What a coach reads about their 1:1 services: one service and its buttons, the new-service
summary. The paged list and deleting, which a service shares with a series, are in `entries`."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup

from bot.catalog import entry_views as entries
from bot.catalog.buttons import SERVICE
from bot.catalog.entry_views import EntryScreens, fields_text
from bot.catalog.shared_views import button, duration_text, hidden_text
from domain.catalog.model import Service

NOUN = "service"

EMPTY_LIST = (
    "<b>Your services</b>\n\nYou have no services yet. A service is a 1:1 session type "
    "(say, “Coaching call, 60 min”) that your packages sell sessions of.\n"
    "Press <b>New service</b> or send /newservice to create your first one."
)
LIST_HINT = "Tap a service to view, edit, hide or delete it."
ASK_NEW_VALUE = entries.ASK_NEW_VALUE  # a service has only the fields every entry has
SCREENS: EntryScreens[Service] = EntryScreens(
    buttons=SERVICE,
    noun=NOUN,
    plural="services",
    empty=EMPTY_LIST,
    hint=LIST_HINT,
    details=lambda s: duration_text(s.duration_minutes),
)


def summary(draft: dict[str, Any]) -> str:
    """The draft before Save, from the flow's plain dict."""
    return (
        "<b>New service — please check</b>\n\n"
        f"{_fields(draft['title'], draft['description'], draft['duration_minutes'])}\n"
        f"Shown: {hidden_text(bool(draft['hidden']))}\n\nSave it?"
    )


def service_text(service: Service, note: str = "") -> str:
    text = (
        f"{_fields(service.title, service.description, service.duration_minutes)}\n"
        f"Shown: {hidden_text(service.hidden)}"
    )
    return f"{text}\n\n<i>{note}</i>" if note else text


def service_keyboard(service: Service) -> InlineKeyboardMarkup:
    sid = service.id
    return InlineKeyboardMarkup(
        [
            [
                button("✏️ Title", SERVICE.edit.pack(entry=sid, field="title")),
                button("✏️ Description", SERVICE.edit.pack(entry=sid, field="description")),
                button("✏️ Duration", SERVICE.edit.pack(entry=sid, field="duration")),
            ],
            SCREENS.hide_delete_row(service),
            SCREENS.back_row(),
        ]
    )


def _fields(title: str, description: str, minutes: int) -> str:
    return fields_text(title, description, f"Duration: {duration_text(minutes)}")
