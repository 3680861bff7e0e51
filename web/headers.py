"""Headers on every answer: a Content-Security-Policy that lets pages run only the app's own
scripts and Telegram's WebApp script, no framing by others, no sniffing, no referrer (so
feed secrets in URLs never travel on)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js"
CSP = (
    "default-src 'none'; "
    f"script-src 'self' {TELEGRAM_SCRIPT}; "
    "style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors https://web.telegram.org https://*.telegram.org"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)
