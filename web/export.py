"""CSV exports of the coach's sold packages and sessions: UTF-8 with a BOM (spreadsheets
then read it as UTF-8), a header row, ISO 8601 times with their offset (UTC), and every cell
a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return)
neutralised with a leading apostrophe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from domain.booking.model import ScheduleEntry
from domain.money import format_amount
from domain.selling.access import SoldLine

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SOLD_HEADER = (
    "id", "package", "client", "status", "price", "currency", "purchased_at", "expires_at",
    "sessions_left", "sessions_total",
)  # fmt: skip
BOOKING_HEADER = (
    "id", "session", "package", "client", "status", "starts_at", "ends_at", "booked_at",
    "cancelled_at",
)  # fmt: skip


def safe(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment is not None else ""


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sold_csv(lines: list[SoldLine]) -> bytes:
    def row(line: SoldLine) -> list[object]:
        sold = line.sold
        price = format_amount(sold.price_minor, sold.currency).split(" ")[0]
        return [
            sold.id, sold.title, sold.client_name, line.status.value, price, sold.currency,
            _iso(sold.purchased_at), _iso(sold.expires_at),
            sum(i.left for i in sold.items), sum(i.quantity for i in sold.items),
        ]  # fmt: skip

    return to_csv(SOLD_HEADER, (row(line) for line in lines))


def bookings_csv(entries: list[ScheduleEntry]) -> bytes:
    def row(entry: ScheduleEntry) -> list[object]:
        b = entry.booking
        return [
            b.id, b.title, entry.package_title, entry.client_name or "", b.status.value,
            _iso(b.starts_at), _iso(b.ends_at), _iso(b.booked_at), _iso(b.cancelled_at),
        ]  # fmt: skip

    return to_csv(BOOKING_HEADER, (row(e) for e in entries))
