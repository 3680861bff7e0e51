"""The standby's /healthz thread stops when the wait for the lock ends, however soon."""

from __future__ import annotations

import socket
import threading
from datetime import UTC, datetime
from pathlib import Path

from bootstrap.web import standby_health
from bot.config import load_settings
from tests.support.radicale_server import free_port


def _standby_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "standby-web" and t.is_alive()]


def test_a_wait_that_ends_at_once_leaves_no_server_behind(tmp_path: Path) -> None:
    port = free_port()
    settings = load_settings(
        require_token=False,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        web_base_url="https://bot.example.com",
        web_listen="127.0.0.1",
        web_port=str(port),
    )
    for _ in range(5):  # the lock is taken before the thread could start its server
        with standby_health(settings, lambda: datetime.now(UTC)):
            pass
        assert _standby_threads() == []
    with socket.socket() as again:  # the port is free for the active server
        again.bind(("127.0.0.1", port))
