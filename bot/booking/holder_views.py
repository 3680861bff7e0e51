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

from bot.booking.availability_views import span
from bot.booking.picker_views import DAY, MINUTES, WEEK, button
from bot.kit.callbacks import Callback, Field, Flag, Id, Int, Zero
from bot.selling import views as selling_views
from bot.selling.buttons import DETAIL, TRANSFER_ASK
from domain.booking.availability import CancelPolicy
from domain.booking.holder import PackageScreen
from domain.booking.model import SessionBooking
from domain.booking.waitlist import InLine, WaitState
from domain.booking.weekly import MAX_WEEKS
from domain.catalog.model import ItemKind, Occurrence, Series
from domain.selling.model import SoldStatus
from i18n import N_, _, ngettext, when

PREFIX = "bk"
TOO_LATE = N_("too late to cancel or move: please contact your coach")
LATE_NOW = N_("a cancel now is late: the session counts as used")
RULES = {
    # i18n: {window}: "24 h", "2 days", "90 min"
    CancelPolicy.BLOCK: N_(
        "You can cancel or move a session until {window} before it starts; "
        "after that only your coach can."
    ),
    CancelPolicy.LATE: N_(
        "You can cancel or move a session until {window} before it starts; "
        "after that you can still cancel, but the session counts as used (late cancel)."
    ),
}
# What the other side is told of a change made from a package's view (by `Change`).
COACH_NOTICES = {
    "booked": N_("{client} booked <b>{title}</b>: {time} ({zone})."),
    "cancelled": N_("{client} cancelled <b>{title}</b>: {time} ({zone})."),
    "cancelled late": N_("{client} cancelled late <b>{title}</b>: {time} ({zone})."),
    "moved": N_("{client} moved <b>{title}</b>: {time} ({zone})."),
}
CLIENT_NOTICES = {
    "booked": N_("Your coach booked <b>{title}</b>: {time} ({zone})."),
    "cancelled": N_("Your coach cancelled <b>{title}</b>: {time} ({zone})."),
    "cancelled late": N_("Your coach cancelled late <b>{title}</b>: {time} ({zone})."),
    "moved": N_("Your coach moved <b>{title}</b>: {time} ({zone})."),
}
# i18n: stands for the client's name when it is not known
A_CLIENT = N_("A client")


@dataclass(frozen=True)
class Pressed:
    act: str
    sold_id: int
    ref: int
    arg: int
    extra: int = 0  # weekly: how many weeks (rn), or which of them as bits (rok)

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
    "r": MINUTES, "wj": Id, "wl": Zero,
}  # fmt: skip
# Repeat weekly from a picked start (arg): how many weeks (rn), which of them (rok, bit n
# is n weeks after the start).
_WEEKLY: dict[str, Field[int]] = {"rn": Int(2, MAX_WEEKS), "rok": Int(1, 2**MAX_WEEKS - 1)}


def _pressed(act: str) -> Callable[..., Pressed]:
    return lambda sold, ref, arg: Pressed(act, sold, ref, arg)


KINDS = {
    act: Callback(
        f"{PREFIX}:{act}", _pressed(act), sold=Id, ref=Zero if act == "v" else Id, arg=arg
    )
    for act, arg in _ARGS.items()
}


def _weekly(act: str) -> Callable[..., Pressed]:
    return lambda sold, ref, arg, extra: Pressed(act, sold, ref, arg, extra)


WEEKLY_KINDS = {
    act: Callback(f"{PREFIX}:{act}", _weekly(act), sold=Id, ref=Id, arg=MINUTES, extra=extra)
    for act, extra in _WEEKLY.items()
}
KINDS |= WEEKLY_KINDS


def data(act: str, sold_id: int, ref: int = 0, arg: int = 0) -> str:
    return KINDS[act].pack(sold=sold_id, ref=ref, arg=arg)


def weekly_data(pressed: Pressed, act: str, extra: int) -> str:
    """A weekly step's data for the same package, item and start as `pressed`."""
    kind = WEEKLY_KINDS[act]
    return kind.pack(sold=pressed.sold_id, ref=pressed.ref, arg=pressed.arg, extra=extra)


def moment(at: datetime, zone: str) -> str:
    """`Tue 1 Dec 09:00`, in `zone` (in the current language)."""
    return when(at.astimezone(ZoneInfo(zone)), "%a %-d %b %H:%M")


def of_session(text: str, title: str, at: datetime, zone: str, **more: object) -> str:
    """`text` (translated) with a session's {title}, {time} and {zone} filled in, and `more`."""
    return text.format(title=escape(title), time=moment(at, zone), zone=escape(zone), **more)


