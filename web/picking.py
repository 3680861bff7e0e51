"""The day/time picker's answers, shared by the client's calendar and the coach's desk:
a month of days with their count of free times, and one day's times, in a zone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from starlette.requests import Request

from domain.booking.picker import month_days, times_on
from i18n import when


def month_of(
    request: Request, title: str, zone: str, starts: list[datetime], now: datetime
) -> dict[str, Any]:
    """`?month=YYYY-MM`'s days with something free; without it, the first month with
    something free (else this one), in the viewer's zone."""
    first = min(starts).astimezone(ZoneInfo(zone)) if starts else None
    if "month" in request.query_params:
        year, number = _month(request.query_params["month"])
    else:
        shown = first or now.astimezone(ZoneInfo(zone))
        year, number = shown.year, shown.month
    days = month_days(starts, zone, year, number)
    return {
        "title": title,
        "zone": zone,
        "month": f"{year:04d}-{number:02d}",
        "first": f"{first:%Y-%m}" if first else None,
        "days": [{"date": d.day.isoformat(), "count": d.slots} for d in days],
    }


def day_of(zone: str, starts: list[datetime], wanted: date) -> dict[str, Any]:
    """The free start times on the `wanted` day in the zone."""
    times = times_on(starts, zone, wanted)
    return {
        "zone": zone,
        "times": [{"at": t.isoformat(), "label": when(t, "%H:%M")} for t in times],
    }


def wanted_day(request: Request) -> date:
    """`?date=YYYY-MM-DD` (else ValueError or KeyError: a bad request)."""
    return date.fromisoformat(request.query_params["date"])


def utc_moment(text: str) -> datetime:
    """A moment the page sends (ISO 8601 with its offset)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a time without its offset")
    return moment


def _month(text: str) -> tuple[int, int]:
    year, month = (int(part) for part in text.split("-"))
    date(year, month, 1)  # a real month, or ValueError
    return year, month
