"""Every catalog button, declared once per kind (bot/kit/callbacks.py): an entry's (service,
series) `<prefix>:<action>:<id>[:<arg>]` and its flows' `<flow>:<step>[:<value>]`
(`svc:list:<page>` / `ser:list:<page>` is also what the coach home sends); a series' dates;
/packages' `pkg:…`, the package form's `np:…` and the booking page's `shop:…`."""

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


# /packages: the list, one package and what the coach does with it
@dataclass(frozen=True)
class Hiding:
    package: int
    hidden: bool


def _package(package: int) -> int:
    return package


PACKAGE_LIST = Callback("pkg:list", lambda page: page, page=Int(1, 9999))
PACKAGE_VIEW, PACKAGE_DELETE, PACKAGE_LINK, PACKAGE_EDIT, PACKAGE_CLONE = (
    Callback(f"pkg:{act}", _package, package=Id)
    for act in ("view", "del", "link", "edit", "clone")
)
PACKAGE_DELETE_YES = Callback("pkg:del", lambda package, yes: package, package=Id, yes=Word("yes"))
PACKAGE_HIDE, PACKAGE_SHOW = (
    Callback(f"pkg:{act}", lambda package, hidden=hidden: Hiding(package, hidden), package=Id)
    for act, hidden in (("hide", True), ("show", False))
)


# the package flow (/newpackage, edit, clone): `np:<step>[:<value>…]`
@dataclass(frozen=True)
class ItemPicked:
    kind: str  # an ItemKind's value: service or series
    ref_id: int


_ITEM_KIND = Word("service|series")
FORM_NEW, FORM_NO_DESCRIPTION, FORM_NO_EXPIRY = (
    plain(f"np:{s}") for s in ("new", "nodesc", "noexp")
)
FORM_MORE, FORM_REMOVE, FORM_DONE, FORM_BACK = (
    plain(f"np:{s}") for s in ("more", "rm", "done", "back")
)
FORM_SAVE, FORM_FIELDS, FORM_SUMMARY, FORM_CANCEL = (
    plain(f"np:{s}") for s in ("save", "fields", "summary", "cancel")
)
FORM_ADD, FORM_DELETE = (
    Callback(f"np:{act}", ItemPicked, kind=_ITEM_KIND, ref_id=Id) for act in ("add", "del")
)
FORM_PAGE = Callback("np:page", lambda page: page, page=Int(1, 999))
FORM_CURRENCY = Callback("np:cur", lambda code: code, code=Word("[A-Z]{3}"))
FORM_HIDDEN = Callback("np:hide", lambda hidden: bool(hidden), hidden=Flag)
FORM_FIELD = Callback(
    "np:field", lambda name: name, name=Word("title|description|items|price|hidden|validity")
)


# the booking page (`c_<slug>`): a package on it, another page of it
@dataclass(frozen=True)
class ShopPage:
    slug: str
    page: int


SHOP_PACKAGE = Callback(
    "shop:pkg", lambda public_id: public_id, public_id=Word(r"[A-Za-z0-9_-]{1,54}")
)
SHOP_PAGE = Callback("shop:c", ShopPage, slug=Word(r"[A-Za-z0-9_-]{1,48}"), page=Int(1, 999))