def screen_text(screen: PackageScreen, now: datetime, note: str = "") -> str:
    zone = screen.view.zone
    parts = [f"{escape(note)}\n"] if note else []
    parts.append(selling_views.sold_text(screen.view))
    if screen.upcoming:
        lines = ["\n" + _("<b>Upcoming sessions</b> (times in {zone}):").format(zone=escape(zone))]
        for booking in screen.upcoming:
            late = _lateness(screen, booking, now)
            lines.append(f"• {escape(booking.title)}, {moment(booking.starts_at, zone)}{late}")
        if not screen.view.for_coach:
            lines.append(rule_text(screen))
        parts.append("\n".join(lines))
    if screen.waiting:
        lines = ["\n" + _("<b>Waitlists</b> (times in {zone}):").format(zone=escape(zone))]
        lines += [f"• {escape(p.title)}, {moment(p.starts_at, zone)} — {_place(p, zone)}"
                  for p in screen.waiting]  # fmt: skip
        parts.append("\n".join(lines))
    return "\n".join(parts)


def _place(place: InLine, zone: str) -> str:
    until = place.entry.hold_until
    if place.entry.state is WaitState.OFFERED and until is not None:
        return _("a seat is held for you until {time}: take it from the offer").format(
            time=moment(until, zone)
        )
    return _("number {position} in line").format(position=place.position)


def rule_text(screen: PackageScreen) -> str:
    """The coach's cancellation rule, said before anyone cancels."""
    window = span(screen.cancel_window)
    return f"<i>{_(RULES[screen.cancel_policy]).format(window=window)}</i>"


def _lateness(screen: PackageScreen, booking: SessionBooking, now: datetime) -> str:
    if screen.changeable(booking, now):
        return ""
    return f" — {_(LATE_NOW)}" if screen.late_cancel(booking, now) else f" — {_(TOO_LATE)}"


def screen_keyboard(
    screen: PackageScreen, now: datetime, web_base_url: str = ""
) -> InlineKeyboardMarkup | None:
    """Book per item, Cancel/Move per session to come, and (with WEB_BASE_URL) the Mini
    App's calendar of this package."""
    sold_id = screen.view.sold.stored_id
    rows: list[list[InlineKeyboardButton]] = []
    if web_base_url:
        calendar = WebAppInfo(f"{web_base_url}/app/package/{sold_id}")
        # i18n: button
        rows.append([InlineKeyboardButton(_("🗓 Calendar"), web_app=calendar)])
    if screen.view.status is SoldStatus.ACTIVE:
        for item in screen.view.sold.items:
            if item.bookable:
                act = "b" if item.kind is ItemKind.SERVICE else "g"
                # i18n: button; {title}: the item the coach named
                label = _("📅 Book {title}").format(title=item.title)
                rows.append([button(label, data(act, sold_id, item.stored_id))])
    for booking in screen.upcoming:
        if booking.id is None:
            continue
        at = moment(booking.starts_at, screen.view.zone)
        if screen.late_cancel(booking, now):
            # i18n: button; {time}: "Tue 1 Dec 09:00"
            label = _("✖ Late cancel {time}").format(time=at)
            rows.append([button(label, data("x", sold_id, booking.id))])
            continue
        if not screen.changeable(booking, now):
            continue
        # i18n: button; {time}: "Tue 1 Dec 09:00"
        row = [button(_("✖ Cancel {time}").format(time=at), data("x", sold_id, booking.id))]
        if booking.occurrence_id is None:
            # i18n: button
            row.append(button(_("🕑 Move"), data("m", sold_id, booking.id)))
        rows.append(row)
    for place in screen.waiting:
        at = moment(place.starts_at, screen.view.zone)
        if place.entry.state is WaitState.OFFERED:
            # i18n: button; {time}: "Tue 1 Dec 09:00"
            label = _("✖ Decline the seat · {time}").format(time=at)
        else:
            # i18n: button; {time}: "Tue 1 Dec 09:00"
            label = _("✖ Leave waitlist · {time}").format(time=at)
        rows.append([button(label, data("wl", sold_id, place.entry.stored_id))])
    if screen.view.for_coach:
        # i18n: button
        rows.append([button(_("🗂 Manage"), DETAIL.pack(sold=sold_id))])
    elif screen.view.for_client and screen.view.status is SoldStatus.ACTIVE:
        # i18n: button
        transfer = _("🎁 Transfer to someone else")
        rows.append([button(transfer, TRANSFER_ASK.pack(sold=sold_id))])
    return InlineKeyboardMarkup(rows) if rows else None


