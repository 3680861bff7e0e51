"""Logging set-up. Secrets never reach a log line: bot tokens and access tokens are masked in
the whole formatted record, tracebacks included."""

from __future__ import annotations

import logging
import re

_ACCESS = re.compile(r"\ba_[A-Za-z0-9_-]{16,}")
_BOT_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")


def redact(text: str) -> str:
    return _ACCESS.sub("a_***", _BOT_TOKEN.sub("***:***", text))


class RedactingFormatter(logging.Formatter):
    """Masks bot tokens (as in Bot API URLs) and `a_<token>` access payloads."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(level: int) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, which contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))
