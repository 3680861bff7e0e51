"""The client's calendar: a sold package as its holder sees it (what is left, the sessions
to come), a month of days with free times (or group dates with seats left) in the viewer's
zone, a day's times, and booking or cancelling through the chat's own use cases (one
transaction; the same refusals and words). Every call re-checks that the user holds the
package (its coach, or someone who opened its access link)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.routing import Route

from domain.booking.access import ByHolder
from domain.booking.feeds import package_feed
from domain.booking.holder import (
    dates_for,
    move_choices,
    package_screen,
    slots_for,
)
from domain.booking.holder_changes import book_session, cancel_own_session, move_own_session
from domain.booking.model import GroupSeat, OneToOne, SessionBooking
from domain.catalog.model import ItemKind
from domain.selling.model import SoldStatus
from i18n import when as written
from web.api import endpoint, int_param, json_body
from web.auth import WebUser
from web.deps import WebDeps
from web.picking import day_of, month_of, utc_moment, wanted_day


def _session(
    deps: WebDeps, booking: SessionBooking, zone: str, changeable: bool
) -> dict[str, Any]:
    return {
        "id": booking.id,
        "item": booking.entitlement_id,
        "title": booking.title,
        "when": deps.wording.moment(booking.starts_at, zone),
        "starts_at": booking.starts_at.isoformat(),
        "group": booking.occurrence_id is not None,
        "changeable": changeable,
    }


def routes(deps: WebDeps) -> list[Route]:
    async def one_to_one(
        request: Request, user: WebUser, sold_id: int, item_id: int, now: datetime
    ) -> tuple[str, str, list[datetime]]:
        """(title, zone, free starts) of a 1:1 item, or with `?move=<session>` the times
        that session could move to (the chat's move use case)."""
        if "move" in request.query_params:
            moving = int(request.query_params["move"])
            found = await move_choices(deps.uow(False), user.id, sold_id, moving, now)
            return found.booking.title, found.zone, found.starts
        slots = await slots_for(deps.uow(False), user.id, sold_id, item_id, now)
        return slots.title, slots.zone, slots.starts

    async def package(request: Request, user: WebUser) -> dict[str, Any]:
        sold_id, now = int_param(request, "sold"), deps.clock()
        screen = await package_screen(deps.uow(False), user.id, sold_id, now)
        view, zone = screen.view, screen.view.zone
        sold = view.sold
        active = view.status is SoldStatus.ACTIVE
        feed = await package_feed(deps.uow(True), user.id, sold_id, now)
        return {
            "title": sold.title,
            "status": view.status.value,
            "zone": zone,
            "expires": deps.wording.moment(sold.expires_at, zone) if sold.expires_at else None,
            "for_coach": view.for_coach,
            "items": [
                {
                    "id": item.stored_id,
                    "kind": item.kind.value,
                    "title": item.title,
                    "left": item.left,
                    "quantity": item.quantity,
                    "bookable": active and item.bookable,
                }
                for item in sold.items
            ],
            "upcoming": [
                _session(
                    deps,
                    b,
                    zone,
                    view.for_coach or now <= b.starts_at - screen.cancel_window,
                )
                for b in screen.upcoming
            ],
            "feed": f"{deps.base_url}/feeds/{feed.secret}.ics",
        }

    async def month(request: Request, user: WebUser) -> dict[str, Any]:
        sold_id, item_id = int_param(request, "sold"), int_param(request, "item")
        now = deps.clock()
        kind = request.query_params.get("kind", ItemKind.SERVICE.value)
        if kind == ItemKind.SERVICE.value:
            title, zone, starts = await one_to_one(request, user, sold_id, item_id, now)
        else:
            found = await dates_for(deps.uow(False), user.id, sold_id, item_id, now)
            capacity = found.series.capacity
            zone, title = found.zone, found.series.title
            starts = [o.starts_at for o in found.occurrences if o.seats_taken < capacity]
        return month_of(request, title, zone, starts, now)

    async def day(request: Request, user: WebUser) -> dict[str, Any]:
        sold_id, item_id = int_param(request, "sold"), int_param(request, "item")
        wanted = wanted_day(request)
        now = deps.clock()
        if request.query_params.get("kind", ItemKind.SERVICE.value) == ItemKind.SERVICE.value:
            _, zone, starts = await one_to_one(request, user, sold_id, item_id, now)
            return day_of(zone, starts, wanted)
        found = await dates_for(deps.uow(False), user.id, sold_id, item_id, now)
        tz, capacity = ZoneInfo(found.zone), found.series.capacity
        dates = [o for o in found.occurrences if o.starts_at.astimezone(tz).date() == wanted]
        return {
            "zone": found.zone,
            "times": [
                {
                    "occurrence": o.id,
                    "label": written(o.starts_at.astimezone(tz), "%H:%M"),
                    "seats_left": max(capacity - o.seats_taken, 0),
                }
                for o in dates
            ],
        }

    async def book(request: Request, user: WebUser) -> dict[str, Any]:
        sold_id, item_id = int_param(request, "sold"), int_param(request, "item")
        body = await json_body(request)
        if "occurrence" in body:
            choice: OneToOne | GroupSeat = GroupSeat(item_id, int(body["occurrence"]))
        else:
            choice = OneToOne(item_id, utc_moment(body["at"]))
        access = ByHolder(user.id, sold_id)
        told = await book_session(deps.uow(True), access, choice, deps.clock(), deps.reminders)
        await deps.notices.booked(told)
        booking, zone = told.done, told.parties.actor.zone
        when = deps.wording.moment(booking.starts_at, zone)
        return {"booked": booking.id, "title": booking.title, "when": when, "zone": zone}

    async def move(request: Request, user: WebUser) -> dict[str, Any]:
        sold_id, booking_id = int_param(request, "sold"), int_param(request, "booking")
        at = utc_moment((await json_body(request))["at"])
        access = ByHolder(user.id, sold_id)
        told = await move_own_session(
            deps.uow(True), access, booking_id, at, deps.clock(), deps.reminders
        )
        await deps.notices.moved(told)
        moved, zone = told.done, told.parties.actor.zone
        when = deps.wording.moment(moved.starts_at, zone)
        return {"moved": booking_id, "title": moved.title, "when": when, "zone": zone}

    async def cancel(request: Request, user: WebUser) -> dict[str, Any]:
        sold_id, booking_id = int_param(request, "sold"), int_param(request, "booking")
        access = ByHolder(user.id, sold_id)
        told = await cancel_own_session(
            deps.uow(True), access, booking_id, deps.clock(), deps.reminders, deps.waitlist_hold
        )
        await deps.notices.cancelled(told)
        return {"cancelled": booking_id, "returned": told.done.unit_returned}

    base = "/api/packages/{sold:int}"
    return [
        Route(base, endpoint(deps, package)),
        Route(f"{base}/items/{{item:int}}/month", endpoint(deps, month)),
        Route(f"{base}/items/{{item:int}}/day", endpoint(deps, day)),
        Route(f"{base}/items/{{item:int}}/book", endpoint(deps, book), methods=["POST"]),
        Route(f"{base}/sessions/{{booking:int}}/cancel", endpoint(deps, cancel), methods=["POST"]),
        Route(f"{base}/sessions/{{booking:int}}/move", endpoint(deps, move), methods=["POST"]),
    ]
