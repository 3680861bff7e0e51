"""The coach's desk (its week is `web.desk_week`): the sold packages table (the filters of
/sold and a search), the numbers as SVG charts, CSV exports, and the schedule's calendar
feed (rotatable). Every call is the coach's own: `require_coach` and the use cases'
ownership checks (rule 13)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from domain.booking.feeds import coach_feed, coach_sessions, rotate_coach_feed
from domain.booking.numbers import coach_numbers
from domain.booking.schedule import coach_schedule
from domain.errors import NotFound
from domain.money import currency, format_amount
from domain.selling.desk import change_expiry, fingerprint, revoke_link, sold_package
from domain.selling.desk_table import sold_table
from domain.selling.model import SoldFilter
from domain.selling.rules import parse_new_expiry
from i18n import _
from web.api import endpoint, int_param, json_body
from web.auth import WebUser
from web.chart import bar_chart
from web.deps import WebDeps
from web.export import bookings_csv, sold_csv

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def routes(deps: WebDeps) -> list[Route]:
    async def sold(request: Request, user: WebUser) -> dict[str, Any]:
        which = SoldFilter(request.query_params.get("filter", SoldFilter.ALL.value))
        query, now = request.query_params.get("q", ""), deps.clock()
        lines = await sold_table(deps.uow(False), user.id, which, query, now)
        zone = (await coach_schedule(deps.uow(False), user.id, 0, now)).zone
        return {
            "zone": zone,
            "rows": [
                {
                    "id": line.sold.id,
                    "title": line.sold.title,
                    "client": line.sold.client_name,
                    "status": line.status.value,
                    "left": sum(i.left for i in line.sold.items),
                    "total": sum(i.quantity for i in line.sold.items),
                    "price": format_amount(line.sold.price_minor, line.sold.currency),
                    "expires": (
                        deps.wording.moment(line.sold.expires_at, zone)
                        if line.sold.expires_at
                        else ""
                    ),
                }
                for line in lines
            ],
        }

    async def sold_action(request: Request, user: WebUser) -> dict[str, Any]:
        """A row's change-expiry (`{"date": "2026-12-31"}` or `{"date": null}` for none)
        and revoke (a new access link; every holder loses the old one), as from /sold."""
        sold_id, act, now = int_param(request, "sold"), request.path_params["act"], deps.clock()
        body = await json_body(request)
        view = await sold_package(deps.uow(False), user.id, sold_id, now)
        if act == "expiry":
            typed = body["date"]
            new = None if typed is None else parse_new_expiry(str(typed), view.zone, now)
            change = await change_expiry(
                deps.uow(True), user.id, sold_id, new, now, deps.reminders
            )
            await deps.notices.expiry_changed(change)
            shown = deps.wording.moment(new, view.zone) if new else None
            return {"changed": change.changed, "expires": shown}
        if act == "revoke":
            revoked = await revoke_link(
                deps.uow(True), user.id, sold_id, fingerprint(view.sold), now, deps.reminders
            )
            return {"link": await deps.notices.link_revoked(revoked)}
        raise NotFound()

    async def export_sold(request: Request, user: WebUser) -> Response:
        lines = await sold_table(deps.uow(False), user.id, SoldFilter.ALL, "", deps.clock())
        return _csv(sold_csv(lines), "sold-packages.csv")

    async def export_bookings(request: Request, user: WebUser) -> Response:
        entries = await coach_sessions(deps.uow(False), user.id, EPOCH)
        return _csv(bookings_csv(entries), "sessions.csv")

    async def numbers(request: Request, user: WebUser) -> dict[str, Any]:
        found = await coach_numbers(deps.uow(False), user.id, deps.clock())
        weeks = [(f"{monday.day}.{monday.month}", n, str(n)) for monday, n in found.weeks]
        title = _("Sessions per week (times in {zone})").format(zone=found.zone)
        charts = [bar_chart(title, weeks)]
        for code, months in found.sales.items():
            factor = currency(code).factor
            bars = [
                (month[2:], minor / factor, format_amount(minor, code) if minor else "")
                for month, minor in months
            ]
            charts.append(bar_chart(_("Sales per month, {currency}").format(currency=code), bars))
        return {"charts": charts}

    async def feed(request: Request, user: WebUser) -> dict[str, Any]:
        now = deps.clock()
        if request.method == "POST":
            found = await rotate_coach_feed(deps.uow(True), user.id, now)
        else:
            found = await coach_feed(deps.uow(True), user.id, now)
        return {"url": f"{deps.base_url}/feeds/{found.secret}.ics"}

    return [
        Route("/api/desk/sold", endpoint(deps, sold)),
        Route("/api/desk/sold/{sold:int}/{act}", endpoint(deps, sold_action), methods=["POST"]),
        Route("/api/desk/export/sold.csv", endpoint(deps, export_sold)),
        Route("/api/desk/export/sessions.csv", endpoint(deps, export_bookings)),
        Route("/api/desk/numbers", endpoint(deps, numbers)),
        Route("/api/desk/feed", endpoint(deps, feed), methods=["GET", "POST"]),
    ]


def _csv(body: bytes, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
