"""Short conversations of selling: the coach's grant (with an optional note) and typing a new
expiry date or a number of days to extend by (then confirmed with a button)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from telegram import Update
from telegram.ext import CommandHandler, ConversationHandler, MessageHandler

from bot.kit.context import BotContext
from bot.kit.flows import END, TEXT, Record, State, begin, conversation, typed_step
from bot.kit.reasons import reason
from bot.kit.replies import Route, buttons, reply, settle, typed_text, user_id
from bot.kit.texts import FLOW_GONE, try_again
from bot.selling import desk_views, texts
from bot.selling.buttons import EXTEND, GRANT, NEW_DATE
from bot.selling.notices import access_url
from domain.catalog.packages import get_package
from domain.errors import InvalidInput
from domain.selling.desk import sold_package
from domain.selling.purchases import grant
from domain.selling.rules import EXTEND_MAX_DAYS, extended, parse_extension, parse_new_expiry
from i18n import N_, _

GRANT_FLOW, EXPIRY_FLOW = "grant", "sold_expiry"  # persisted names: never rename
NOTE, TYPED = "sell.note", "sold.typed"
ASK_NOTE = N_(
    "Granting <b>{title}</b>. Type a note for yourself (who paid, how), or /skip. /cancel to stop."
)
ASK_DATE = N_(
    "Type the new expiry date in your time zone ({zone}), like <code>31.12.2026</code> "
    "(the end of that day) or <code>2026-12-31 18:00</code>. /cancel to stop."
)
ASK_DAYS = N_(
    "Extend by how many days? Type a number from 1 to {max} (an expiry can be "
    "at most {max} days from today). /cancel to stop."
)


@dataclass(frozen=True)
class Granting(Record):
    """The package the coach grants, until the note is typed or skipped."""

    package_id: int


@dataclass(frozen=True)
class NewExpiry(Record):
    """The sold package whose expiry the coach types, and how: "date" or "ext" (days)."""

    sold_id: int
    how: str


granting = typed_step(GRANT_FLOW, Granting.load, FLOW_GONE)


async def grant_asked(update: Update, context: BotContext, package_id: int) -> State:
    """The coach pressed Grant: ask for an optional note."""
    package = await get_package(context.uow(write=False), user_id(update), package_id)
    await settle(update)
    begin(context, GRANT_FLOW, Granting(package_id))
    await reply(update, _(ASK_NOTE).format(title=escape(package.title)))
    return NOTE


@granting
async def grant_noted(update: Update, context: BotContext, draft: Granting) -> State:
    """The coach typed a note: the package is granted with it."""
    return await _grant(update, context, draft, typed_text(update))


@granting
async def grant_skipped(update: Update, context: BotContext, draft: Granting) -> State:
    """The coach skipped the note: the package is granted without one."""
    return await _grant(update, context, draft, "")


async def _grant(update: Update, context: BotContext, draft: Granting, note: str) -> State:
    """The coach gets the new sold package's access link to forward."""
    assert update.effective_message is not None
    request = f"grant:{user_id(update)}:{update.effective_message.message_id}"
    try:
        sale = await grant(
            context.uow(),
            user_id(update),
            draft.package_id,
            note,
            request,
            context.now(),
            context.reminders,
        )
    except InvalidInput as exc:
        await reply(update, try_again(reason(exc)))
        return NOTE
    if sale is not None:
        url = access_url(context, sale.sold.access_token)
        await reply(update, texts.granted_message(sale.sold, sale.coach.timezone, url))
    return END


async def expiry_asked(update: Update, context: BotContext, press: tuple[str, int]) -> State:
    """The coach chose to type a new date or a number of days."""
    how, sold_id = press
    view = await sold_package(context.uow(write=False), user_id(update), sold_id, context.now())
    await settle(update)
    begin(context, EXPIRY_FLOW, NewExpiry(view.sold.stored_id, how))
    if how == "date":
        await reply(update, _(ASK_DATE).format(zone=view.zone))
    else:
        await reply(update, _(ASK_DAYS).format(max=EXTEND_MAX_DAYS))
    return TYPED


@typed_step(EXPIRY_FLOW, NewExpiry.load, FLOW_GONE)
async def expiry_typed(update: Update, context: BotContext, draft: NewExpiry) -> State:
    """The typed date or days become a question with a confirm button."""
    now = context.now()
    view = await sold_package(context.uow(write=False), user_id(update), draft.sold_id, now)
    try:
        if draft.how == "date":
            new = parse_new_expiry(typed_text(update), view.zone, now)
        else:
            new = extended(view.sold.expires_at, parse_extension(typed_text(update)), now)
    except InvalidInput as exc:
        await reply(update, try_again(reason(exc)))
        return TYPED
    text = desk_views.expiry_question(view.sold, new, view.zone)
    await reply(update, text, reply_markup=desk_views.confirm_expiry(view.sold, new))
    return END


def build() -> list[ConversationHandler]:  # type: ignore[type-arg]
    return [
        conversation(
            GRANT_FLOW,
            N_("granting a package"),
            entry_points=[buttons(Route(GRANT, grant_asked), answer=False)],
            states={
                NOTE: [MessageHandler(TEXT, grant_noted), CommandHandler("skip", grant_skipped)]
            },
        ),
        conversation(
            EXPIRY_FLOW,
            N_("changing an expiry"),
            entry_points=[
                buttons(Route(NEW_DATE, expiry_asked), Route(EXTEND, expiry_asked), answer=False)
            ],
            states={TYPED: [MessageHandler(TEXT, expiry_typed)]},
        ),
    ]
