"""The items step of the package flow: pick a service or series, type how many sessions,
repeat, remove one, done."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.catalog import new_package_views as views
from bot.catalog.buttons import (
    FORM_ADD,
    FORM_BACK,
    FORM_DELETE,
    FORM_DONE,
    FORM_MORE,
    FORM_PAGE,
    FORM_REMOVE,
)
from bot.catalog.package_flow import (
    ITEMS,
    PICK,
    QUANTITY,
    REMOVE,
    Flow,
    advance,
    ask_pick,
    button_step,
    choices,
    send,
    show_items,
    step,
)
from bot.kit.context import BotContext
from bot.kit.reasons import reason
from bot.kit.replies import callback_data, quiet_edit, settle, step_button, typed_text
from domain.catalog.drafts import draft_add_item, draft_remove_item
from domain.catalog.rules import validate_item_count
from domain.errors import InvalidInput
from i18n import _


@button_step
async def picked(update: Update, context: BotContext, flow: Flow) -> str:
    """The coach picked a service or series: ask how many sessions of it."""
    press = FORM_ADD.parse(callback_data(update))
    kind, ref_id = press.kind, press.ref_id
    found = [
        c for c in await choices(update, context) if (c.kind.value, c.ref_id) == (kind, ref_id)
    ]
    if not found:
        await send(update, _(views.ITEM_GONE))
        return await ask_pick(update, context)
    flow.pick = {"kind": kind, "ref_id": ref_id, "title": found[0].title}
    await send(update, views.ask_quantity(found[0].title))
    return QUANTITY


async def paged(update: Update, context: BotContext) -> str:
    """Another page of services and series to pick from."""
    query = update.callback_query
    assert query is not None
    number = FORM_PAGE.parse(callback_data(update))
    await query.answer()
    keyboard = views.pick_keyboard(await choices(update, context), number)
    await quiet_edit(query.edit_message_reply_markup(reply_markup=keyboard))
    return PICK


@step
async def quantity(update: Update, context: BotContext, flow: Flow) -> str:
    """The typed number of sessions: added to the draft, or asked again."""
    pick = flow.pick
    if pick is None:
        return await ask_pick(update, context)
    try:
        draft_add_item(
            flow.draft, pick["kind"], int(pick["ref_id"]), typed_text(update), pick["title"]
        )
    except InvalidInput as exc:
        await send(update, views.bad_input(reason(exc), views.ask_quantity(pick["title"])))
        return QUANTITY
    flow.pick = None
    return await show_items(update, flow)


@button_step
async def more(update: Update, context: BotContext, flow: Flow) -> str:
    """Add another service or series."""
    return await ask_pick(update, context)


@button_step
async def remove(update: Update, context: BotContext, flow: Flow) -> str:
    """Which item to take out."""
    await send(update, _(views.ASK_REMOVE), views.remove_keyboard(flow.draft.items))
    return REMOVE


@button_step
async def removed(update: Update, context: BotContext, flow: Flow) -> str:
    """Takes the item out (a stale button changes nothing) and shows what is left."""
    press = FORM_DELETE.parse(callback_data(update))
    draft_remove_item(flow.draft, press.kind, press.ref_id)
    return await show_items(update, flow)


@button_step
async def back(update: Update, context: BotContext, flow: Flow) -> str:
    return await show_items(update, flow)


@step
async def done(update: Update, context: BotContext, flow: Flow) -> str | int:
    """Items finished: at least one is needed, then on to the price (or the summary)."""
    query = update.callback_query
    assert query is not None
    try:
        validate_item_count(len(flow.draft.items))
    except InvalidInput as exc:
        await query.answer(_("Sorry, {reason}.").format(reason=reason(exc)), show_alert=True)
        return ITEMS
    await settle(update)
    return await advance(update, context, flow, "items")


def states() -> dict[object, list[BaseHandler]]:  # type: ignore[type-arg]
    pick = step_button(FORM_ADD, picked)
    return {
        PICK: [pick, step_button(FORM_PAGE, paged)],
        QUANTITY: [MessageHandler(filters.TEXT & ~filters.COMMAND, quantity), pick],
        ITEMS: [
            step_button(FORM_MORE, more),
            step_button(FORM_REMOVE, remove),
            step_button(FORM_DONE, done),
        ],
        REMOVE: [
            step_button(FORM_DELETE, removed),
            step_button(FORM_BACK, back),
        ],
    }
