"""The list and buttons a service and a series share: /services or /series, paging, view,
hide/unhide, delete. Callback data `<prefix>:<action>:<id>[:<arg>]`; `<prefix>:list:<page>`
is also what the coach home sends. Each kind says only what differs (`services.py`,
`series.py`): its words, its use cases and how one entry's screen is shown."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.catalog.entry_views import HIDDEN_NOTE, SHOWN_NOTE, E, EntryScreens
from bot.catalog.shared_views import PER_PAGE, STALE_BUTTON, Callback
from bot.kit.context import BotContext
from bot.kit.flows import Handler
from bot.kit.replies import Action, acts_once, greet_coach, out_of_date, router, show, user_id
from domain.catalog.entries import DeleteCheck, Deleted
from domain.pagination import Page
from domain.ports import UnitOfWork

ShowEntry = Callable[[Update, BotContext, int, str], Awaitable[None]]  # id, note


@dataclass(frozen=True)
class EntryActions(Generic[E]):
    """The list command and buttons of one kind of entry."""

    screens: EntryScreens[E]
    command: str  # "services": /services
    list_entries: Callable[[UnitOfWork, int, int, int], Awaitable[Page[E]]]  # page, per page
    set_hidden: Callable[[UnitOfWork, int, int, bool], Awaitable[E]]
    delete_check: Callable[[UnitOfWork, int, int], Awaitable[DeleteCheck[Any]]]
    delete_entry: Callable[[UnitOfWork, int, int, datetime], Awaitable[Deleted[Any]]]
    show_entry: ShowEntry  # the entry's screen in place of the pressed message, with a note

    async def list_command(self, update: Update, context: BotContext) -> None:
        """The coach gets the first page of their services or series."""
        await greet_coach(update, context)
        await self.show_list(update, context, 1)

    async def show_list(self, update: Update, context: BotContext, page_number: int) -> None:
        page = await self.list_entries(
            context.uow(write=False), user_id(update), page_number, PER_PAGE
        )
        await show(update, self.screens.list_text(page), self.screens.list_keyboard(page))

    async def list_page(self, update: Update, context: BotContext, cb: Callback) -> None:
        """The coach pages through their services or series in the same message."""
        await self.show_list(update, context, cb.item_id)

    async def view(self, update: Update, context: BotContext, cb: Callback) -> None:
        """The coach sees one entry with its buttons."""
        await self.show_entry(update, context, cb.item_id, "")

    async def hide(self, update: Update, context: BotContext, cb: Callback) -> None:
        """The coach hides an entry (also "Hide instead" of deleting it)."""
        await self.set_hidden(context.uow(), user_id(update), cb.item_id, True)
        await self.show_entry(update, context, cb.item_id, HIDDEN_NOTE)

    async def unhide(self, update: Update, context: BotContext, cb: Callback) -> None:
        """The coach shows a hidden entry again."""
        await self.set_hidden(context.uow(), user_id(update), cb.item_id, False)
        await self.show_entry(update, context, cb.item_id, SHOWN_NOTE)

    async def ask_delete(self, update: Update, context: BotContext, cb: Callback) -> None:
        """The coach learns what a delete would touch and picks Delete, Hide instead or Keep."""
        check = await self.delete_check(context.uow(write=False), user_id(update), cb.item_id)
        question = self.screens.delete_question(check.entry, check.usage)
        await show(update, question, self.screens.delete_keyboard(check.entry))

    async def delete(self, update: Update, context: BotContext, cb: Callback) -> None:
        """The coach deletes the entry (soft); packages holding only it are hidden."""
        done = await self.delete_entry(context.uow(), user_id(update), cb.item_id, context.now())
        text = self.screens.deleted_text(done.entry, done.hidden_packages)
        await show(update, text, self.screens.back_to_list())

    def actions(self) -> dict[str, Action]:
        return {
            "list": self.list_page,
            "view": self.view,
            "hide": self.hide,
            "show": self.unhide,
            "del": self.ask_delete,
        }

    def add_to(self, app: Application, *flows: Handler) -> None:  # type: ignore[type-arg]
        """The kind's flows first, so their entry buttons win over this router."""
        app.add_handlers([*flows, *self.handlers()])

    def handlers(self) -> list[Handler]:
        """The command, the buttons, and a word for a flow's buttons pressed after it ended;
        after the kind's flows, so their entry buttons win over this router."""
        prefix, flow = self.screens.prefix, self.screens.flow
        return [
            CommandHandler(self.command, self.list_command),
            CallbackQueryHandler(
                acts_once(router(prefix, {"delok": self.delete})), pattern=f"^{prefix}:delok:"
            ),
            CallbackQueryHandler(router(prefix, self.actions()), pattern=f"^{prefix}:"),
            CallbackQueryHandler(out_of_date(STALE_BUTTON), pattern=f"^{flow}:"),
        ]
