"""The web front-end: the Mini App (Telegram-authenticated pages and JSON for the client's
calendar and the coach's desk), calendar feeds, /healthz, /metrics and, in webhook mode,
Telegram's webhook, all on one ASGI app served by the bot's own process."""
