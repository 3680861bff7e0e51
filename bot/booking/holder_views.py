"""Screens of booking from a sold package's view: the package with Book per item and its
sessions to come, the summary to confirm, and what each side is told afterwards.

Callback data: `bk:<act>:<sold package id>:<ref>:<arg>` (see `bot.booking.holder`); the
time picker's screens are `bot.booking.slot_picker`'s."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.booking.picker_views import DAY, MINUTES, WEEK, button
from bot.kit.callbacks import Callback, Field, Flag, Id, Zero, parse_any
from bot.selling import views as selling_views
from bot.selling.buttons import TRANSFER_ASK
from domain.booking.holder import PackageScreen
from domain.booking.model import SessionBooking
from domain.catalog.model import ItemKind, Occurrence, Series
from domain.selling.model import SoldStatus

PREFIX = "bk"
TOO_LATE = "too late to cancel or move: please contact your coach"
FINAL_ACTS = ("ok", "gok", "xok", "mok")


@dataclass(frozen=True)
class Pressed:
    act: str
    sold_id: int
    ref: int
    arg: int

    def data(self, act: str, arg: int = 0) -> str:
        return data(act, self.sold_id, self.ref, arg)

    def again(self, act: str, arg: int = 0) -> Pressed:
        """The same package and item/session, another step."""
        return Pressed(act, self.sold_id, self.ref, arg)


# What each act's arg is: nothing, a flag (open anew), a week, a day, a start, a date's id.
_ARGS: dict[str, Field[int]] = {
    "v": Flag, "b": Zero, "g": Zero, "x": Zero, "xok": Zero, "m": Zero,
    "w": WEEK, "mw": WEEK, "t": DAY, "mt": DAY,
    "c": MINUTES, "ok": MINUTES, "mc": MINUTES, "mok": MINUTES, "gc": Id, "gok": Id,
}  # fmt: skip


def _pressed(act: str) -> Callable[..., Pressed]:
    return lambda sold, ref, arg: Pressed(act, sold, ref, arg)


KINDS = {
    act: Callback(
        f"{PREFIX}:{act}", _pressed(act), sold=Id, ref=Zero if act == "v" else Id, arg=arg
    )
    for act, arg in _ARGS.items()
}


def data(act: str, sold_id: int, ref: int = 0, arg: int = 0) -> str:
    return KINDS[act].pack(sold=sold_id, ref=ref, arg=arg)


def parse(callback: str | None) -> Pressed:
    """Strict: a forged or out-of-range press is NotFound."""
    return parse_any(KINDS.values(), callback)


def moment(at: datetime, zone: str) -> str:
    """`Tue 1 Dec 09:00`, in `zone`."""
    local = at.astimezone(ZoneInfo(zone))
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def screen_text(screen: PackageScreen, now: datetime, note: str = "") -> str:
    zone = screen.view.zone
    parts = [f"{escape(note)}\n"] if note else []
    parts.append(selling_views.sold_text(screen.view))
    if screen.upcoming:
        lines = [f"\n<b>Upcoming sessions</b> (times in {escape(zone)}):"]
        for booking in screen.upcoming:
            late = "" if _changeable(screen, booking, now) else f" — {TOO_LATE}"
            lines.append(f"• {escape(booking.title)}, {moment(booking.starts_at, zone)}{late}")
        parts.append("\n".join(lines))
    return "\n".join(parts)


def screen_keyboard(
    screen: PackageScreen, now: datetime, web_base_url: str = ""
) -> InlineKeyboardMarkup | None:
    """Book per item, Cancel/Move per session to come, and (with WEB_BASE_URL) the Mini
    App's calendar of this package."""
    sold_id = screen.view.sold.stored_id
    rows: list[list[InlineKeyboardButton]] = []
    if web_base_url:
        calendar = WebAppInfo(f"{web_base_url}/app/package/{sold_id}")
        rows.append([InlineKeyboardButton("🗓 Calendar", web_app=calendar)])
    if screen.view.status is SoldStatus.ACTIVE:
        for item in screen.view.sold.items:
            if item.bookable:
                act = "b" if item.kind is ItemKind.SERVICE else "g"
                rows.append([button(f"📅 Book {item.title}", data(act, sold_id, item.stored_id))])
    for booking in screen.upcoming:
        if not _changeable(screen, booking, now) or booking.id is None:
            continue
        when = moment(booking.starts_at, screen.view.zone)
        row = [button(f"✖ Cancel {when}", data("x", sold_id, booking.id))]
        if booking.occurrence_id is None:
            row.append(button("🕑 Move", data("m", sold_id, booking.id)))
        rows.append(row)
    if screen.view.for_coach:
        rows.append([button("🗂 Manage", f"sold:v:{sold_id}")])
    elif screen.view.for_client and screen.view.status is SoldStatus.ACTIVE:
        rows.append([button("🎁 Transfer to someone else", TRANSFER_ASK.pack(sold=sold_id))])
    return InlineKeyboardMarkup(rows) if rows else None


