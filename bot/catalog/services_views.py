"""What a coach reads about their 1:1 services: one service and its buttons, the new-service
summary. The paged list and deleting, which a service shares with a series, are in `entries`."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup

from bot.catalog import entry_views as entries
from bot.catalog.buttons import SERVICE
from bot.catalog.entry_views import EntryScreens, fields_text
from bot.catalog.shared_views import button, duration_text, shown_line
from domain.catalog.model import Service
from i18n import N_, _, ngettext

NOUN = "service"

ASK_NEW_VALUE = entries.ASK_NEW_VALUE  # a service has only the fields every entry has


class ServiceWords:
    """What a service says in its own words (see `EntryWords`)."""

    # i18n: fills "You are in the middle of {label}: …" (the flow that is open)
    new_label = N_("creating a service (/newservice)")
    # i18n: fills "You are in the middle of {label}: …" (the flow that is open)
    edit_label = N_("editing a service")

    def list_title(self) -> str:
        return _("Your services")

    def empty(self) -> str:
        return _(
            "<b>Your services</b>\n\nYou have no services yet. A service is a 1:1 session type "
            "(say, “Coaching call, 60 min”) that your packages sell sessions of.\n"
            "Press <b>New service</b> or send /newservice to create your first one."
        )

    def hint(self) -> str:
        return _("Tap a service to view, edit, hide or delete it.")

    def new_button(self) -> str:
        # i18n: button
        return _("➕ New service")

    def back_button(self) -> str:
        # i18n: button
        return _("◀ All services")

    def ask_title(self) -> str:
        return _("New service. What is its <b>title</b>? (up to 100 characters, /cancel to stop)")

    def ask_description(self) -> str:
        return _(
            "A short <b>description</b> of the service for clients, or /skip to leave it empty."
        )

    def ask_hidden(self) -> str:
        return _(
            "Hide this service from clients for now? You can change it later; a hidden service "
            "stays bookable through packages that include it."
        )

    def in_no_package(self) -> str:
        return _("No package includes this service.")

    def left_empty(self, count: int) -> str:
        return ngettext(
            "⚠️ {count} package holds only this service, so deleting leaves it empty: "
            "it will be hidden.",
            "⚠️ {count} packages hold only this service, so deleting leaves them empty: "
            "they will be hidden.",
            count,
        ).format(count=count)

    def hide_instead(self) -> str:
        return _("You can hide the service instead: packages keep booking it.")

    def hidden_packages(self, count: int) -> str:
        return ngettext(
            "{count} package that held only this service is now hidden.",
            "{count} packages that held only this service are now hidden.",
            count,
        ).format(count=count)


def summary(draft: dict[str, Any]) -> str:
    """The draft before Save, from the flow's plain dict."""
    return _("<b>New service — please check</b>\n\n{fields}\n{shown}\n\nSave it?").format(
        fields=_fields(draft["title"], draft["description"], draft["duration_minutes"]),
        shown=shown_line(bool(draft["hidden"])),
    )


SCREENS: EntryScreens[Service] = EntryScreens(
    buttons=SERVICE,
    noun=NOUN,
    states="svc",
    words=ServiceWords(),
    details=lambda s: duration_text(s.duration_minutes),
    summary=summary,
    ask_new_value=ASK_NEW_VALUE,
)


def service_text(service: Service, note: str = "") -> str:
    """`note` is said already."""
    text = (
        f"{_fields(service.title, service.description, service.duration_minutes)}\n"
        f"{shown_line(service.hidden)}"
    )
    return f"{text}\n\n<i>{note}</i>" if note else text


def service_keyboard(service: Service) -> InlineKeyboardMarkup:
    sid = service.id
    return InlineKeyboardMarkup(
        [
            [
                # i18n: button
                button(_("✏️ Title"), SERVICE.edit.pack(entry=sid, field="title")),
                # i18n: button
                button(_("✏️ Description"), SERVICE.edit.pack(entry=sid, field="description")),
                # i18n: button
                button(_("✏️ Duration"), SERVICE.edit.pack(entry=sid, field="duration")),
            ],
            SCREENS.hide_delete_row(service),
            SCREENS.back_row(),
        ]
    )


def _fields(title: str, description: str, minutes: int) -> str:
    duration = _("Duration: {duration}").format(duration=duration_text(minutes))
    return fields_text(title, description, duration)
