"""/newservice (title → description or /skip → duration → hidden → Save) and editing one
field of a service. Drafts are plain dicts in user_data["draft"]; nothing is stored before
Save (or, for an edit, before a valid value)."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.errors import describe
from bot.handlers.catalog_common import (
    current_draft,
    end_draft,
    greet_coach,
    keep_typed,
    pressed,
    start_draft,
    step,
    typed_text,
    user_id,
)
from bot.handlers.common import reply
from bot.handlers.flow import TIMEOUT_HANDLERS, cancel, fallbacks
from bot.views import catalog
from bot.views import services as views
from bot.views.catalog import parse_callback
from domain.catalog.rules import validate_description, validate_title
from domain.catalog.services import (
    ServiceDraft,
    create_service,
    get_service,
    update_service,
)
from domain.errors import DomainError, InvalidInput
from domain.parsing import parse_duration_minutes

TITLE, DESCRIPTION, DURATION, HIDDEN, CONFIRM = (
    "svc.title",
    "svc.description",
    "svc.duration",
    "svc.hidden",
    "svc.confirm",
)
EDIT_VALUE = "svc.edit"
NEW, EDIT = "new-service", "edit-service"  # draft["flow"]
FLOW = views.FLOW
TEXT = filters.TEXT & ~filters.COMMAND
TIMEOUT = timedelta(minutes=30).total_seconds()


async def start(update: Update, context: BotContext) -> str:
    """A coach starts a new service and is asked for its title."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    await greet_coach(update, context)
    start_draft(context, NEW, title="", description="", duration_minutes=0, hidden=False)
    await reply(update, catalog.ask_title(views.NOUN))
    return TITLE


@step
async def got_title(update: Update, context: BotContext) -> str:
    """Keeps the title and asks for a description."""
    if not await keep_typed(update, context, NEW, "title", validate_title):
        return TITLE
    await reply(update, catalog.ask_description(views.NOUN))
    return DESCRIPTION


@step
async def got_description(update: Update, context: BotContext) -> str:
    """Keeps the description (or none, on /skip) and asks for the duration."""
    skipped = typed_text(update).startswith("/skip")
    parse = (lambda _: "") if skipped else validate_description
    if not await keep_typed(update, context, NEW, "description", parse):
        return DESCRIPTION
    await reply(update, catalog.ASK_DURATION, reply_markup=catalog.duration_keyboard(FLOW))
    return DURATION


@step
async def got_duration(update: Update, context: BotContext) -> str:
    """Keeps a typed duration ("60", "1h30") and asks whether to hide the service."""
    again = catalog.duration_keyboard(FLOW)
    if not await keep_typed(
        update, context, NEW, "duration_minutes", parse_duration_minutes, again
    ):
        return DURATION
    return await ask_hidden(update)


@step
async def picked_duration(update: Update, context: BotContext) -> str:
    """Keeps a duration from the buttons and asks whether to hide the service."""
    minutes = int((await pressed(update)).rsplit(":", 1)[1])
    current_draft(context, NEW)["duration_minutes"] = minutes
    return await ask_hidden(update)


async def ask_hidden(update: Update) -> str:
    await reply(update, catalog.ask_hidden(views.NOUN), reply_markup=catalog.hidden_keyboard(FLOW))
    return HIDDEN


@step
async def picked_hidden(update: Update, context: BotContext) -> str:
    """Keeps the hidden choice and shows the summary with Save / Cancel."""
    hidden = (await pressed(update)).endswith(":1")
    draft = current_draft(context, NEW)
    draft["hidden"] = hidden
    await reply(update, views.summary(draft), reply_markup=catalog.summary_keyboard(FLOW))
    return CONFIRM


@step
async def save(update: Update, context: BotContext) -> int:
    """Stores the service and shows it with its buttons."""
    await pressed(update)
    draft = ServiceDraft.from_dict(current_draft(context, NEW))
    service = await create_service(context.uow(), user_id(update), draft)
    end_draft(context)
    await reply(
        update,
        views.service_text(service, views.SAVED),
        reply_markup=views.service_keyboard(service),
    )
    return ConversationHandler.END


async def cancel_button(update: Update, context: BotContext) -> int:
    """Cancel on the summary: nothing is stored."""
    await pressed(update)
    return await cancel(update, context)


def new_service() -> ConversationHandler:  # type: ignore[type-arg]
    return ConversationHandler(
        entry_points=[
            CommandHandler("newservice", start),
            CallbackQueryHandler(start, pattern=f"^{FLOW}:new$"),
        ],
        states={
            TITLE: [MessageHandler(TEXT, got_title)],
            DESCRIPTION: [
                MessageHandler(TEXT, got_description),
                CommandHandler("skip", got_description),
            ],
            DURATION: [
                MessageHandler(TEXT, got_duration),
                CallbackQueryHandler(picked_duration, pattern=f"^{FLOW}:dur:[0-9]{{2}}$"),
            ],
            HIDDEN: [CallbackQueryHandler(picked_hidden, pattern=f"^{FLOW}:hidden:[01]$")],
            CONFIRM: [
                CallbackQueryHandler(save, pattern=f"^{FLOW}:save$"),
                CallbackQueryHandler(cancel_button, pattern=f"^{FLOW}:cancel$"),
            ],
            **TIMEOUT_HANDLERS,
        },
        fallbacks=fallbacks(),
        name="new_service",
        persistent=True,
        allow_reentry=True,
        conversation_timeout=TIMEOUT,
    )


async def start_edit(update: Update, context: BotContext) -> str:
    """The coach picked a field to edit and is asked for its new value."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    cb = parse_callback(views.SVC, query.data)
    await get_service(context.uow(), user_id(update), cb.item_id)  # not found: no question
    field = cb.arg or ""
    start_draft(context, EDIT, service_id=cb.item_id, field=field)
    await reply(update, views.ASK_NEW_VALUE[field])
    return EDIT_VALUE


@step
async def got_new_value(update: Update, context: BotContext) -> str | int:
    """Saves a valid new value and shows the service; otherwise says why and asks again."""
    draft = current_draft(context, EDIT)
    text = "" if typed_text(update).startswith("/skip") else typed_text(update)
    try:
        service = await update_service(
            context.uow(), user_id(update), int(draft["service_id"]), str(draft["field"]), text
        )
    except InvalidInput as exc:
        await reply(update, catalog.try_again(exc.reason))
        return EDIT_VALUE
    except DomainError as exc:  # deleted meanwhile: say so and leave the flow
        end_draft(context)
        await reply(update, describe(exc))
        return ConversationHandler.END
    end_draft(context)
    await reply(
        update,
        views.service_text(service, views.SAVED),
        reply_markup=views.service_keyboard(service),
    )
    return ConversationHandler.END


def edit_service() -> ConversationHandler:  # type: ignore[type-arg]
    fields = "|".join(views.ASK_NEW_VALUE)
    return ConversationHandler(
        entry_points=[
            CallbackQueryHandler(start_edit, pattern=f"^{views.SVC}:edit:[0-9]{{1,9}}:({fields})$")
        ],
        states={
            EDIT_VALUE: [
                MessageHandler(TEXT, got_new_value),
                CommandHandler("skip", got_new_value),
            ],
            **TIMEOUT_HANDLERS,
        },
        fallbacks=fallbacks(),
        name="edit_service",
        persistent=True,
        allow_reentry=True,
        conversation_timeout=TIMEOUT,
    )
