"""/newpackage: one persistent conversation that creates a package step by step, and that
also edits (or, after cloning, adjusts) a stored one with the very same steps."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler

from bot.catalog import new_package_views as views
from bot.catalog import package_items, package_summary
from bot.catalog.buttons import (
    FORM_CURRENCY,
    FORM_HIDDEN,
    FORM_NEW,
    FORM_NO_DESCRIPTION,
    FORM_NO_EXPIRY,
    PACKAGE_CLONE,
    PACKAGE_EDIT,
)
from bot.catalog.package_flow import (
    AMOUNT,
    CURRENCY,
    DESCRIPTION,
    END,
    HIDDEN,
    NAME,
    TITLE,
    VALIDITY,
    Flow,
    advance,
    begin,
    button_step,
    send,
    show_fields,
    show_summary,
    step,
)
from bot.kit.context import BotContext
from bot.kit.errors import describe
from bot.kit.flows import TEXT, conversation
from bot.kit.reasons import reason
from bot.kit.replies import (
    Route,
    buttons,
    callback_data,
    register,
    require_coach,
    settle,
    step_button,
    typed_text,
    user_id,
)
from domain.catalog.drafts import (
    PackageDraft,
    draft_set_description,
    draft_set_hidden,
    draft_set_price,
    draft_set_title,
    draft_set_validity,
)
from domain.catalog.overview import choices_for_items
from domain.catalog.packages import clone_package, package_draft
from domain.errors import InvalidInput, PlanRequired
from domain.money import SUPPORTED_CURRENCIES
from i18n import N_, _


async def new_package(update: Update, context: BotContext) -> str | int:
    """The coach starts a new package, or learns to create a service or series first."""
    await register(update, context)
    if not await choices_for_items(context.uow(write=False), user_id(update)):
        await settle(update)
        await send(update, _(views.NO_CATALOG))
        return END
    await settle(update)
    begin(context, Flow(PackageDraft()))
    await send(update, _(views.ASK_TITLE))
    return TITLE


async def edit_package(update: Update, context: BotContext, package_id: int) -> str:
    """The coach changes any field of their package, with the same questions and checks."""
    assert update.callback_query is not None
    draft = await package_draft(context.uow(write=False), user_id(update), package_id)
    await update.callback_query.answer()
    flow = Flow(draft, package_id=package_id, to_summary=True)
    begin(context, flow)
    return await show_fields(update, flow, views.editing_intro(draft.title))


async def clone(update: Update, context: BotContext, package_id: int) -> str:
    """The coach gets an independent copy of a package, opened for editing."""
    copy = await clone_package(context.uow(), user_id(update), package_id, context.now())
    await settle(update)  # the package's buttons go: its screen is now behind the copy's
    flow = Flow(PackageDraft.of(copy), package_id=copy.id, to_summary=True)
    begin(context, flow)
    return await show_fields(update, flow, views.cloned_intro(copy.title))


@step
async def title(update: Update, context: BotContext, flow: Flow) -> str | int:
    """The typed title, or what is wrong with it."""
    try:
        draft_set_title(flow.draft, typed_text(update))
    except InvalidInput as exc:
        await send(update, views.bad_input(reason(exc), _(views.ASK_TITLE_AGAIN)))
        return TITLE
    return await advance(update, context, flow, "title")


@button_step
async def description(update: Update, context: BotContext, flow: Flow) -> str | int:
    """The typed description, or none (a button or /skip)."""
    said = update.message.text if update.message is not None else None
    text = "" if said is None or said.startswith("/") else said  # /skip or the button
    try:
        draft_set_description(flow.draft, text)
    except InvalidInput as exc:
        await send(update, views.bad_input(reason(exc), _(views.ASK_DESCRIPTION)))
        return DESCRIPTION
    return await advance(update, context, flow, "description")


@button_step
async def currency(update: Update, context: BotContext, flow: Flow) -> str:
    """The currency from its button; then the amount is typed."""
    code = FORM_CURRENCY.parse(callback_data(update))
    if code not in SUPPORTED_CURRENCIES:
        await send(update, _(views.ASK_CURRENCY), views.currency_keyboard())
        return CURRENCY
    flow.currency = code
    await send(update, views.ask_amount(code))
    return AMOUNT


@step
async def amount(update: Update, context: BotContext, flow: Flow) -> str | int:
    """The typed price in the chosen currency ("49.90"; 0 is free), or what is wrong."""
    if flow.currency is None:
        await send(update, _(views.ASK_CURRENCY), views.currency_keyboard())
        return CURRENCY
    try:
        draft_set_price(flow.draft, typed_text(update), flow.currency)
    except InvalidInput as exc:
        await send(update, views.bad_input(reason(exc), views.ask_amount(flow.currency)))
        return AMOUNT
    return await advance(update, context, flow, "price")


@button_step
async def hidden(update: Update, context: BotContext, flow: Flow) -> str | int:
    """Shown on the booking page, or sold through its direct link only."""
    draft_set_hidden(flow.draft, FORM_HIDDEN.parse(callback_data(update)))
    return await advance(update, context, flow, "hidden")


@button_step
async def validity(update: Update, context: BotContext, flow: Flow) -> str | int:
    """Days of use after purchase (typed), or no expiry (the button)."""
    text = typed_text(update) if update.message is not None else None
    try:
        draft_set_validity(flow.draft, text, (await require_coach(update, context)).plan)
    except InvalidInput as exc:
        await send(
            update, views.bad_input(reason(exc), views.ask_validity()), views.validity_keyboard()
        )
        return VALIDITY
    except PlanRequired as exc:
        await send(update, describe(exc))
        return await show_summary(update, flow)
    return await advance(update, context, flow, "validity")


def build() -> ConversationHandler:  # type: ignore[type-arg]
    return conversation(
        NAME,
        # i18n: fills "You are in the middle of {label}: …" (the flow that is open)
        N_("a package form (/newpackage)"),
        entry_points=[
            CommandHandler("newpackage", new_package),
            step_button(FORM_NEW, new_package),
            buttons(
                Route(PACKAGE_EDIT, edit_package),
                Route(PACKAGE_CLONE, clone, once=True),
                answer=False,
                exact=True,
            ),
        ],
        states={
            TITLE: [MessageHandler(TEXT, title)],
            DESCRIPTION: [
                MessageHandler(TEXT, description),
                CommandHandler("skip", description),
                step_button(FORM_NO_DESCRIPTION, description),
            ],
            **package_items.states(),
            CURRENCY: [step_button(FORM_CURRENCY, currency)],
            AMOUNT: [MessageHandler(TEXT, amount), step_button(FORM_CURRENCY, currency)],
            HIDDEN: [step_button(FORM_HIDDEN, hidden)],
            VALIDITY: [
                MessageHandler(TEXT, validity),
                step_button(FORM_NO_EXPIRY, validity),
            ],
            **package_summary.states(),
        },
    )
