"""What the /calendar screens share: the flow's name, states and typed state, the menu, and
connecting a source (stored, read at once, removed again when it cannot be read)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape
from typing import Any

from telegram import Update
from telegram.error import TelegramError

from bot.calendars import texts
from bot.calendars import views as v
from bot.kit.context import BotContext
from bot.kit.flows import begin, typed_step
from bot.kit.reasons import reason
from bot.kit.replies import reply, show, typed_text, user_id
from bot.kit.texts import FLOW_GONE
from domain.calendars.addresses import checked_url
from domain.calendars.busy import is_booking_uid
from domain.calendars.model import CalendarSource, SourceKind
from domain.calendars.use_cases import (
    calendars_of,
    connect_calendar,
    disconnect_calendar,
    read_calendar,
)
from domain.errors import InvalidInput
from i18n import _
from persistence.calendars.reading import CalendarReader

FLOW = "calendar"
MENU, URL, SERVER, USER, PASSWORD, CHOOSE = (
    "cal.menu", "cal.url", "cal.server", "cal.user", "cal.password", "cal.choose",
)  # fmt: skip


@dataclass(frozen=True)
class Connecting:
    """Nothing on the menu; while a CalDAV account is added, what was gathered so far (its
    address, then user name, then password, sealed as each arrives; `host` and `label` for
    the screens), then the account's calendars (address, name) and which of them block
    time (indexes) and which one receives bookings.

    Kept as the same plain JSON the flow always stored (`{}`, `{"sealed", "host"}`, then
    `"label"`, then `"calendars"`, `"blocking"` and `"target"`), so a flow open across a
    deploy goes on where it was."""

    sealed: str | None = None
    host: str | None = None
    label: str | None = None
    calendars: tuple[tuple[str, str], ...] | None = None
    blocking: tuple[int, ...] = ()
    target: int | None = None

    def to_dict(self) -> dict[str, Any]:
        found = {"sealed": self.sealed, "host": self.host, "label": self.label}
        stored: dict[str, Any] = {key: value for key, value in found.items() if value is not None}
        if self.calendars is not None:
            stored["calendars"] = [list(calendar) for calendar in self.calendars]
            stored["blocking"] = list(self.blocking)
            stored["target"] = self.target
        return stored

    @classmethod
    def load(cls, data: dict[str, Any]) -> Connecting | None:
        """None when `data` is not a state this flow stores."""
        try:
            sealed, host, label = (data.get(key) for key in ("sealed", "host", "label"))
            if not all(value is None or isinstance(value, str) for value in (sealed, host, label)):
                return None
            found = cls(sealed, host, label)
            if "calendars" not in data:
                return found
            target = data["target"]
            return replace(
                found,
                calendars=tuple((str(url), str(name)) for url, name in data["calendars"]),
                blocking=tuple(int(index) for index in data["blocking"]),
                target=None if target is None else int(target),
            )
        except (KeyError, TypeError, ValueError):
            return None


# Loads the state before a step and stores it after (or drops it when the flow ends).
step = typed_step(FLOW, Connecting.load, FLOW_GONE)


def reader_of(context: BotContext) -> CalendarReader:
    reader = context.deps.calendar_reader
    assert reader is not None  # the flow opens only when there is one
    return reader


async def show_menu(
    update: Update, context: BotContext, note: str = "", fresh: bool = False
) -> None:
    coach_id = user_id(update)
    sources = await calendars_of(context.uow(write=False), coach_id)
    zone = await zone_of(context, coach_id)
    text = v.menu_text(sources, zone, context.deps.settings.calendar_sync_minutes, note)
    if fresh or update.callback_query is None:
        await reply(update, text, reply_markup=v.menu_keyboard(sources))
    else:
        await show(update, text, v.menu_keyboard(sources))


async def to_menu(update: Update, context: BotContext) -> str:
    """The menu again in place of the pressed message, the flow back at its start."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    begin(context, FLOW, Connecting())
    await show_menu(update, context)
    return MENU


async def zone_of(context: BotContext, coach_id: int) -> str:
    async with context.uow(write=False) as uow:
        coach = await uow.coaches.get(coach_id)
    return coach.timezone if coach is not None else "UTC"


async def typed_address(update: Update, context: BotContext) -> str | None:
    """The address the coach typed (an iCal feed, a CalDAV server) if it may be read; else
    None, and they are told why."""
    allow_private = context.deps.settings.calendar_allow_private_hosts
    try:
        return checked_url(typed_text(update), allow_private)
    except InvalidInput as exc:
        await reply(update, _(texts.NOT_CONNECTED).format(reason=reason(exc)))
        return None


def source_of(
    context: BotContext, update: Update, kind: SourceKind, label: str, sealed: str
) -> CalendarSource:
    return CalendarSource(None, user_id(update), kind, label[:255], sealed, context.now())


async def connect(
    update: Update, context: BotContext, source: CalendarSource, retry: str
) -> str | int:
    """Stores the source and reads it at once; a source that cannot be read is removed
    again and the coach is told why (nothing half-connected stays)."""
    try:
        stored = await connect_calendar(context.uow(), source)
    except InvalidInput as exc:  # five already, or a second one receiving bookings
        begin(context, FLOW, Connecting())
        note = _(texts.NOT_CONNECTED).format(reason=reason(exc))
        await show_menu(update, context, note, True)
        return MENU
    await reply(update, _(texts.READING))
    own = is_booking_uid(context.bot_username)
    await read_calendar(context.uow, reader_of(context), stored, context.now(), own)
    after = await calendars_of(context.uow(write=False), stored.coach_id)
    mine = next((s for s in after if s.id == stored.id), None)
    if mine is None or mine.last_error is not None:
        await disconnect_calendar(context.uow(), stored.coach_id, stored.id or 0)
        why = _(texts.READ_ERRORS[mine.last_error]) if mine and mine.last_error else "?"
        await reply(update, _(texts.NOT_CONNECTED).format(reason=why))
        return retry
    async with context.uow(write=False) as uow:
        days = (await uow.availability.get(stored.coach_id)).settings.horizon_days
    note = texts.connected(escape(mine.label), mine.busy_count, days)
    begin(context, FLOW, Connecting())
    await show_menu(update, context, note, fresh=True)
    return MENU


async def forget_message(update: Update) -> None:
    """The message that carried a secret leaves the chat."""
    if update.message is not None:
        try:
            await update.message.delete()
        except TelegramError:
            pass
