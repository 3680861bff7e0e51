"""Calendar feeds as the big providers publish them, and a local HTTP server that serves one
with an ETag (answering 304 to a matching If-None-Match) or fails on demand."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Coach in Europe/Berlin. Weekly on Tuesdays 10:00–11:00 Berlin from 1 Dec 2026; 8 Dec
# excluded; the 15 Dec one moved to Wed 16 Dec 15:00–16:00. An all-day event on 3 Dec, a
# free (transparent) and a cancelled event on 2 Dec, one across the spring DST change
# (28 Mar 2027 01:00 CET → 04:00 CEST, two real hours), and the bot's own booking event.
BERLIN_FEED = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//tests//feed//EN\r
BEGIN:VEVENT\r
UID:weekly-1@example.com\r
DTSTAMP:20261101T000000Z\r
DTSTART;TZID=Europe/Berlin:20261201T100000\r
DTEND;TZID=Europe/Berlin:20261201T110000\r
RRULE:FREQ=WEEKLY;COUNT=20\r
EXDATE;TZID=Europe/Berlin:20261208T100000\r
SUMMARY:Supervision\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly-1@example.com\r
DTSTAMP:20261101T000000Z\r
RECURRENCE-ID;TZID=Europe/Berlin:20261215T100000\r
DTSTART;TZID=Europe/Berlin:20261216T150000\r
DTEND;TZID=Europe/Berlin:20261216T160000\r
SUMMARY:Supervision (moved)\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:allday-1@example.com\r
DTSTAMP:20261101T000000Z\r
DTSTART;VALUE=DATE:20261203\r
DTEND;VALUE=DATE:20261204\r
SUMMARY:Conference\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:free-1@example.com\r
DTSTAMP:20261101T000000Z\r
DTSTART:20261202T120000Z\r
DTEND:20261202T130000Z\r
TRANSP:TRANSPARENT\r
SUMMARY:Reminder only\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:cancelled-1@example.com\r
DTSTAMP:20261101T000000Z\r
DTSTART:20261202T140000Z\r
DTEND:20261202T150000Z\r
STATUS:CANCELLED\r
SUMMARY:Called off\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:dst-1@example.com\r
DTSTAMP:20261101T000000Z\r
DTSTART;TZID=Europe/Berlin:20270328T010000\r
DTEND;TZID=Europe/Berlin:20270328T040000\r
SUMMARY:Night shift\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:session-7@testbot.t.me\r
DTSTAMP:20261101T000000Z\r
DTSTART:20261204T090000Z\r
DTEND:20261204T100000Z\r
SUMMARY:A booking the bot wrote itself\r
END:VEVENT\r
END:VCALENDAR\r
"""

# Google's "secret address in iCal format" style: X-WR-TIMEZONE and floating times.
GOOGLE_FEED = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
X-WR-CALNAME:Private\r
X-WR-TIMEZONE:Europe/Berlin\r
BEGIN:VEVENT\r
UID:g-1@google.com\r
DTSTAMP:20261101T000000Z\r
DTSTART:20261204T090000\r
DTEND:20261204T100000\r
SUMMARY:Dentist\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:g-2@google.com\r
DTSTAMP:20261101T000000Z\r
DTSTART:20261207T130000Z\r
DTEND:20261207T140000Z\r
SUMMARY:Lunch with a friend\r
END:VEVENT\r
END:VCALENDAR\r
"""


@dataclass
class FeedState:
    body: bytes
    etag: str = '"v1"'
    status: int = 200  # anything else: the server answers with it
    requests: list[dict[str, str]] = field(default_factory=list)
    redirect_to: str = ""


@contextmanager
def feed_server(state: FeedState) -> Iterator[str]:
    """The feed's http://127.0.0.1:<port>/calendar.ics address while the block runs."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            state.requests.append(dict(self.headers.items()))
            if state.redirect_to:
                self.send_response(302)
                self.send_header("Location", state.redirect_to)
                self.end_headers()
                return
            if state.status != 200:
                self.send_response(state.status)
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == state.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("ETag", state.etag)
            self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            self.wfile.write(state.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/calendar.ics"
    finally:
        server.shutdown()
        server.server_close()
