"""The JSON API's frame: every call names its user by validated initData (401 with no
detail otherwise), and answers a refused action with the chat's words (409). What the user
may not see answers 404, the same as what does not exist (rule 13: no hint either way).

Every answer is in the person's language (the one they chose, else their Telegram's), named
in its Content-Language so the page can follow."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from domain.errors import DomainError, NotACoach, NotFound
from i18n import negotiate, speaking
from web.auth import Unauthorized, WebUser, from_header
from web.deps import WebDeps

Handler = Callable[[Request, WebUser], Awaitable[Any]]


def endpoint(deps: WebDeps, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def answer(request: Request) -> Response:
        try:
            user = from_header(request.headers.get("authorization"), deps.bot_token, deps.clock())
        except Unauthorized:
            return Response(status_code=401)
        with speaking(await language_of(deps, user)) as language:
            response = await answered(request, user)
        response.headers["Content-Language"] = language
        return response

    async def answered(request: Request, user: WebUser) -> Response:
        try:
            result = await handler(request, user)
        except (NotFound, NotACoach):
            return Response(status_code=404)
        except DomainError as refused:
            return JSONResponse({"refusal": deps.wording.refusal(refused)}, status_code=409)
        except (KeyError, ValueError, TypeError):  # a malformed query or body
            return Response(status_code=400)
        if isinstance(result, Response):
            return result
        return JSONResponse(result)

    return answer


async def language_of(deps: WebDeps, user: WebUser) -> str:
    """The person's chosen language, else their Telegram's (the initData's language_code)."""
    async with deps.uow(False) as uow:
        known = await uow.users.get(user.id)
    if known is not None and known.language:
        return known.language
    return negotiate(user.language_code)


def int_param(request: Request, name: str) -> int:
    value = request.path_params[name]
    if not isinstance(value, int):
        raise NotFound()
    return value


async def json_body(request: Request) -> dict[str, Any]:
    body = await request.json()
    if not isinstance(body, dict):
        raise ValueError("not an object")
    return body
