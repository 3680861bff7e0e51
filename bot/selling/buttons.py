"""Every selling button, declared once (bot/kit/callbacks.py): what each carries, in range.

/sold: `sold:l:<filter>:<page>`, `sold:<v|k|h|x|r|w>:<id>`, `sold:set:<id>:<timestamp|none>[:y]`,
`sold:rv:<id>:<link fingerprint>`, `sold:hr:<id>:<user>[:y]`, `sold:<date|ext>:<id>`
(the flows'); the package page: `sell:grant:<package>`, `<buy|get>:<public id>`;
/mypackages: `mine:o:<id>`, `mine:p:<page>`; an expiry reminder: `rx:ask:<id>`;
a sold package's policies: `rf:<a|ok>:<id>` (refund), `tr:a:<id>`, `tr:ok:<id>:<fingerprint>`
(transfer), `ps:<p|r>:<id>` (pause, resume).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.kit.callbacks import Callback, Confirmable, Either, Id, Int, Word
from domain.selling.model import SoldFilter

PAGE = Int(1, 9999)
USER = Int(1, 10**16 - 1)  # a Telegram user id
TIMESTAMP = Int(0, 10**11 - 1)  # seconds since the epoch


def _sold(sold: int) -> int:
    return sold


# /sold's list and one sold package
@dataclass(frozen=True)
class Listed:
    which: SoldFilter
    page: int


LIST = Callback(
    "sold:l",
    lambda which, page: Listed(SoldFilter(which), page),
    which=Word("|".join(f.value for f in SoldFilter)),
    page=PAGE,
)
DETAIL, LINK, HISTORY = (Callback(f"sold:{a}", _sold, sold=Id) for a in ("v", "k", "h"))
EXPIRY_MENU, REVOKE_ASK, HOLDERS = (Callback(f"sold:{a}", _sold, sold=Id) for a in ("x", "r", "w"))


@dataclass(frozen=True)
class ExpirySet:
    sold: int
    value: int | str  # a timestamp, or "none" (no expiry)
    yes: bool

    @property
    def timestamp(self) -> int | None:
        return None if self.value == "none" else int(self.value)


_EXPIRY = Confirmable("sold:set", ExpirySet, sold=Id, value=Either(TIMESTAMP, Word("none")))
SET_EXPIRY, SET_EXPIRY_YES = _EXPIRY.ask, _EXPIRY.yes


def expiry_data(sold_id: int, new: datetime | None, yes: bool = False) -> str:
    value: int | str = "none" if new is None else int(new.timestamp())
    return _EXPIRY.pack(yes, sold=sold_id, value=value)


@dataclass(frozen=True)
class Revoke:
    sold: int
    fingerprint: str


REVOKE = Callback("sold:rv", Revoke, sold=Id, fingerprint=Word(r"[A-Za-z0-9_-]{8}"))


@dataclass(frozen=True)
class RemoveHolder:
    sold: int
    user: int
    yes: bool


_REMOVE = Confirmable("sold:hr", RemoveHolder, sold=Id, user=USER)
REMOVE_HOLDER, REMOVE_HOLDER_YES = _REMOVE.ask, _REMOVE.yes


def remove_holder_data(sold_id: int, user: int, yes: bool = False) -> str:
    return _REMOVE.pack(yes, sold=sold_id, user=user)


# /sold's typed changes of the expiry (the flows'): (how, sold package id)
NEW_DATE, EXTEND = (
    Callback(f"sold:{how}", lambda sold, how=how: (how, sold), sold=Id) for how in ("date", "ext")
)

# the package page
GRANT = Callback("sell:grant", lambda package: package, package=Id)


@dataclass(frozen=True)
class Buy:
    free: bool
    public_id: str


_PUBLIC_ID = Word(r"[A-Za-z0-9_-]{1,60}")
BUY = Callback("buy", lambda public_id: Buy(False, public_id), public_id=_PUBLIC_ID)
GET = Callback("get", lambda public_id: Buy(True, public_id), public_id=_PUBLIC_ID)

# /mypackages
OPEN_MINE = Callback("mine:o", _sold, sold=Id)
MINE_PAGE = Callback("mine:p", lambda page: page, page=PAGE)

# an expiry reminder's "🙋 Ask to extend"
ASK_EXTEND = Callback("rx:ask", _sold, sold=Id)

# a sold package's policies on /sold: refund (asked, then confirmed; acts once)
REFUND_ASK = Callback("rf:a", _sold, sold=Id)
REFUND_CONFIRM = Callback("rf:ok", _sold, sold=Id)

# transfer (the client from the package's view, or the coach from /sold): asked, confirmed
TRANSFER_ASK = Callback("tr:a", _sold, sold=Id)


@dataclass(frozen=True)
class TransferPressed:
    sold: int
    fingerprint: str


TRANSFER = Callback("tr:ok", TransferPressed, sold=Id, fingerprint=Word(r"[A-Za-z0-9_-]{8}"))

# pause and resume one sold package on /sold (a repeat press finds it already so)
PAUSE = Callback("ps:p", _sold, sold=Id)
RESUME = Callback("ps:r", _sold, sold=Id)
