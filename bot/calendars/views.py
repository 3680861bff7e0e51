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


@dataclass(frozen=True)
class Pressed:
    what: str  # ics, dav, rm, yes, menu, done, blk, tgt, save
    n: int


CAL = Callback("cal", Pressed, what=Word("[a-z]{2,4}"), n=Int(0, INT32_MAX))


def button(label: str, what: str, n: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=CAL.pack(what=what, n=n))


def menu_text(sources: list[CalendarSource], zone: str, minutes: int, note: str = "") -> str:
    lines = [texts.HEAD.format(minutes=minutes), ""]
    if not sources:
        lines.append(texts.NONE_YET)
    for number, source in enumerate(sources, 1):
        lines += source_lines(number, source, zone)
    return "\n".join(([note, ""] if note else []) + lines)


def source_lines(number: int, source: CalendarSource, zone: str) -> list[str]:
    kind = texts.KIND_ICS if source.kind is SourceKind.ICS else texts.KIND_CALDAV
    lines = [texts.SOURCE.format(number=number, label=escape(source.label), kind=kind)]
    if source.last_read_at is None:
        lines.append(texts.NEVER_READ)
    else:
        when = _when(source.last_read_at, zone)
        lines.append(texts.LAST_READ.format(when=when, busy=texts.busy_times(source.busy_count)))
    if source.last_error is not None:
        lines.append(texts.LAST_ERROR.format(reason=texts.READ_ERRORS[source.last_error]))
    names = source.calendars
    if source.blocking:
        shown = ", ".join(escape(names.get(url, "?")) for url in source.blocking)
        lines.append(texts.BLOCKS.format(names=shown))
    if source.target:
        lines.append(texts.RECEIVES.format(name=escape(names.get(source.target, "?"))))
    return lines


def _when(moment: datetime, zone: str) -> str:
    local = to_local(moment, zone)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def menu_keyboard(sources: list[CalendarSource]) -> InlineKeyboardMarkup:
    rows = [[button(texts.ADD_ICS, "ics")], [button(texts.ADD_CALDAV, "dav")]]
    rows += [
        [button(texts.DISCONNECT.format(label=s.label), "rm", s.id or 0)]
        for s in sources
        if s.id is not None
    ]
    return InlineKeyboardMarkup([*rows, [button(texts.DONE, "done")]])


def confirm_keyboard(source_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(texts.YES_DISCONNECT, "yes", source_id), button(texts.BACK, "menu")]]
    )


def choose_keyboard(
    calendars: list[tuple[str, str]], blocking: set[int], target: int | None
) -> InlineKeyboardMarkup:
    rows = []
    for index, (_, name) in enumerate(calendars):
        block = texts.BLOCKING_ON if index in blocking else texts.BLOCKING_OFF
        receive = texts.TARGET_ON if index == target else texts.TARGET_OFF
        rows.append(
            [
                button(block.format(name=name), "blk", index),
                button(receive.format(name=name), "tgt", index),
            ]
        )
    return InlineKeyboardMarkup([*rows, [button(texts.SAVE, "save"), button(texts.BACK, "menu")]])
