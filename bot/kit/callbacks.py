"""Callback data, declared once per button kind so building and parsing cannot drift.

A kind is a prefix and typed fields, each with its range; `pack` builds the data (and
refuses a value out of range or data over Telegram's 64 bytes), `parse` reads it back in
full or raises NotFound, which the error handler answers like someone else's id. So a
forged or stale press never reaches a query with a number the database cannot hold.

    BOOK_WEEK = Callback("bk:w", Pressed, sold=Id, item=Id, week=Int(0, 53))
    BOOK_WEEK.pack(sold=7, item=3, week=2)  # "bk:w:7:3:2"
    BOOK_WEEK.parse("bk:w:7:3:600000")      # NotFound
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, Protocol, TypeVar

from domain.errors import NotFound

MAX_BYTES = 64  # Telegram's limit on callback data
INT32_MAX = 2**31 - 1  # PostgreSQL INTEGER: the ids this bot stores

T = TypeVar("T")
V = TypeVar("V", covariant=True)


class Field(Protocol[V]):
    """One field of callback data: text to value (or None when it is not one)."""

    def read(self, text: str) -> V | None: ...

    def write(self, value: Any) -> str: ...


@dataclass(frozen=True)
class Int:
    """A whole number in `low..high`, written in plain decimal (no sign, no leading zero)."""

    low: int
    high: int

    def read(self, text: str) -> int | None:
        if not text.isascii() or not text.isdigit() or len(text) > len(str(self.high)):
            return None
        if text != "0" and text.startswith("0"):
            return None
        value = int(text)
        return value if self.low <= value <= self.high else None

    def write(self, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{value!r} is not a whole number")
        if not self.low <= value <= self.high:
            raise ValueError(f"{value} is outside {self.low}..{self.high}")
        return str(value)


@dataclass(frozen=True)
class Word:
    """Text matching `pattern` in full (a token, a filter name, a currency code)."""

    pattern: str

    def read(self, text: str) -> str | None:
        return text if re.fullmatch(self.pattern, text) else None

    def write(self, value: Any) -> str:
        if not isinstance(value, str) or self.read(value) is None:
            raise ValueError(f"{value!r} does not match {self.pattern}")
        return value


@dataclass(frozen=True)
class Either:
    """One of two fields, tried in order (a timestamp or `none`)."""

    first: Field[Any]
    second: Field[Any]

    def read(self, text: str) -> Any:
        value = self.first.read(text)
        return value if value is not None else self.second.read(text)

    def write(self, value: Any) -> str:
        try:
            return self.first.write(value)
        except (TypeError, ValueError):
            return self.second.write(value)


@dataclass(frozen=True)
class Day:
    """A calendar date, written `yyyymmdd`; a date the calendar lacks does not read."""

    def read(self, text: str) -> date | None:
        if not re.fullmatch("[0-9]{8}", text):
            return None
        try:
            return datetime.strptime(text, "%Y%m%d").date()  # noqa: DTZ007 - a date only
        except ValueError:
            return None

    def write(self, value: Any) -> str:
        if not isinstance(value, date):
            raise TypeError(f"{value!r} is not a date")
        return f"{value:%Y%m%d}"


Id = Int(1, INT32_MAX)  # a row of this bot's database
Flag = Int(0, 1)
Zero = Int(0, 0)  # a place kept in a shared shape, always 0


class Callback(Generic[T]):
    """A button kind: `prefix:field:field…`, read into `shape(**fields)` (never None)."""

    def __init__(self, prefix: str, shape: Callable[..., T], **fields: Field[Any]) -> None:
        self.prefix = prefix
        self.shape = shape
        self.fields = fields

    def pack(self, **values: Any) -> str:
        if values.keys() != self.fields.keys():
            raise TypeError(f"{self.prefix} takes {list(self.fields)}, not {list(values)}")
        parts = [self.prefix, *(f.write(values[name]) for name, f in self.fields.items())]
        data = ":".join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data}")
        return data

    def read(self, data: str | None) -> T | None:
        """The typed press, or None when `data` is not exactly this kind."""
        parts = (data or "").split(":")
        head = self.prefix.count(":") + 1
        if ":".join(parts[:head]) != self.prefix or len(parts) != head + len(self.fields):
            return None
        values = {}
        for (name, field), text in zip(self.fields.items(), parts[head:], strict=True):
            value = field.read(text)
            if value is None:
                return None
            values[name] = value
        return self.shape(**values)

    def parse(self, data: str | None) -> T:
        """The typed press; NotFound when forged, stale or out of range."""
        pressed = self.read(data)
        if pressed is None:
            raise NotFound()
        return pressed


class Confirmable(Generic[T]):
    """A button that asks before it acts, and its confirming twin: the same data with `:y`
    at the end (`sold:hr:7:42`, then `sold:hr:7:42:y`). Both read into
    `shape(**fields, yes=False|True)`; route `ask` and `yes` to the same action."""

    def __init__(self, prefix: str, shape: Callable[..., T], **fields: Field[Any]) -> None:
        self.ask: Callback[T] = Callback(
            prefix, lambda **values: shape(**values, yes=False), **fields
        )
        self.yes: Callback[T] = Callback(
            prefix, lambda yes, **values: shape(**values, yes=True), **fields, yes=Word("y")
        )

    def pack(self, yes: bool = False, **values: Any) -> str:
        return self.yes.pack(**values, yes="y") if yes else self.ask.pack(**values)


def plain(prefix: str) -> Callback[str]:
    """A button that carries nothing but its kind (Save, Cancel, Done): reads as `prefix`."""
    return Callback(prefix, lambda: prefix)
