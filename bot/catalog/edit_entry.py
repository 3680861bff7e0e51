"""Editing one field of a service or a series: the field's button asks for the new value,
which is stored once valid. Which entry and which field are the flow's typed state
(`EditTarget`, loaded and stored by `flows.typed_step`).

Conversation states are persisted, so the names made here never change: state
`<states>.edit`, conversation (and flow) `edit_<noun>`, its state holding `<noun>_id`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic

from telegram import Update
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler

from bot.catalog.buttons import Edit
from bot.catalog.entry_state import EditTarget
from bot.catalog.entry_views import E, EntryScreens
from bot.kit.context import BotContext
from bot.kit.errors import describe
from bot.kit.flows import END, TEXT, begin, conversation, typed_step
from bot.kit.reasons import reason
from bot.kit.replies import Route, buttons, reply, typed_text, user_id
from bot.kit.texts import FLOW_GONE, try_again
from domain.errors import DomainError, InvalidInput
from domain.ports import UnitOfWork
from i18n import _


@dataclass(frozen=True)
class EditEntryFlow(Generic[E]):
    """The edit-a-field flow of one kind of entry."""

    screens: EntryScreens[E]  # noun, states, questions, callback data of the entry's buttons
    get: Callable[[UnitOfWork, int, int], Awaitable[E]]
    update: Callable[[BotContext, int, int, str, str], Awaitable[E]]  # id, field, typed text
    send: Callable[[Update, BotContext, E], Awaitable[None]]  # "Saved." and the entry's screen

    @property
    def state(self) -> str:
        return f"{self.screens.states}.edit"

    @property
    def draft_flow(self) -> str:
        return f"edit_{self.screens.noun}"  # the conversation and its flow state

    @property
    def id_key(self) -> str:
        return f"{self.screens.noun}_id"  # the key EditTarget is stored under

    async def start_edit(self, update: Update, context: BotContext, press: Edit) -> str:
        """The coach picked a field to edit and is asked for its new value."""
        await self.get(
            context.uow(write=False), user_id(update), press.entry
        )  # not found: no question
        target = EditTarget(self.id_key, press.entry, press.field)
        begin(context, self.draft_flow, target)
        await reply(update, _(self.screens.ask_new_value[target.field]))
        return self.state

    async def got_new_value(
        self, update: Update, context: BotContext, target: EditTarget
    ) -> str | int:
        """Saves a valid new value and shows the entry; otherwise says why and asks again."""
        text = "" if typed_text(update).startswith("/skip") else typed_text(update)
        try:
            entry = await self.update(
                context, user_id(update), target.entry_id, target.field, text
            )
        except InvalidInput as exc:
            await reply(update, try_again(reason(exc)))
            return self.state
        except DomainError as exc:  # deleted meanwhile: say so and leave the flow
            await reply(update, describe(exc))
            return END
        await self.send(update, context, entry)
        return END

    def build(self) -> ConversationHandler:  # type: ignore[type-arg]
        typed = typed_step(self.draft_flow, EditTarget.loader(self.id_key), FLOW_GONE)
        return conversation(
            self.draft_flow,
            self.screens.words.edit_label,
            entry_points=[buttons(Route(self.screens.buttons.edit, self.start_edit), exact=True)],
            states={
                self.state: [
                    MessageHandler(TEXT, typed(self.got_new_value)),
                    CommandHandler("skip", typed(self.got_new_value)),
                ],
            },
        )
