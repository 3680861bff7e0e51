"""`packages-bot backup FILE` and `packages-bot restore FILE` (see persistence/backup.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.config import ConfigError, load_settings
from persistence.backup import BackupRefused, backup, restore

COMMANDS = ("backup", "restore")


def run_backup_command(command: str, file: str) -> int:
    """Backs up to or restores from `file` the database of DATABASE_URL; the exit code."""
    try:
        url = load_settings(require_token=False).database_url
        if command == "backup":
            backup(url, Path(file))
            print(f"packages-bot: backup written to {file}")
        else:
            restore(url, Path(file))
            print(f"packages-bot: database restored from {file}")
    except (ConfigError, BackupRefused) as exc:
        print(f"packages-bot: {exc}", file=sys.stderr)
        return 1
    return 0
