"""The /calendar screens and their buttons: `cal:<what>:<n>` (a source id, or the index of
a found CalDAV calendar), parsed strictly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.calendars import texts
from bot.kit.callbacks import INT32_MAX, Callback, Int, Word
from domain.calendars.model import CalendarSource, SourceKind
from domain.timezones import to_local
from i18n import _, when


@dataclass(frozen=True)
class Pressed:
    what: str  # ics, dav, rm, yes, menu, done, blk, tgt, save
    n: int


CAL = Callback("cal", Pressed, what=Word("[a-z]{2,4}"), n=Int(0, INT32_MAX))


def button(label: str, what: str, n: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=CAL.pack(what=what, n=n))


def menu_text(sources: list[CalendarSource], zone: str, minutes: int, note: str = "") -> str:
    lines = [_(texts.HEAD).format(minutes=minutes), ""]
    if not sources:
        lines.append(_(texts.NONE_YET))
    for number, source in enumerate(sources, 1):
        lines += source_lines(number, source, zone)
    return "\n".join(([note, ""] if note else []) + lines)


def source_lines(number: int, source: CalendarSource, zone: str) -> list[str]:
    kind = _(texts.KIND_ICS) if source.kind is SourceKind.ICS else texts.KIND_CALDAV
    lines = [texts.SOURCE.format(number=number, label=escape(source.label), kind=kind)]
    details = []
    if source.last_read_at is None:
        details.append(_(texts.NEVER_READ))
    else:
        read = _when(source.last_read_at, zone)
        busy = texts.busy_times(source.busy_count)
        details.append(_(texts.LAST_READ).format(when=read, busy=busy))
    if source.last_error is not None:
        why = _(texts.READ_ERRORS[source.last_error])
        details.append(_(texts.LAST_ERROR).format(reason=why))
    names = source.calendars
    if source.blocking:
        shown = ", ".join(escape(names.get(url, "?")) for url in source.blocking)
        details.append(_(texts.BLOCKS).format(names=shown))
    if source.target:
        details.append(_(texts.RECEIVES).format(name=escape(names.get(source.target, "?"))))
    return lines + [texts.INDENT + line for line in details]


def _when(moment: datetime, zone: str) -> str:
    return when(to_local(moment, zone), "%a %-d %b %H:%M")


def menu_keyboard(sources: list[CalendarSource]) -> InlineKeyboardMarkup:
    rows = [[button(_(texts.ADD_ICS), "ics")], [button(_(texts.ADD_CALDAV), "dav")]]
    rows += [
        [button(_(texts.DISCONNECT).format(label=s.label), "rm", s.id or 0)]
        for s in sources
        if s.id is not None
    ]
    return InlineKeyboardMarkup([*rows, [button(_(texts.DONE), "done")]])


def confirm_keyboard(source_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(_(texts.YES_DISCONNECT), "yes", source_id), button(_(texts.BACK), "menu")]]
    )


def choose_keyboard(
    calendars: list[tuple[str, str]], blocking: set[int], target: int | None
) -> InlineKeyboardMarkup:
    rows = []
    for index, (_url, name) in enumerate(calendars):
        block = texts.BLOCKING_ON if index in blocking else texts.BLOCKING_OFF
        receive = texts.TARGET_ON if index == target else texts.TARGET_OFF
        rows.append(
            [
                button(block.format(name=name), "blk", index),
                button(receive.format(name=name), "tgt", index),
            ]
        )
    last = [button(_(texts.SAVE), "save"), button(_(texts.BACK), "menu")]
    return InlineKeyboardMarkup([*rows, last])
