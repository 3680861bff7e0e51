"""Prices: currencies, exact parsing of typed amounts into minor units, and rendering.

Amounts are integers in the currency's minor units (cents; whole stars for XTR). Conversion
is exact integer arithmetic on the typed digits, never float (and not `Decimal`, whose context
precision would round a long fraction like "1.000…001" into an acceptable value).

Accepted amount text (`parse_amount`):
- digits with at most one decimal separator, `.` or `,`: "49.90", "49,90", "49";
- spaces (any Unicode space) only as thousands groups of three: "1 000.50", "12 500";
- the currency's own code or symbol before or after: "49.90 EUR", "€49.90", "150 ⭐";
- never more decimal digits than the currency has, even zeros: "150.5" and "150.00" are
  refused for XTR (no fractions), "49.900" for EUR. So "1,000" (a thousand? one?) is refused
  in every currency instead of being silently misread;
- at most 10 000 000 major units; nothing negative, no exponents, no "NaN".

Rendering (`format_amount`): "49.90 EUR", "1500 JPY", and "150 ⭐" for Telegram Stars.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import InvalidInput

MAX_MAJOR_UNITS = 10_000_000
_MAX_TEXT = 40


@dataclass(frozen=True)
class Currency:
    code: str
    exponent: int
    symbols: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """What follows the number when rendering: the code, or ⭐ for Stars."""
        return "⭐" if self.code == "XTR" else self.code

    @property
    def factor(self) -> int:
        """Minor units per major unit (int(): `int ** int` is typed Any)."""
        return int(10**self.exponent)

    def max_minor(self) -> int:
        return MAX_MAJOR_UNITS * self.factor


CURRENCIES: dict[str, Currency] = {
    c.code: c
    for c in (
        Currency("XTR", 0, ("⭐", "STARS", "STAR")),
        Currency("USD", 2, ("US$", "$")),
        Currency("EUR", 2, ("€",)),
        Currency("GBP", 2, ("£",)),
        Currency("JPY", 0, ("¥", "円")),
        Currency("RUB", 2, ("₽", "РУБ")),
        Currency("INR", 2, ("₹",)),
    )
}
SUPPORTED_CURRENCIES: tuple[str, ...] = tuple(CURRENCIES)

_ALIASES: dict[str, str] = {
    name: c.code for c in CURRENCIES.values() for name in (c.code, *c.symbols)
}
_NUMBER = re.compile(
    r"(?P<int>[0-9]+|[0-9]{1,3}(?: [0-9]{3})+)(?:[.,](?P<frac>[0-9]+))?", re.ASCII
)
_SPACES = re.compile(r"\s+")


def currency(code: str) -> Currency:
    """The table entry for a supported code (as stored), or InvalidInput."""
    found = CURRENCIES.get(code)
    if found is None:
        raise _unsupported(code)
    return found


def parse_currency(text: str) -> str:
    """The ISO code for a typed code or symbol ("eur", "€", "stars"), or InvalidInput."""
    code = _ALIASES.get(text.strip().upper())
    if code is None:
        raise _unsupported(text)
    return code


def parse_amount(text: str, currency_code: str) -> int:
    """The typed price in the currency's minor units ("49,90" EUR → 4990), or InvalidInput."""
    cur = currency(currency_code)
    cleaned = _strip_currency(_SPACES.sub(" ", text).strip(), cur)
    if cleaned.startswith(("-", "−")):
        raise InvalidInput("price", "price_negative")
    match = _NUMBER.fullmatch(cleaned) if len(cleaned) <= _MAX_TEXT else None
    if match is None:
        raise InvalidInput("price", "price_unreadable", value=text.strip()[:_MAX_TEXT])
    fraction = match["frac"] or ""
    if len(fraction) > cur.exponent:
        raise _too_precise(cur, thousands=len(fraction) == 3)
    whole = int(match["int"].replace(" ", ""))
    minor = whole * cur.factor + int(fraction.ljust(cur.exponent, "0") or "0")
    if minor > cur.max_minor():
        raise InvalidInput("price", "price_too_high", limit=MAX_MAJOR_UNITS, currency=cur.code)
    return minor


def format_amount(minor: int, currency_code: str) -> str:
    """The price as "49.90 EUR", "1500 JPY" or "150 ⭐": exact, no grouping, parseable."""
    cur = currency(currency_code)
    sign = "-" if minor < 0 else ""
    if cur.exponent == 0:
        return f"{sign}{abs(minor)} {cur.label}"
    major, fraction = divmod(abs(minor), cur.factor)
    return f"{sign}{major}.{fraction:0{cur.exponent}d} {cur.label}"


def _strip_currency(text: str, cur: Currency) -> str:
    upper = text.upper()
    for mark in (cur.code, *cur.symbols):
        if upper.startswith(mark):
            return text[len(mark) :].strip()
        if upper.endswith(mark):
            return text[: len(text) - len(mark)].strip()
    return text


def _too_precise(cur: Currency, thousands: bool) -> InvalidInput:
    """Too many decimals; three of them may be a thousands separator, worth a hint."""
    if cur.exponent == 0:
        code = "price_whole_only_or_thousands" if thousands else "price_whole_only"
    else:
        code = "price_too_many_decimals_or_thousands" if thousands else "price_too_many_decimals"
    return InvalidInput("price", code, currency=cur.code, decimals=cur.exponent)


def _unsupported(text: str) -> InvalidInput:
    return InvalidInput(
        "currency", "currency_unsupported", value=text.strip()[:16], choices=tuple(CURRENCIES)
    )
