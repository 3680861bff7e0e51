"""/start (with deep links), /help, /becomecoach, /setplan and the /cancel outside flows."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from html import escape
from math import ceil

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.catalog.home_views import coach_home_keyboard
from bot.kit import flows, texts
from bot.kit.commands import register_coach_commands
from bot.kit.context import BotContext
from bot.kit.deeplinks import DeepLink, LinkKind, link, parse_payload
from bot.kit.replies import out_of_date, register, reply, user_id
from domain import accounts
from domain.accounts import parse_user_id
from domain.catalog.overview import catalog_counts
from domain.errors import InvalidInput, NotFound
from i18n import _

LinkRoute = Callable[[Update, BotContext, DeepLink], Awaitable[None]]
DEEP_LINK_ROUTES: dict[LinkKind, LinkRoute] = {}


async def start(update: Update, context: BotContext) -> None:
    """Greets a client, shows a coach their home, or opens a deep link."""
    if context.args:
        await open_deep_link(update, context, context.args[0])
        return
    greeting = await register(update, context)
    if greeting.coach is None:
        await reply(update, _(texts.CLIENT_WELCOME).format(name=escape(greeting.user.first_name)))
        return
    booking = link(context.bot_username, LinkKind.COACH, greeting.coach.slug)
    counts = await catalog_counts(context.uow(write=False), greeting.coach.user_id)
    await reply(
        update,
        texts.coach_home(greeting.coach, booking, counts),
        reply_markup=coach_home_keyboard(counts, context.deps.settings.web_base_url),
    )


async def open_deep_link(update: Update, context: BotContext, payload: str) -> None:
    """Opens a booking page, package or access link; anything else gets one polite refusal.
    More than 10 bad links in 10 minutes: wait, with no lookup meanwhile."""
    throttle, who, now = context.deps.link_throttle, user_id(update), context.now()
    wait = throttle.wait(who, now)
    if wait is not None:
        minutes = ceil(wait.total_seconds() / 60)
        await reply(update, _(texts.TOO_MANY_LINKS).format(minutes=minutes))
        return
    parsed = parse_payload(payload)
    route = DEEP_LINK_ROUTES.get(parsed.kind) if parsed else None
    try:
        if parsed is None or route is None:
            raise NotFound()
        await route(update, context, parsed)
    except NotFound:
        throttle.failed(who, now)
        await reply(update, _(texts.INVALID_LINK))


async def help_command(update: Update, context: BotContext) -> None:
    """Lists what this person can do."""
    greeting = await register(update, context)
    if greeting.coach is not None:
        text = _(texts.COACH_HELP).format(zone=greeting.coach.timezone)
    else:
        zone = greeting.user.timezone or default_zone(context)
        text = _(texts.CLIENT_HELP).format(zone=zone)
    if greeting.user.telegram_id in context.deps.policy.admin_ids:
        text += "\n\n" + _(texts.ADMIN_HELP)
    await reply(update, text)


def default_zone(context: BotContext) -> str:
    """The bot's default time zone, for someone who chose none: "UTC (default)"."""
    return _("{zone} (default)").format(zone=context.deps.settings.default_timezone)


async def become_coach(update: Update, context: BotContext) -> None:
    """Makes the person a coach when registration is open (or they are listed)."""
    user = update.effective_user
    assert user is not None
    coach, created = await accounts.become_coach(
        context.uow(), user.id, user.first_name, context.deps.policy, context.now()
    )
    if created:
        await register_coach_commands(
            context.bot, coach.user_id, context.deps.settings.web_base_url
        )
    await reply(update, texts.became_coach(coach, created))


async def set_plan(update: Update, context: BotContext) -> None:
    """An admin moves a coach to another plan."""
    user = update.effective_user
    assert user is not None
    args = context.args or []
    try:
        coach_id = parse_user_id(args[0]) if len(args) == 2 else None
    except InvalidInput:
        coach_id = None
    if user.id in context.deps.policy.admin_ids and coach_id is None:
        await reply(update, _(texts.SETPLAN_USAGE))
        return
    plan = args[1] if len(args) > 1 else ""
    coach = await accounts.set_plan(
        context.uow(), user.id, coach_id or 0, plan, context.deps.policy
    )
    await reply(update, texts.plan_set(coach))


async def cancel_outside_flow(update: Update, context: BotContext) -> None:
    """/cancel when no flow is open (a flow state left behind is dropped too)."""
    flows.finish(context)
    await reply(update, _(texts.NOTHING_TO_CANCEL))


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("help", help_command))
    app.add_handler(CommandHandler("becomecoach", become_coach))
    app.add_handler(CommandHandler("setplan", set_plan))


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command no handler knows."""
    await reply(update, _(texts.UNKNOWN_COMMAND))


async def unexpected_text(update: Update, context: BotContext) -> None:
    """Text outside any flow."""
    await reply(update, _(texts.UNEXPECTED_TEXT))


# Every button this bot makes: `<prefix>:<rest>`; anything else (empty data too, which
# would match every pattern-filtered handler) is out of date before any handler sees it.
_BUTTON_DATA = re.compile(r"[a-z]{1,8}:[A-Za-z0-9_:/+-]{1,60}")


async def refuse_unknown_button(update: Update, context: BotContext) -> None:
    """A button with empty or malformed data: "out of date", and nothing else runs."""
    assert update.callback_query is not None
    if _BUTTON_DATA.fullmatch(update.callback_query.data or ""):
        return
    await update.callback_query.answer(_(texts.STALE_BUTTON))
    raise ApplicationHandlerStop


def add_guard_handlers(app: Application) -> None:  # type: ignore[type-arg]
    """Checks that run before every flow and screen (handler groups -3 and -2)."""
    app.add_handler(CallbackQueryHandler(refuse_unknown_button), group=-3)
    flows.add_guard(app)


def add_fallback_handlers(app: Application) -> None:  # type: ignore[type-arg]
    """Registered after every flow and screen: they answer only what nothing else took."""
    app.add_handler(CommandHandler("cancel", cancel_outside_flow))
    app.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(filters.TEXT, unexpected_text))
    app.add_handler(CallbackQueryHandler(out_of_date()))
