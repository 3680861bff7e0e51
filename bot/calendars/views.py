"""The /calendar screens and their buttons: `cal:<what>:<n>` (a source id, or the index of
a found CalDAV calendar), a kind per `what`, each routed to its step (flow.py)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.calendars import texts
from bot.kit.callbacks import INT32_MAX, Callback, Int
from domain.calendars.model import CalendarSource, SourceKind
from domain.timezones import to_local
from i18n import _, when


def _kind(what: str) -> Callback[int]:
    return Callback(f"cal:{what}", lambda n: n, n=Int(0, INT32_MAX))


# The menu, the disconnect confirmation, and the choice of a CalDAV account's calendars;
# each carries a number (a source id, a found calendar's index, or 0).
ICS, DAV, REMOVE, REMOVE_YES, BACK, FINISH = (
    _kind(what) for what in ("ics", "dav", "rm", "yes", "menu", "done")
)
BLOCK, TARGET, SAVE = (_kind(what) for what in ("blk", "tgt", "save"))


def button(label: str, kind: Callback[int], n: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=kind.pack(n=n))


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
    rows = [[button(_(texts.ADD_ICS), ICS)], [button(_(texts.ADD_CALDAV), DAV)]]
    rows += [
        [button(_(texts.DISCONNECT).format(label=s.label), REMOVE, s.id or 0)]
        for s in sources
        if s.id is not None
    ]
    return InlineKeyboardMarkup([*rows, [button(_(texts.DONE), FINISH)]])


def confirm_keyboard(source_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[button(_(texts.YES_DISCONNECT), REMOVE_YES, source_id), button(_(texts.BACK), BACK)]]
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
                button(block.format(name=name), BLOCK, index),
                button(receive.format(name=name), TARGET, index),
            ]
        )
    last = [button(_(texts.SAVE), SAVE), button(_(texts.BACK), BACK)]
    return InlineKeyboardMarkup([*rows, last])
