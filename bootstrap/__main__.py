"""`packages-bot` (run the bot), `packages-bot migrate` (upgrade the schema only), and
`packages-bot backup|restore FILE` (SQLite backups)."""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any
from urllib.parse import urlparse

from telegram import Update

from bootstrap.app import build_application, utc_now
from bootstrap.backup_command import COMMANDS as BACKUP_COMMANDS
from bootstrap.backup_command import run_backup_command
from bootstrap.startup import report_failure
from bootstrap.web import run_with_web, standby_health
from bot.config import ConfigError, Settings, load_settings
from bot.kit.logs import setup_logging
from persistence.migrate import upgrade_to_head
from persistence.single_instance import wait_for_turn

log = logging.getLogger("packages-bot")
USAGE = "usage: packages-bot [migrate | backup FILE | restore FILE | --help]"
HELP = f"""{USAGE}

A Telegram bot that lets coaches sell packages of sessions and clients book them.

commands:
  packages-bot           upgrade the database schema, then run the bot (polling, or webhook
                         mode when WEBHOOK_URL is set) until stopped
  packages-bot migrate   upgrade the database schema to the newest revision and exit
  packages-bot backup FILE
                         write a consistent copy of the SQLite database to FILE, also while
                         the bot runs (PostgreSQL: use pg_dump)
  packages-bot restore FILE
                         replace the SQLite database with the backup FILE (checked first);
                         refused while a bot runs on it (PostgreSQL: use pg_restore)
  packages-bot --help    this text

settings come from the environment and from a file .env in the working directory (the
environment wins): TELEGRAM_BOT_TOKEN (required to run), DATABASE_URL, LOG_LEVEL and the
others listed in .env.example. README.md (in the source repository, and on the package's
page) explains every setting and command.
"""


def webhook_options(settings: Settings) -> dict[str, Any]:
    """How PTB's webhook server listens: it serves WEBHOOK_URL's path and registers the URL."""
    return {
        "listen": settings.webhook_listen or "0.0.0.0",
        "port": settings.webhook_port or 8443,
        "url_path": urlparse(settings.webhook_url).path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": settings.webhook_secret.get_secret_value() or None,
        "allowed_updates": Update.ALL_TYPES,
    }


def run(settings: Settings) -> None:
    assert settings.telegram_bot_token is not None
    bot_id = settings.telegram_bot_token.get_secret_value().split(":", 1)[0]  # the bot's id
    # Only the active process may poll, serve the webhook or sweep; others wait here.
    if settings.web_base_url:
        with standby_health(settings, utc_now):
            lease = wait_for_turn(settings.database_url, bot_id)
    else:
        lease = wait_for_turn(settings.database_url, bot_id)
    try:
        app = build_application(settings)
        if settings.web_base_url:
            asyncio.run(run_with_web(app, settings, utc_now))
        elif settings.webhook_url:
            app.run_webhook(**webhook_options(settings))
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    finally:
        lease.release()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--help"], ["-h"]):
        print(HELP)
        return 0
    if len(args) == 2 and args[0] in BACKUP_COMMANDS:
        return run_backup_command(args[0], args[1])
    if args not in ([], ["migrate"]):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        settings = load_settings(require_token=not args)
    except ConfigError as exc:
        print(f"packages-bot: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level_number, settings.secrets())
    try:
        upgrade_to_head(settings.database_url)
        log.info("database schema is up to date")
        if args == ["migrate"]:
            return 0
        run(settings)
    except Exception as exc:  # noqa: BLE001 - every start-up failure ends in plain lines
        return report_failure(exc, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
