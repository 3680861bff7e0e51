"""The desk's week: the coach's sessions and their series' dates (booked or not) on a time
grid in the coach's zone; a session's actions are /schedule's use cases: cancel, no-show,
and move (its free days and times, then the move; the client is told with the moved .ics).
Every call is the coach's own: the use cases' ownership checks (rule 13)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.routing import Route

from domain.booking.coach_changes import coach_cancel, coach_move, coach_no_show
from domain.booking.model import GroupDate, ScheduleEntry
from domain.booking.schedule import (
    CoachSession,
    ScheduleWeek,
    coach_may_move,
    coach_move_choices,
    coach_schedule,
)
from domain.errors import NotFound
from i18n import when
from web.api import endpoint, int_param, json_body
from web.auth import WebUser
from web.deps import WebDeps
from web.picking import day_of, month_of, utc_moment, wanted_day

DAY = 24 * 60


def routes(deps: WebDeps) -> list[Route]:
    def session(entry: ScheduleEntry, zone: str, now: datetime) -> dict[str, Any]:
        b = entry.booking
        return {
            "id": b.id,
            "title": b.title,
            "client": entry.client_name or "",
            "package": entry.package_title,
            "when": deps.wording.moment(b.starts_at, zone),
            **_span(b.starts_at, b.ends_at, zone),
            "group": b.occurrence_id is not None,
            "movable": coach_may_move(b, now),
            "no_show": b.is_active and now >= b.starts_at,
        }

    def group_date(found: GroupDate, zone: str) -> dict[str, Any]:
        return {
            "occurrence": found.occurrence_id,
            "title": found.title,
            "when": deps.wording.moment(found.starts_at, zone),
            **_span(found.starts_at, found.ends_at, zone),
            "taken": found.seats_taken,
            "capacity": found.capacity,
        }

    def days(found: ScheduleWeek, now: datetime) -> list[dict[str, Any]]:
        """The week's days with items: each item on its start day, and once more under
        `continued` on each next day of the week it runs on into (past midnight)."""
        zone, week = found.zone, {found.monday + timedelta(days=n) for n in range(7)}
        tz = ZoneInfo(zone)
        shown: dict[date, dict[str, Any]] = {}

        def put(kind: str, item: dict[str, Any], start: datetime) -> None:
            for day, continued, placed in _placed(item, start.astimezone(tz).date()):
                if day in week:
                    lists = shown.setdefault(day, _day(day))
                    (lists["continued"] if continued else lists)[kind].append(placed)

        entries = [e for _, found_on_day in found.days for e in found_on_day]
        for entry in (*found.carried, *entries):
            put("sessions", session(entry, zone, now), entry.booking.starts_at)
        for d in (*found.carried_dates, *found.group_dates):
            put("dates", group_date(d, zone), d.starts_at)
        return [shown[day] for day in sorted(shown)]

    async def week(request: Request, user: WebUser) -> dict[str, Any]:
        number, now = int(request.query_params.get("week", "0")), deps.clock()
        found = await coach_schedule(deps.uow(False), user.id, number, now)
        return {
            "week": found.week,
            "monday": found.monday.isoformat(),
            "label": _day_label(found.monday),
            "zone": found.zone,
            "week_days": [
                {"date": day.isoformat(), "label": _day_label(day)}
                for day in (found.monday + timedelta(days=n) for n in range(7))
            ],
            "has_previous": found.has_previous,
            "has_next": found.has_next or found.dates_later or found.runs_on,
            "days": days(found, now),
        }

    async def session_action(request: Request, user: WebUser) -> dict[str, Any]:
        """/schedule's use cases, and the client told as /schedule tells them."""
        booking_id, act, now = (
            int_param(request, "booking"),
            request.path_params["act"],
            deps.clock(),
        )
        if act == "cancel":
            cancelled = await coach_cancel(
                deps.uow(True), user.id, booking_id, now, deps.reminders, deps.waitlist_hold
            )
            await deps.notices.coach_cancelled(cancelled)
        elif act == "no-show":
            marked = await coach_no_show(deps.uow(True), user.id, booking_id, now, deps.reminders)
            await deps.notices.coach_no_show(marked)
        elif act == "move":
            return await move(request, user, booking_id, now)
        else:
            raise NotFound()
        return {"done": act}

    async def move(
        request: Request, user: WebUser, booking_id: int, now: datetime
    ) -> dict[str, Any]:
        """As the chat's move: to the time it has, or once it is no longer active (pressed
        twice), nothing changes; a taken time is refused with the chat's words (409)."""
        start = utc_moment((await json_body(request))["at"])
        uow = deps.uow(True)
        changed = await coach_move(uow, user.id, booking_id, start, now, deps.reminders)
        if isinstance(changed, CoachSession):
            booking, zone = changed.entry.booking, changed.coach.timezone
            when = deps.wording.moment(booking.starts_at, zone)
            return {"done": "move", "moved": False, "title": booking.title, "when": when}
        await deps.notices.coach_moved(changed)
        moved, zone = changed.done, changed.session.coach.timezone
        when = deps.wording.moment(moved.starts_at, zone)
        return {"done": "move", "moved": True, "title": moved.title, "when": when, "zone": zone}

    async def move_month(request: Request, user: WebUser) -> dict[str, Any]:
        booking_id, now = int_param(request, "booking"), deps.clock()
        found = await coach_move_choices(deps.uow(False), user.id, booking_id, now)
        return month_of(request, found.booking.title, found.zone, found.starts, now)

    async def move_day(request: Request, user: WebUser) -> dict[str, Any]:
        booking_id, wanted, now = int_param(request, "booking"), wanted_day(request), deps.clock()
        found = await coach_move_choices(deps.uow(False), user.id, booking_id, now)
        return day_of(found.zone, found.starts, wanted)

    base = "/api/desk/sessions/{booking:int}"
    return [
        Route("/api/desk/week", endpoint(deps, week)),
        Route(f"{base}/month", endpoint(deps, move_month)),
        Route(f"{base}/day", endpoint(deps, move_day)),
        Route(f"{base}/{{act}}", endpoint(deps, session_action), methods=["POST"]),
    ]


