"""The ASGI app: which routes a process serves. The active process serves everything; a
standby only /healthz and /metrics (it says it stands by) until it becomes active."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from web import health, webhook
from web.headers import SecurityHeaders
from web.health import Health
from web.webhook import Webhook


def standby_app(probe: Health) -> Starlette:
    """What a standby serves while it waits for its turn."""
    return Starlette(routes=health.routes(probe), middleware=[Middleware(SecurityHeaders)])


def active_app(probe: Health, hook: Webhook | None, more: list[BaseRoute]) -> Starlette:
    """The active process's app: health, the webhook (webhook mode) and `more`."""
    routes: list[BaseRoute] = [*health.routes(probe), *more]
    if hook is not None:
        routes.append(webhook.route(hook))
    return Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
