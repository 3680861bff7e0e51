"""Telegram's webhook on the web server's port (PTB's custom-webhook pattern): a post with
the right secret token is handed to the bot (`deliver` stores it in the inbox and queues it;
it returns once stored, so the 200 confirms a stored update, as with PTB's own server)."""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass(frozen=True)
class Webhook:
    path: str
    secret: str
    # Raises ValueError for a body that is no Telegram update.
    deliver: Callable[[dict[str, Any]], Awaitable[None]]


def route(hook: Webhook) -> Route:
    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), hook.secret.encode()):
            return Response(status_code=403)
        try:
            data = json.loads(await request.body())
            if not isinstance(data, dict):
                raise ValueError("not an object")
            await hook.deliver(data)
        except ValueError:
            return Response(status_code=400)
        return Response(status_code=200)

    return Route("/" + hook.path.strip("/"), receive, methods=["POST"])
