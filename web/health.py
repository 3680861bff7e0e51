"""`GET /healthz` (the process role and whether the database answers; 503 when it does not)
and `GET /metrics` (Prometheus text: updates by kind, handler latency, errors, reminders,
the role). Neither shows anything personal: counts and timings only."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


@dataclass(frozen=True)
class Health:
    """The process's role (`active` or `standby`) and the database's probes."""

    role: Callable[[], str]
    reachable: Callable[[], Awaitable[bool]]
    pending_reminders: Callable[[], Awaitable[int]] | None = None


async def _pending_or_none(health: Health) -> int | None:
    if health.pending_reminders is None:
        return None
    try:
        return await health.pending_reminders()
    except Exception:  # noqa: BLE001 - a scrape while the database is away still answers
        return None


class _ProcessCollector(Collector):
    """The role gauge; the pending count is read per scrape (see `metrics`)."""

    def __init__(self, role: str, pending: int | None) -> None:
        self._role, self._pending = role, pending

    def collect(self):  # type: ignore[no-untyped-def]
        role = GaugeMetricFamily(
            "packages_bot_role", "1 for the role this process has now", labels=["role"]
        )
        for name in ("active", "standby"):
            role.add_metric([name], 1.0 if name == self._role else 0.0)
        yield role
        if self._pending is not None:
            yield GaugeMetricFamily(
                "packages_bot_reminders_pending",
                "reminders due and not sent yet",
                value=float(self._pending),
            )


def routes(health: Health) -> list[Route]:
    async def healthz(_: Request) -> Response:
        up = await health.reachable()
        body = {"role": health.role(), "database": "ok" if up else "unreachable"}
        return JSONResponse(body, status_code=200 if up else 503)

    async def metrics(_: Request) -> Response:
        local = CollectorRegistry(auto_describe=False)
        local.register(_ProcessCollector(health.role(), await _pending_or_none(health)))
        body = generate_latest(REGISTRY) + generate_latest(local)
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    return [Route("/healthz", healthz), Route("/metrics", metrics)]
