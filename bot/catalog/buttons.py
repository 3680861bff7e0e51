"""Every button of the catalog's entries (services and series), declared once per kind
(bot/kit/callbacks.py): `<prefix>:<action>:<id>[:<arg>]` on an entry's screens and
`<flow>:<step>[:<value>]` inside its flows. `svc:list:<page>` / `ser:list:<page>` is also
what the coach home sends."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.kit.callbacks import Callback, Flag, Id, Int, Word, plain

PAGE = Int(1, 99_999)
MINUTES = Int(10, 99)  # the duration buttons (checked like typed minutes after reading)


def _entry(entry: int) -> int:
    return entry


@dataclass(frozen=True)
class Edit:
    entry: int
    field: str


@dataclass(frozen=True)
class DatePressed:
    series: int
    arg: int  # a page of dates, or a date's id


class EntryButtons:
    """The buttons of one kind of entry: its screens' (`prefix`) and its flows' (`flow`)."""

    def __init__(self, prefix: str, flow: str, fields: Iterable[str]) -> None:
        self.prefix, self.flow = prefix, flow
        self.list = Callback(f"{prefix}:list", lambda page: page, page=PAGE)
        self.view, self.hide, self.show, self.delete, self.delete_ok = (
            Callback(f"{prefix}:{act}", _entry, entry=Id)
            for act in ("view", "hide", "show", "del", "delok")
        )
        self.edit = Callback(f"{prefix}:edit", Edit, entry=Id, field=Word("|".join(fields)))
        self.new, self.save, self.cancel = (
            plain(f"{flow}:{s}") for s in ("new", "save", "cancel")
        )
        self.duration = Callback(f"{flow}:dur", lambda minutes: minutes, minutes=MINUTES)
        self.hidden = Callback(f"{flow}:hidden", lambda hidden: bool(hidden), hidden=Flag)


SERVICE = EntryButtons("svc", "svcf", ("title", "description", "duration"))
SERIES = EntryButtons("ser", "serf", ("title", "description", "capacity", "duration"))

# a series' dates: add (a flow, ended by Done), pick one to remove (a page of them), remove
# one (asks first when seats are taken), remove one anyway
ADD_DATES = Callback("ser:add", lambda series: series, series=Id)
DATES_DONE = plain("serf:done")
PICK_DATE, REMOVE_DATE, REMOVE_DATE_ANYWAY = (
    Callback(f"ser:{act}", DatePressed, series=Id, arg=arg)
    for act, arg in (("rm", PAGE), ("rmo", Id), ("rmok", Id))
)
