"""A real CalDAV server for the tests: Radicale on 127.0.0.1 with a throw-away storage
folder and no authentication (any user name and password get in), started and stopped as
a subprocess so a test can take it down and bring it back on the same port and data."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from caldav.davclient import DAVClient


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Radicale:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        command = [
            sys.executable, "-m", "radicale",
            "--server-hosts", f"127.0.0.1:{self.port}",
            "--storage-filesystem-folder", str(self.folder / "storage"),
            "--auth-type", "none",
            "--logging-level", "error",
        ]  # fmt: skip
        self._process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("Radicale did not start")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            process.wait(timeout=10)

    def client(self, user: str = "anna") -> DAVClient:
        return DAVClient(
            url=self.url, username=user, password="app-password",
            require_tls=False, enable_rfc6764=False,
        )  # fmt: skip

    def make_calendar(self, name: str, user: str = "anna") -> str:
        """A new calendar of `user`; its URL."""
        with self.client(user) as client:
            principal = client.principal()  # type: ignore[no-untyped-call]
            return str(principal.make_calendar(name=name).url)

    def add_event(self, calendar_url: str, ics: str) -> None:
        with self.client() as client:
            client.calendar(url=calendar_url).save_event(ics)  # type: ignore[no-untyped-call]

    def events(self, calendar_url: str) -> list[str]:
        """The raw iCalendar text of every event in the calendar."""
        with self.client() as client:
            calendar = client.calendar(url=calendar_url)  # type: ignore[no-untyped-call]
            return [str(event.data) for event in calendar.events()]


def one_hour_event(uid: str, start: datetime) -> str:
    end = start + timedelta(hours=1)
    stamp = "%Y%m%dT%H%M%SZ"
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//radicale//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n"
        f"DTSTART:{start.astimezone(UTC):{stamp}}\r\nDTEND:{end.astimezone(UTC):{stamp}}\r\n"
        "SUMMARY:Busy\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
