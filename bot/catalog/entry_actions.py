"""The list and buttons a service and a series share: /services or /series, paging, view,
hide/unhide, delete; the buttons are the kind's `EntryButtons` (bot/catalog/buttons.py).
Each kind says only what differs (`services.py`, `series.py`): its words, its use cases and
how one entry's screen is shown."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.catalog.entry_views import HIDDEN_NOTE, SHOWN_NOTE, E, EntryScreens
from bot.catalog.shared_views import PER_PAGE, STALE_BUTTON
from bot.kit.context import BotContext
from bot.kit.flows import Handler
from bot.kit.replies import Route, buttons, greet_coach, out_of_date, show, user_id
from domain.catalog.entries import EntryKind
from i18n import _

ShowEntry = Callable[[Update, BotContext, int, str], Awaitable[None]]  # id, note (said)


@dataclass(frozen=True)
class EntryActions(Generic[E]):
    """The list command and buttons of one kind of entry."""

    screens: EntryScreens[E]
    command: str  # "services": /services
    use_cases: EntryKind[Any]  # the domain's use cases of the kind: `SERVICES`, `SERIES`
    show_entry: ShowEntry  # the entry's screen in place of the pressed message, with a note

    async def list_command(self, update: Update, context: BotContext) -> None:
        """The coach gets the first page of their services or series."""
        await greet_coach(update, context)
        await self.show_list(update, context, 1)

    async def show_list(self, update: Update, context: BotContext, page_number: int) -> None:
        page = await self.use_cases.page(
            context.uow(write=False), user_id(update), page_number, PER_PAGE
        )
        await show(update, self.screens.list_text(page), self.screens.list_keyboard(page))

    async def list_page(self, update: Update, context: BotContext, page: int) -> None:
        """The coach pages through their services or series in the same message."""
        await self.show_list(update, context, page)

    async def view(self, update: Update, context: BotContext, entry_id: int) -> None:
        """The coach sees one entry with its buttons."""
        await self.show_entry(update, context, entry_id, "")

    async def hide(self, update: Update, context: BotContext, entry_id: int) -> None:
        """The coach hides an entry (also "Hide instead" of deleting it)."""
        await self.use_cases.set_hidden(context.uow(), user_id(update), entry_id, True)
        await self.show_entry(update, context, entry_id, _(HIDDEN_NOTE))

    async def unhide(self, update: Update, context: BotContext, entry_id: int) -> None:
        """The coach shows a hidden entry again."""
        await self.use_cases.set_hidden(context.uow(), user_id(update), entry_id, False)
        await self.show_entry(update, context, entry_id, _(SHOWN_NOTE))

    async def ask_delete(self, update: Update, context: BotContext, entry_id: int) -> None:
        """The coach learns what a delete would touch and picks Delete, Hide instead or Keep."""
        uow = context.uow(write=False)
        check = await self.use_cases.delete_check(uow, user_id(update), entry_id)
        question = self.screens.delete_question(check.entry, check.usage)
        await show(update, question, self.screens.delete_keyboard(check.entry))

    async def delete(self, update: Update, context: BotContext, entry_id: int) -> None:
        """The coach deletes the entry (soft); packages holding only it are hidden."""
        uow, now = context.uow(), context.now()
        done = await self.use_cases.delete(uow, user_id(update), entry_id, now)
        text = self.screens.deleted_text(done.entry, done.hidden_packages)
        await show(update, text, self.screens.back_to_list())

    def add_to(self, app: Application, *flows: Handler) -> None:  # type: ignore[type-arg]
        """The kind's flows first, so their entry buttons win over this router."""
        app.add_handlers([*flows, *self.handlers()])

    def handlers(self) -> list[Handler]:
        """The command, the buttons, and a word for a flow's buttons pressed after it ended;
        after the kind's flows, so their entry buttons win over this router."""
        kind = self.screens.buttons
        return [
            CommandHandler(self.command, self.list_command),
            buttons(
                Route(kind.list, self.list_page),
                Route(kind.view, self.view),
                Route(kind.hide, self.hide),
                Route(kind.show, self.unhide),
                Route(kind.delete, self.ask_delete),
                Route(kind.delete_ok, self.delete, once=True),
                family=kind.prefix,
            ),
            CallbackQueryHandler(out_of_date(STALE_BUTTON), pattern=f"^{kind.flow}:"),
        ]
