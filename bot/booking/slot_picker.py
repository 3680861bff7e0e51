"""The one screen for picking a 1:1 time, in one message that edits itself: days with free
times a week at a time (◀ ▶) → the times of one day in rows of four → a summary with
Confirm and Back. Booking from a package, moving from a package and moving from
/schedule all use it; each flow gives its callback kinds (`Acts`), how it finds the free
times and what its summary asks (`Load`), and handles its own Confirm act, calling `taken`
when the time went meanwhile. Times are always shown, and the zone named, in `Free.zone`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, Protocol, Self, TypeVar
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, Update

from bot.booking import picker_views as views
from bot.booking.refusals import refusal_text
from bot.kit.callbacks import Callback
from bot.kit.context import BotContext
from bot.kit.replies import Route, show
from domain.booking.errors import SlotTaken
from domain.booking.picker import first_week_with_slots, times_on, week_page
from i18n import N_, _


class Press(Protocol):
    """A parsed press of a flow's button: its act and number, and data for its others."""

    @property
    def act(self) -> str: ...

    @property
    def arg(self) -> int: ...

    def data(self, act: str, arg: int = 0) -> str: ...

    def again(self, act: str, arg: int = 0) -> Self: ...


P = TypeVar("P", bound=Press)


def _taken() -> str:
    return refusal_text(SlotTaken())


@dataclass(frozen=True)
class Acts:
    """A flow's callback kinds: the earliest week with free times, a week (arg: the week),
    a day (arg: yyyymmdd), the summary and Confirm (arg: the start in minutes)."""

    first: str
    week: str
    day: str
    summary: str
    confirm: str


@dataclass(frozen=True)
class Free:
    """What one flow offers: its title (`Book Yoga`), free starts (UTC) seen in `zone`,
    the summary's question for a start, where Back from the days goes, and any more buttons
    the summary of a start has (booking: Repeat weekly)."""

    title: str
    zone: str
    starts: list[datetime]
    question: Callable[[datetime], str]
    back: InlineKeyboardButton
    more: Callable[[datetime], list[InlineKeyboardButton]] | None = None


Load = Callable[[Update, BotContext, P], Awaitable[Free]]


class SlotPicker(Generic[P]):
    """The days, times and summary steps of one flow (see the module's docstring)."""

    def __init__(self, acts: Acts, load: Load[P], yes: str = N_("✅ Confirm")) -> None:
        """`yes`: the summary's Confirm label, marked with `N_` (said when shown)."""
        self.acts, self.load, self.yes = acts, load, yes

    def routes(self, kinds: Mapping[str, Callback[P]]) -> list[Route[P]]:
        """The flow's picker buttons (`kinds` by act) routed to their steps (Confirm is the
        flow's own)."""
        acts = self.acts
        return [
            Route(kinds[acts.first], self.days),
            Route(kinds[acts.week], self.days),
            Route(kinds[acts.day], self.times),
            Route(kinds[acts.summary], self.summary),
        ]

    async def days(self, update: Update, context: BotContext, pressed: P, note: str = "") -> None:
        """Days with free times, a week at a time (the first act: the earliest such week)."""
        free, now = await self.load(update, context, pressed), context.now()
        if pressed.act == self.acts.week:
            week = pressed.arg
        else:
            week = first_week_with_slots(free.starts, free.zone, now)
        page = week_page(free.starts, free.zone, now, week)
        markup = views.days_keyboard(
            page,
            lambda day: pressed.data(self.acts.day, views.day_digits(day)),
            lambda n: pressed.data(self.acts.week, n),
            free.back,
        )
        await show(update, _noted(note, views.days_text(free.title, page, free.zone)), markup)

    async def times(self, update: Update, context: BotContext, pressed: P, note: str = "") -> None:
        """The free times of one day, in rows of four (none left: the days again)."""
        day = views.day_of(pressed.arg)
        await self._times(update, context, pressed, day, note)

    async def summary(self, update: Update, context: BotContext, pressed: P) -> None:
        """The time picked, to confirm (taken meanwhile: fresh times of that day)."""
        at, free = views.moment_of(pressed.arg), await self.load(update, context, pressed)
        if at not in free.starts:
            await self._times(update, context, pressed, _local_day(at, free), _taken(), free)
            return
        markup = views.confirm_keyboard(
            pressed.data(self.acts.confirm, pressed.arg),
            pressed.data(self.acts.day, views.day_digits(_local_day(at, free))),
            _(self.yes),
            free.more(at) if free.more else None,
        )
        await show(update, free.question(at), markup)

    async def taken(
        self, update: Update, context: BotContext, pressed: P, at: datetime, note: str = ""
    ) -> None:
        """After Confirm found `at` taken: `note` (none: that it was taken), then fresh times
        of its day."""
        note = note or _taken()
        free = await self.load(update, context, pressed)
        await self._times(update, context, pressed, _local_day(at, free), note, free)

    async def _times(
        self,
        update: Update,
        context: BotContext,
        pressed: P,
        day: date,
        note: str,
        free: Free | None = None,
    ) -> None:
        free = free or await self.load(update, context, pressed)
        found = times_on(free.starts, free.zone, day)
        if not found:  # the day filled up meanwhile
            await self.days(update, context, pressed.again(self.acts.first), note)
            return
        # i18n: button
        back = views.button(_("◀ Other days"), pressed.data(self.acts.first))
        markup = views.times_keyboard(
            found, lambda t: pressed.data(self.acts.summary, views.minutes(t)), back
        )
        await show(update, _noted(note, views.times_text(free.title, day, free.zone)), markup)


def _local_day(at: datetime, free: Free) -> date:
    return at.astimezone(ZoneInfo(free.zone)).date()


def _noted(note: str, text: str) -> str:
    return f"{note}\n\n{text}" if note else text