def _day_label(day: date) -> str:
    return when(day, "%a %-d %b")


def _day(day: date) -> dict[str, Any]:
    return {
        "date": day.isoformat(),
        "label": _day_label(day),
        "sessions": [],
        "dates": [],
        "continued": {"sessions": [], "dates": []},
    }


def _placed(item: dict[str, Any], first: date) -> Iterator[tuple[date, bool, dict[str, Any]]]:
    """`item` on its start day `first` (in the coach's zone), then, while its `end_minute`
    runs past midnight, a copy on each next day from 0 to its end there (1440 at most; an
    end at midnight sharp adds no day), marked `continued`. Minutes are the clock's, as the
    grid's hours are: on a day the clocks change they count the wall time, not the time
    gone by."""
    yield first, False, item
    after = 1
    while (rest := item["end_minute"] - after * DAY) > 0:
        copy = {**item, "start_minute": 0, "end_minute": min(rest, DAY), "continued": True}
        yield first + timedelta(days=after), True, copy
        after += 1


def _span(start: datetime, end: datetime, zone: str) -> dict[str, Any]:
    """Start and end as the coach's clock shows them, and as minutes since the start's
    midnight there (the grid's rows; an end past midnight counts on: 25:00 is 1500)."""
    tz = ZoneInfo(zone)
    first, last = start.astimezone(tz), end.astimezone(tz)
    return {
        "start": when(first, "%H:%M"),
        "end": when(last, "%H:%M"),
        "start_minute": _minute(first, first.date()),
        "end_minute": _minute(last, first.date()),
    }


def _minute(moment: datetime, day: date) -> int:
    return (moment.date() - day).days * DAY + moment.hour * 60 + moment.minute