def back_to_package(sold_id: int, new_message: bool = False) -> InlineKeyboardButton:
    # i18n: button
    return button(_("📦 Back to the package"), data("v", sold_id, 0, int(new_message)))


def joined(place: InLine, zone: str, hold: str) -> str:
    # i18n: {hold}: "2 h", "1 day"
    text = _(
        "You are on the waitlist for <b>{title}</b>, {time} ({zone}): number {position} in "
        "line. If a seat frees up you get an offer, and the seat is held for you for {hold}."
    )
    return of_session(text, place.title, place.starts_at, zone, position=place.position, hold=hold)


def left_line(place: WaitState) -> str:
    if place is WaitState.OFFERED:
        return _("You let the seat go: it goes to the next in line.")
    return _("You left the waitlist.")


def summary(title: str, at: datetime, zone: str) -> str:
    return of_session(_("Book <b>{title}</b> on {time} ({zone})?"), title, at, zone)


def dates_text(series: Series, occurrences: list[Occurrence], zone: str) -> str:
    head = _("<b>{title}</b>: pick a date (times in {zone}).").format(
        title=escape(series.title), zone=escape(zone)
    )
    if not occurrences:
        return f"{head}\n" + _("No upcoming dates you could book.")
    full = [o for o in occurrences if o.seats_taken >= series.capacity]
    marked = _("Full dates are marked. You can join the waitlist of a full date.")
    return f"{head}\n{marked}" if full else head


def dates_keyboard(
    series: Series, occurrences: list[Occurrence], zone: str, sold_id: int, item_id: int
) -> InlineKeyboardMarkup:
    rows = []
    for occ in occurrences:
        left = series.capacity - occ.seats_taken
        # i18n: button, after a date: seats left on it
        seats = ngettext("{count} left", "{count} left", left).format(count=left)
        # i18n: button, after a date: no seat left on it
        label = f"{moment(occ.starts_at, zone)} · " + (seats if left > 0 else _("full"))
        rows.append([button(label, data("gc", sold_id, item_id, occ.id or 0))])
        if left <= 0:
            # i18n: button; {time}: "Tue 1 Dec 09:00"
            wait = _("🕒 Join the waitlist · {time}").format(time=moment(occ.starts_at, zone))
            rows.append([button(wait, data("wj", sold_id, item_id, occ.id or 0))])
    rows.append([back_to_package(sold_id)])
    return InlineKeyboardMarkup(rows)


def booked(booking: SessionBooking, zone: str) -> str:
    return of_session(
        _("Booked: {title}, {time} ({zone})"), booking.title, booking.starts_at, zone
    )


def cancel_question(booking: SessionBooking, zone: str, late: bool = False) -> str:
    if late:
        text = _(
            "Cancel <b>{title}</b> on {time} ({zone}) late? The cancellation window has begun: "
            "the session counts as used and does not go back into the package."
        )
    else:
        text = _(
            "Cancel <b>{title}</b> on {time} ({zone})? The session goes back into the package "
            "unless it has expired."
        )
    return of_session(text, booking.title, booking.starts_at, zone)


def cancelled(booking: SessionBooking, zone: str, returned: bool, late: bool = False) -> str:
    back = " " + _("It is back in the package.") if returned else ""
    if late:
        back = " " + _("It was a late cancel: the session counts as used.")
    done = of_session(
        _("Cancelled: {title}, {time} ({zone})."), booking.title, booking.starts_at, zone
    )
    return f"{done}{back}"


def move_summary(booking: SessionBooking, at: datetime, zone: str) -> str:
    return _("Move <b>{title}</b> from {old} to {new} ({zone})?").format(
        title=escape(booking.title),
        old=moment(booking.starts_at, zone),
        new=moment(at, zone),
        zone=escape(zone),
    )


def moved(booking: SessionBooking, zone: str) -> str:
    return of_session(
        _("Moved: {title}, now {time} ({zone})"), booking.title, booking.starts_at, zone
    )


def coach_notice(change: str, booking: SessionBooking, zone: str, client: str | None) -> str:
    """What the coach is told when someone with the link books, cancels or moves."""
    return of_session(
        _(COACH_NOTICES[change]),
        booking.title,
        booking.starts_at,
        zone,
        client=escape(client or _(A_CLIENT)),
    )


def client_notice(change: str, booking: SessionBooking, zone: str) -> str:
    """What the client is told when their coach acts from the package's link."""
    return of_session(_(CLIENT_NOTICES[change]), booking.title, booking.starts_at, zone)