def _changeable(screen: PackageScreen, booking: SessionBooking, now: datetime) -> bool:
    """The coach may always; a holder only before the cancellation window."""
    return screen.view.for_coach or now <= booking.starts_at - screen.cancel_window


def back_to_package(sold_id: int, new_message: bool = False) -> InlineKeyboardButton:
    return button("📦 Back to the package", data("v", sold_id, 0, int(new_message)))


def summary(title: str, at: datetime, zone: str) -> str:
    return f"Book <b>{escape(title)}</b> on {moment(at, zone)} ({escape(zone)})?"


def dates_text(series: Series, occurrences: list[Occurrence], zone: str) -> str:
    head = f"<b>{escape(series.title)}</b>: pick a date (times in {escape(zone)})."
    if not occurrences:
        return f"{head}\nNo upcoming dates you could book."
    full = [o for o in occurrences if o.seats_taken >= series.capacity]
    return f"{head}\nFull dates are marked." if full else head


def dates_keyboard(
    series: Series, occurrences: list[Occurrence], zone: str, sold_id: int, item_id: int
) -> InlineKeyboardMarkup:
    rows = []
    for occ in occurrences:
        left = series.capacity - occ.seats_taken
        label = f"{moment(occ.starts_at, zone)} · " + (f"{left} left" if left > 0 else "full")
        rows.append([button(label, data("gc", sold_id, item_id, occ.id or 0))])
    rows.append([back_to_package(sold_id)])
    return InlineKeyboardMarkup(rows)


def booked(booking: SessionBooking, zone: str) -> str:
    return f"Booked: {escape(booking.title)}, {moment(booking.starts_at, zone)} ({escape(zone)})"


def cancel_question(booking: SessionBooking, zone: str) -> str:
    return (
        f"Cancel <b>{escape(booking.title)}</b> on {moment(booking.starts_at, zone)} "
        f"({escape(zone)})? The session goes back into the package unless it has expired."
    )


def cancelled(booking: SessionBooking, zone: str, returned: bool) -> str:
    back = " It is back in the package." if returned else ""
    when = moment(booking.starts_at, zone)
    return f"Cancelled: {escape(booking.title)}, {when} ({escape(zone)}).{back}"


def move_summary(booking: SessionBooking, at: datetime, zone: str) -> str:
    return (
        f"Move <b>{escape(booking.title)}</b> from {moment(booking.starts_at, zone)} to "
        f"{moment(at, zone)} ({escape(zone)})?"
    )


def moved(booking: SessionBooking, zone: str) -> str:
    when = moment(booking.starts_at, zone)
    return f"Moved: {escape(booking.title)}, now {when} ({escape(zone)})"


def coach_notice(what: str, booking: SessionBooking, zone: str, client: str | None) -> str:
    """What the coach is told when someone with the link books, cancels or moves."""
    who = escape(client or "A client")
    when = moment(booking.starts_at, zone)
    return f"{who} {what} <b>{escape(booking.title)}</b>: {when} ({escape(zone)})."


def client_notice(what: str, booking: SessionBooking, zone: str) -> str:
    """What the client is told when their coach acts from the package's link."""
    when = moment(booking.starts_at, zone)
    return f"Your coach {what} <b>{escape(booking.title)}</b>: {when} ({escape(zone)})."
