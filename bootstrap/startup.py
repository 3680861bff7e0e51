"""Start-up failures end in one or two plain lines naming the cause and the setting to check,
and a non-zero exit; the (masked) traceback is logged only at LOG_LEVEL=DEBUG."""

from __future__ import annotations

import logging
import sys

from telegram.error import InvalidToken, NetworkError

from bot.config import Settings
from bot.kit.logs import redact
from persistence.migrate import DatabaseUnreachable, MigrationFailed

log = logging.getLogger("packages-bot")
EXIT_FAILED = 1


def cause_of(exc: BaseException, settings: Settings) -> str:
    """What went wrong and which setting to check, in one line."""
    if isinstance(exc, InvalidToken):
        return (
            "Telegram rejected the bot token. Check TELEGRAM_BOT_TOKEN "
            "(copy it again from @BotFather)."
        )
    if isinstance(exc, NetworkError):
        return (
            f"cannot reach the Telegram Bot API at {settings.telegram_api_base_url} ({exc}). "
            "Check TELEGRAM_API_BASE_URL and the network."
        )
    if isinstance(exc, DatabaseUnreachable):
        return f"cannot reach the database ({exc}). Check DATABASE_URL."
    if isinstance(exc, MigrationFailed):
        return (
            f"upgrading the database schema failed ({exc}). "
            "Check that DATABASE_URL is this bot's database."
        )
    return f"stopped by an unexpected error ({type(exc).__name__}: {exc})."


def report_failure(exc: BaseException, settings: Settings) -> int:
    """Prints the cause (masked), logs the traceback at DEBUG, returns the exit code."""
    print(f"packages-bot: {redact(cause_of(exc, settings))}", file=sys.stderr)
    if settings.log_level == "DEBUG":
        log.debug("start-up failed", exc_info=exc)
    else:
        print("packages-bot: LOG_LEVEL=DEBUG shows the traceback.", file=sys.stderr)
    return EXIT_FAILED
