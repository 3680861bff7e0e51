"""The Mini App's pages: shells with no personal data (Telegram hands the page its initData
in the URL fragment, which never reaches the server); the page's script asks the JSON API
for everything, sending initData with each call. Jinja2 templates, autoescaped."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from web.deps import WebDeps

HERE = Path(__file__).parent
TEMPLATES = Jinja2Templates(directory=HERE / "templates")


def routes(deps: WebDeps) -> list[BaseRoute]:
    def page(template: str, **values: object) -> Response:
        context = {"telegram_script": deps.telegram_script, **values}
        return TEMPLATES.TemplateResponse(context["request"], template, context)  # type: ignore[arg-type]

    async def calendar(request: Request) -> Response:
        sold = request.path_params["sold"]
        return page("calendar.html", request=request, sold=sold)

    async def desk(request: Request) -> Response:
        return page("desk.html", request=request)

    return [
        Route("/app/package/{sold:int}", calendar),
        Route("/app/desk", desk),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
