"""The Mini App's pages: shells with no personal data (Telegram hands the page its initData
in the URL fragment, which never reaches the server); the page's script asks the JSON API
for everything, sending initData with each call. Jinja2 templates, autoescaped.

A page speaks `?lang=` (else the browser's Accept-Language, else English); the API answers
in the person's own language and says it (Content-Language), and a page in another one
reloads itself in that language (app.js), so the person reads the pages in theirs."""

from __future__ import annotations

from pathlib import Path

import jinja2
from babel.dates import get_day_names
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from i18n import _, negotiate, ngettext, speaking
from web.deps import WebDeps
from web.words import PAGES

HERE = Path(__file__).parent
ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=jinja2.select_autoescape(),
    extensions=["jinja2.ext.i18n"],
)
# `_` and `ngettext` read the language being spoken when the page is rendered.
ENVIRONMENT.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]
TEMPLATES = Jinja2Templates(env=ENVIRONMENT)


def page_language(request: Request) -> str:
    """`?lang=` if given, else the browser's first Accept-Language (the API then corrects a
    wrong guess: app.js reloads in the person's language)."""
    asked = request.query_params.get("lang")
    if not asked:
        asked = request.headers.get("accept-language", "").split(",")[0].split(";")[0]
    return negotiate(asked.strip())


def weekdays(language: str) -> list[tuple[str, str]]:
    """Monday to Sunday: (short, full) names in `language` ("Mo", "Monday")."""
    short = get_day_names("short", context="stand-alone", locale=language)
    wide = get_day_names("wide", context="stand-alone", locale=language)
    return [(str(short[day]), str(wide[day])) for day in range(7)]


def routes(deps: WebDeps) -> list[BaseRoute]:
    def page(request: Request, template: str, **values: object) -> Response:
        with speaking(page_language(request)) as language:
            context = {
                "request": request,
                "telegram_script": deps.telegram_script,
                "lang": language,
                "words": PAGES[template](),
                "weekdays": weekdays(language),
                **values,
            }
            # rendered here, while the page's language is spoken
            return TEMPLATES.TemplateResponse(request, template, context)

    async def calendar(request: Request) -> Response:
        return page(request, "calendar.html", sold=request.path_params["sold"])

    async def desk(request: Request) -> Response:
        return page(request, "desk.html")

    return [
        Route("/app/package/{sold:int}", calendar),
        Route("/app/desk", desk),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
