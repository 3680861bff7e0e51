"""The end of the package flow: the summary with Save / Edit a field / Cancel, and the menu
that jumps back to one step (which then returns to the summary)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.catalog import new_package_views as views
from bot.catalog.buttons import FORM_CANCEL, FORM_FIELD, FORM_FIELDS, FORM_SAVE, FORM_SUMMARY
from bot.catalog.package_flow import (
    END,
    FIELD,
    ORDER,
    SUMMARY,
    Flow,
    ask,
    button_step,
    send,
    show_fields,
    show_summary,
    step,
)
from bot.kit import texts
from bot.kit.context import BotContext
from bot.kit.errors import describe
from bot.kit.reasons import reason
from bot.kit.replies import callback_data, require_coach, settle, step_button, user_id
from domain.catalog.packages import create_package, update_package
from domain.errors import InvalidInput, NotFound, PlanRequired
from i18n import _


@button_step
async def save(update: Update, context: BotContext, flow: Flow) -> str | int:
    """Stores the package (new, or the changes); the domain checks the whole draft again."""
    coach = user_id(update)
    try:
        if flow.package_id is None:
            package = await create_package(context.uow(), coach, flow.draft, context.now())
        else:
            package = await update_package(context.uow(), coach, flow.package_id, flow.draft)
    except InvalidInput as exc:
        await send(update, views.bad_input(reason(exc), _(views.FIX_AND_SAVE)))
        return await show_summary(update, flow)
    except PlanRequired as exc:
        await send(update, describe(exc))
        return await show_summary(update, flow)
    except NotFound as exc:
        await send(update, describe(exc))
        return END
    assert package.id is not None
    await send(
        update,
        views.saved(package.title, created=not flow.editing),
        views.saved_keyboard(package.id),
    )
    return END


@button_step
async def fields(update: Update, context: BotContext, flow: Flow) -> str:
    """Which field to change."""
    return await show_fields(update, flow)


@step
async def field(update: Update, context: BotContext, flow: Flow) -> str | int:
    """Jumps to one step; it returns to the summary. Validity is refused on the free plan."""
    name = FORM_FIELD.parse(callback_data(update))
    assert update.callback_query is not None
    plan = (await require_coach(update, context)).plan if name == "validity" else None
    if plan is not None and not plan.allows_time_limited_packages:
        await update.callback_query.answer(_(views.VALIDITY_NEEDS_PLAN_SHORT), show_alert=True)
        return FIELD
    await settle(update)
    flow.to_summary = True
    assert name in ORDER
    return await ask(update, context, flow, name)


@button_step
async def summary(update: Update, context: BotContext, flow: Flow) -> str:
    return await show_summary(update, flow)


@button_step
async def cancel(update: Update, context: BotContext, flow: Flow) -> int:
    """Leaves the flow from its button; nothing unsaved is kept."""
    await send(update, _(texts.CANCELLED))
    return END


def states() -> dict[object, list[BaseHandler]]:  # type: ignore[type-arg]
    cancel_button = step_button(FORM_CANCEL, cancel)
    return {
        SUMMARY: [step_button(FORM_SAVE, save), step_button(FORM_FIELDS, fields), cancel_button],
        FIELD: [step_button(FORM_FIELD, field), step_button(FORM_SUMMARY, summary), cancel_button],
    }
