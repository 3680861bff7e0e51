"""/availability's 🏖 Time away: the coach types the dates they are away, sees what it will
do (days without bookings, packages to extend, sessions booked inside) and confirms; the
packages are extended once, each client is told once with their new expiry, and the
sessions inside are listed with buttons to move or cancel them in /schedule.

Buttons `avaw:ask` (ask for dates, in `availability_views`), `avaw:ok` / `avaw:no`
(confirm, drop; acts once)."""

from __future__ import annotations

import logging
from datetime import datetime
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden

from bot.booking import availability_views as views
from bot.booking.availability_state import AWAY, FLOW, Screen, step
from bot.booking.schedule_buttons import session_data
from bot.catalog.shared_views import button
from bot.kit.callbacks import Callback
from bot.kit.context import BotContext
from bot.kit.flows import END, begin
from bot.kit.reasons import reason
from bot.kit.replies import reply, settle, show, typed_text, user_id
from bot.kit.texts import try_again
from bot.selling import texts as selling_texts
from domain.booking.availability import DaysOff
from domain.booking.time_away import Away, AwayPlan, declare_absence, plan_absence
from domain.booking.wallclock import week_of
from domain.errors import InvalidInput
from i18n import N_, _, ngettext, speaking, when

SAVE = Callback("avaw:ok", lambda: True)
DROP = Callback("avaw:no", lambda: False)
KINDS = SAVE, DROP  # True: declare, False: drop

ASK_DATES = N_(
    "When are you away? Type one date or a range, in your time zone: "
    "<code>24.12.2026 - 2.1.2027</code>. Those days take no bookings, and every active "
    "package with an expiry is extended by as many days. /cancel to stop."
)
DROPPED = N_("Nothing changed.")

log = logging.getLogger(__name__)


def _dates(away: DaysOff) -> str:
    if away.first == away.last:
        return when(away.first, "%a %d %b %Y")
    return f"{when(away.first, '%a %d %b %Y')} – {when(away.last, '%a %d %b %Y')}"


def _sessions(plan: AwayPlan) -> str:
    if not plan.sessions:
        return _("No sessions are booked on those days.")
    lines = [
        f"• {selling_texts.when(e.booking.starts_at, plan.zone)} {escape(e.booking.title)}"
        + (f" — {escape(e.client_name)}" if e.client_name else "")
        for e in plan.sessions
    ]
    count = len(plan.sessions)
    head = ngettext(
        "{count} session booked on those days (move or cancel them):",
        "{count} sessions booked on those days (move or cancel them):",
        count,
    ).format(count=count)
    return f"{head}\n" + "\n".join(lines)


def question(plan: AwayPlan) -> str:
    days = views.days(plan.days)
    head = _("🏖 Away <b>{dates}</b> ({days}).").format(dates=_dates(plan.away), days=days)
    extended = ngettext(
        "{count} active package with an expiry will be extended by {days}; each client is told.",
        "{count} active packages with an expiry will be extended by {days}; each client is told.",
        plan.packages,
    ).format(count=plan.packages, days=days)
    return (
        f"{head}\n\n• {_('Those days take no bookings.')}\n• {extended}\n"
        f"• {_sessions(plan)}\n\n{_('Declare it?')}"
    )


def confirm_keyboard() -> InlineKeyboardMarkup:
    # i18n: button
    yes = button(_("✅ Yes, I'm away"), SAVE.pack())
    # i18n: button
    return InlineKeyboardMarkup([[yes, button(_("✖ Don't"), DROP.pack())]])


def done_text(done: Away) -> str:
    plan = done.plan
    if done.new:
        count = len(done.extended)
        extended = ngettext(
            "{count} package extended by {days}", "{count} packages extended by {days}", count
        ).format(count=count, days=views.days(plan.days))
    else:
        extended = _("those dates were declared before, so no package was extended again")
    # i18n: {extended}: "2 packages extended by 3 days", or that none was extended again
    saved = _("🏖 Saved: away {dates}; no bookings on those days; {extended}.").format(
        dates=_dates(plan.away), extended=extended
    )
    return f"{saved}\n\n{_sessions(plan)}\n\n{_('/availability to see your days off.')}"


def sessions_keyboard(done: Away, now: datetime) -> InlineKeyboardMarkup | None:
    zone = done.plan.zone
    rows = [
        [
            button(
                f"🗓 {selling_texts.when(e.booking.starts_at, zone)} {e.booking.title}"[:60],
                session_data(e.booking.id or 0, week_of(e.booking.starts_at, zone, now)),
            )
        ]
        for e in done.plan.sessions
        if e.booking.id is not None
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def client_text(done: Away, title: str, expires_at: datetime | None, zone: str) -> str:
    days = done.plan.days
    return ngettext(
        "🏖 {coach} is away {dates}, so your package <b>{title}</b> was extended by "
        "{count} day. {expiry}.",
        "🏖 {coach} is away {dates}, so your package <b>{title}</b> was extended by "
        "{count} days. {expiry}.",
        days,
    ).format(
        coach=escape(done.coach.display_name),
        dates=_dates(done.plan.away),
        title=escape(title),
        count=days,
        expiry=selling_texts.expiry_line(expires_at, zone),
    )


async def ask(update: Update, context: BotContext, _press: object) -> str:
    """The coach is asked for the dates they are away."""
    await settle(update)
    begin(context, FLOW, Screen(AWAY))
    await reply(update, _(ASK_DATES))
    return views.TYPING


async def on_dates(update: Update, context: BotContext) -> str:
    """What declaring these dates would do, to confirm; bad dates are explained."""
    try:
        plan = await plan_absence(
            context.uow(), user_id(update), typed_text(update), context.now()
        )
    except InvalidInput as exc:
        await reply(update, try_again(reason(exc)))
        return views.TYPING
    begin(context, FLOW, Screen(away=plan.away))
    await reply(update, question(plan), reply_markup=confirm_keyboard())
    return views.MENU


@step
async def on_confirm(update: Update, context: BotContext, screen: Screen, save: bool) -> str | int:
    """Declares the absence (once), lists the sessions inside it, tells each client."""
    await settle(update)
    if not save or screen.away is None:
        begin(context, FLOW, Screen())
        await show(update, _(DROPPED), None)
        return views.MENU
    away, now = screen.away, context.now()
    done = await declare_absence(
        context.uow(), user_id(update), away.first, away.last, now, context.reminders
    )
    await show(update, done_text(done), sessions_keyboard(done, now))
    await _tell(context, done)
    return END  # the flow ends: the session buttons open /schedule


async def _tell(context: BotContext, done: Away) -> None:
    """Each reader of an extended package hears of it once, in their language."""
    for extended in done.extended:
        for reader in extended.readers:
            sold = extended.sold
            with speaking(reader.language):
                text = client_text(done, sold.title, sold.expires_at, reader.zone)
            try:
                await context.bot.send_message(reader.user_id, text)
            except (Forbidden, BadRequest) as exc:
                log.info("could not tell a client of an absence: %s", type(exc).__name__)
