"""/new<noun>, the flow a service and a series share: title → description or /skip → the
kind's own typed answers → duration → hidden → Save. The draft is the flow's typed state
(`EntryDraft`, loaded and stored by `flows.typed_step`); nothing is stored before Save.

Conversation states are persisted, so the names made here never change: states
`<states>.title` … `<states>.confirm`, conversation (and flow) `new_<noun>`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from telegram import Update
from telegram.ext import (
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from bot.catalog import shared_views as catalog
from bot.catalog.entry_state import EntryDraft
from bot.catalog.entry_views import E, EntryScreens
from bot.kit.context import BotContext
from bot.kit.flows import (
    END,
    TEXT,
    Handler,
    answer,
    begin,
    cancel,
    conversation,
    typed_step,
)
from bot.kit.reasons import reason
from bot.kit.replies import greet_coach, pressed, reply, step_button, typed_text, user_id
from bot.kit.texts import FLOW_GONE, try_again
from domain.catalog.rules import validate_description, validate_duration, validate_title
from domain.errors import InvalidInput
from domain.parsing import parse_duration_minutes
from domain.ports import UnitOfWork
from i18n import _

D = TypeVar("D")  # the kind's draft class
EntryStep = Callable[[Update, BotContext, EntryDraft], Awaitable[str | int]]


@dataclass(frozen=True)
class Typed:
    """An answer a kind asks for between description and duration (a series' capacity)."""

    state: str
    key: str  # in EntryDraft.extra
    question: str  # marked with N_
    parse: Callable[[str], int]


@dataclass(frozen=True)
class NewEntryFlow(Generic[D, E]):
    """The new-entry flow of one kind of entry."""

    screens: EntryScreens[E]  # noun, states, summary, the entry's and the flow's buttons
    draft: Callable[[dict[str, Any]], D]  # the draft class, from the flow's plain dict
    create: Callable[[UnitOfWork, int, D], Awaitable[E]]
    send: Callable[[Update, BotContext, E], Awaitable[None]]  # "Saved." and the entry's screen
    extra: tuple[Typed, ...] = ()

    def state(self, name: str) -> str:
        return f"{self.screens.states}.{name}"

    @property
    def extra_keys(self) -> tuple[str, ...]:
        return tuple(typed.key for typed in self.extra)

    @property
    def draft_flow(self) -> str:
        return f"new_{self.screens.noun}"  # the conversation and its flow state

    async def start(self, update: Update, context: BotContext) -> str:
        """A coach starts a new service or series and is asked for its title."""
        if update.callback_query is not None:
            await update.callback_query.answer()
        await greet_coach(update, context)
        begin(context, self.draft_flow, EntryDraft.blank(self.extra_keys))
        await reply(update, self.screens.words.ask_title())
        return self.state("title")

    async def got_title(self, update: Update, context: BotContext, draft: EntryDraft) -> str:
        """Keeps the title and asks for a description."""
        if (title := await answer(update, validate_title)) is None:
            return self.state("title")
        draft.title = title.value
        await reply(update, self.screens.words.ask_description())
        return self.state("description")

    async def got_description(self, update: Update, context: BotContext, draft: EntryDraft) -> str:
        """Keeps the description (or none, on /skip) and asks the next question."""
        skipped = typed_text(update).startswith("/skip")
        parse = (lambda _: "") if skipped else validate_description
        if (description := await answer(update, parse)) is None:
            return self.state("description")
        draft.description = description.value
        return await self.ask_from(update, 0)

    def got_extra(self, index: int) -> EntryStep:
        typed = self.extra[index]

        async def got(update: Update, context: BotContext, draft: EntryDraft) -> str:
            """Keeps the kind's own answer (a series' seats) and asks the next question."""
            if (value := await answer(update, typed.parse)) is None:
                return typed.state
            draft.extra[typed.key] = value.value
            return await self.ask_from(update, index + 1)

        return got

    async def ask_from(self, update: Update, index: int) -> str:
        """Asks the kind's own question `index`, or for the duration after the last one."""
        if index < len(self.extra):
            await reply(update, _(self.extra[index].question))
            return self.extra[index].state
        markup = catalog.duration_keyboard(self.screens.buttons)
        await reply(update, _(catalog.ASK_DURATION), reply_markup=markup)
        return self.state("duration")

    async def got_duration(self, update: Update, context: BotContext, draft: EntryDraft) -> str:
        """Keeps a typed duration ("60", "1h30") and asks whether to hide the entry."""
        again = catalog.duration_keyboard(self.screens.buttons)
        if (minutes := await answer(update, parse_duration_minutes, again)) is None:
            return self.state("duration")
        draft.duration_minutes = minutes.value
        return await self.ask_hidden(update)

    async def picked_duration(self, update: Update, context: BotContext, draft: EntryDraft) -> str:
        """Keeps a duration from the buttons, checked like a typed one (button data can be
        forged), and asks whether to hide the entry."""
        minutes = self.screens.buttons.duration.parse(await pressed(update))
        try:
            draft.duration_minutes = validate_duration(minutes)
        except InvalidInput as exc:
            again = catalog.duration_keyboard(self.screens.buttons)
            await reply(update, try_again(reason(exc)), reply_markup=again)
            return self.state("duration")
        return await self.ask_hidden(update)

    async def ask_hidden(self, update: Update) -> str:
        markup = catalog.hidden_keyboard(self.screens.buttons)
        await reply(update, self.screens.words.ask_hidden(), reply_markup=markup)
        return self.state("hidden")

    async def picked_hidden(self, update: Update, context: BotContext, draft: EntryDraft) -> str:
        """Keeps the hidden choice and shows the summary with Save / Cancel."""
        draft.hidden = self.screens.buttons.hidden.parse(await pressed(update))
        markup = catalog.summary_keyboard(self.screens.buttons)
        await reply(update, self.screens.summary(draft.to_dict()), reply_markup=markup)
        return self.state("confirm")

    async def save(self, update: Update, context: BotContext, draft: EntryDraft) -> str | int:
        """Stores the new entry and shows it with its buttons."""
        await pressed(update)
        values = draft.to_dict()
        try:
            entry = await self.create(context.uow(), user_id(update), self.draft(values))
        except InvalidInput as exc:  # the summary stays, with its buttons
            markup = catalog.summary_keyboard(self.screens.buttons)
            await reply(update, try_again(reason(exc)))
            await reply(update, self.screens.summary(values), reply_markup=markup)
            return self.state("confirm")
        await self.send(update, context, entry)
        return END

    def build(self) -> ConversationHandler:  # type: ignore[type-arg]
        kind, noun = self.screens.buttons, self.screens.noun
        return conversation(
            self.draft_flow,
            self.screens.words.new_label,
            entry_points=[
                CommandHandler(f"new{noun}", self.start),
                step_button(kind.new, self.start),
            ],
            states=self.states_handlers(),
        )

    def states_handlers(self) -> dict[object, list[Handler]]:
        kind = self.screens.buttons
        typed = typed_step(self.draft_flow, EntryDraft.loader(self.extra_keys), FLOW_GONE)
        extra: dict[object, list[Handler]] = {
            t.state: [MessageHandler(TEXT, typed(self.got_extra(i)))]
            for i, t in enumerate(self.extra)
        }
        return {
            self.state("title"): [MessageHandler(TEXT, typed(self.got_title))],
            self.state("description"): [
                MessageHandler(TEXT, typed(self.got_description)),
                CommandHandler("skip", typed(self.got_description)),
            ],
            **extra,
            self.state("duration"): [
                MessageHandler(TEXT, typed(self.got_duration)),
                step_button(kind.duration, typed(self.picked_duration)),
            ],
            self.state("hidden"): [step_button(kind.hidden, typed(self.picked_hidden))],
            self.state("confirm"): [
                step_button(kind.save, typed(self.save)),
                step_button(kind.cancel, cancel_button),
            ],
        }


async def cancel_button(update: Update, context: BotContext) -> int:
    """Cancel on the summary: nothing is stored."""
    await pressed(update)
    return await cancel(update, context)
