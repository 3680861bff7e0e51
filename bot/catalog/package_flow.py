"""The package flow's state and navigation, shared by its step handlers.

The whole state is the flow's state in the flow toolkit (`flows`, flow `new_package`) as
plain JSON: the `PackageDraft.to_dict()` fields, "flow" naming this flow and "where" saying
where in it we are. So it survives restarts (the conversation is persistent), and /cancel
and the timeout drop all of it.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot.catalog import new_package_views as views
from bot.kit import flows
from bot.kit.context import BotContext
from bot.kit.replies import reply, require_coach, settle, user_id
from domain.catalog.drafts import PackageDraft
from domain.catalog.overview import ItemChoice, choices_for_items
from i18n import _

NAME = "new_package"  # the conversation, and its state in the flow toolkit
FLOW_NAME = "package"  # draft["flow"], the tag its persisted drafts carry

TITLE = "np.title"
DESCRIPTION = "np.description"
PICK = "np.pick"
QUANTITY = "np.quantity"
ITEMS = "np.items"
REMOVE = "np.remove"
CURRENCY = "np.currency"
AMOUNT = "np.amount"
HIDDEN = "np.hidden"
VALIDITY = "np.validity"
SUMMARY = "np.summary"
FIELD = "np.field"

ORDER = ("title", "description", "items", "price", "hidden", "validity")
END = ConversationHandler.END


@dataclass
class Flow:
    """The draft, plus: which stored package it edits (None: a new one), whether the summary
    was reached (then every step returns to it), the item whose quantity is asked, and the
    currency chosen before the amount is typed."""

    draft: PackageDraft
    package_id: int | None = None
    to_summary: bool = False
    pick: dict[str, Any] | None = None
    currency: str | None = None

    @property
    def editing(self) -> bool:
        return self.package_id is not None

    def to_dict(self) -> dict[str, Any]:
        where = {
            "package_id": self.package_id,
            "to_summary": self.to_summary,
            "pick": self.pick,
            "currency": self.currency,
        }
        return {**self.draft.to_dict(), "flow": FLOW_NAME, "where": where}

    @classmethod
    def from_dict(cls, data: object) -> Flow | None:
        """None when the state is missing or is not a package draft."""
        if not isinstance(data, dict) or data.get("flow") != FLOW_NAME:
            return None
        where = data.get("where")
        where = where if isinstance(where, dict) else {}
        package_id = where.get("package_id")
        return cls(
            draft=PackageDraft.from_dict(data),
            package_id=None if package_id is None else int(package_id),
            to_summary=bool(where.get("to_summary")),
            pick=where.get("pick"),
            currency=where.get("currency"),
        )


def begin(context: BotContext, flow: Flow) -> None:
    flows.begin(context, NAME, flow)


# Loads the Flow before a step and stores it after (or drops it when the flow ends).
step = flows.typed_step(NAME, Flow.from_dict, views.FLOW_LOST)

R = TypeVar("R", bound=flows.State)


def button_step(handler: Callable[[Update, BotContext, Flow], Awaitable[R]]) -> flows.Step:
    """A `step` that settles the pressed button first (answered, its keyboard taken off, so
    its question cannot be answered twice); a typed answer in its place is left as it is."""

    @functools.wraps(handler)
    async def settled(update: Update, context: BotContext, flow: Flow) -> R:
        await settle(update)
        return await handler(update, context, flow)

    return step(settled)


async def choices(update: Update, context: BotContext) -> list[ItemChoice]:
    return await choices_for_items(context.uow(write=False), user_id(update))


async def send(update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    await reply(update, text, reply_markup=keyboard)


async def ask(update: Update, context: BotContext, flow: Flow, field: str) -> str | int:
    """Asks for one field and returns the state that waits for the answer."""
    if field == "title":
        await send(update, _(views.ASK_TITLE_AGAIN) if flow.to_summary else _(views.ASK_TITLE))
        return TITLE
    if field == "description":
        await send(update, _(views.ASK_DESCRIPTION), views.description_keyboard())
        return DESCRIPTION
    if field == "items":
        return await ask_items(update, context, flow)
    if field == "price":
        await send(update, _(views.ASK_CURRENCY), views.currency_keyboard())
        return CURRENCY
    if field == "hidden":
        await send(update, _(views.ASK_HIDDEN), views.hidden_keyboard())
        return HIDDEN
    if not (await require_coach(update, context)).plan.allows_time_limited_packages:
        flow.draft.validity_days = None
        await send(update, _(views.VALIDITY_NEEDS_PLAN))
        return await show_summary(update, flow)
    await send(update, views.ask_validity(), views.validity_keyboard())
    return VALIDITY


async def ask_items(update: Update, context: BotContext, flow: Flow) -> str:
    """The items so far with what can be done next, or straight the list to pick from."""
    if flow.draft.items:
        return await show_items(update, flow)
    return await ask_pick(update, context)


async def show_items(update: Update, flow: Flow) -> str:
    """The items so far, with Add another / Remove an item / Done."""
    await send(update, views.items_menu(flow.draft.items), views.items_keyboard(flow.draft.items))
    return ITEMS


async def ask_pick(update: Update, context: BotContext) -> str:
    found = await choices(update, context)
    if not found:
        await send(update, _(views.NO_CATALOG), views.items_keyboard([]))
        return ITEMS
    await send(update, _(views.PICK_ITEM), views.pick_keyboard(found, 1))
    return PICK


async def advance(update: Update, context: BotContext, flow: Flow, done: str) -> str | int:
    """After a valid answer: the next step, or the summary once it was reached."""
    if flow.to_summary or done == ORDER[-1]:
        return await show_summary(update, flow)
    return await ask(update, context, flow, ORDER[ORDER.index(done) + 1])


async def show_fields(update: Update, flow: Flow, intro: str = "") -> str:
    """The draft with a button per field to change (`intro`, said, above it)."""
    await send(update, views.field_menu(flow.draft, intro), views.field_keyboard())
    return FIELD


async def show_summary(update: Update, flow: Flow) -> str:
    flow.to_summary = True
    await send(
        update, views.summary(flow.draft, flow.editing), views.summary_keyboard(flow.editing)
    )
    return SUMMARY
