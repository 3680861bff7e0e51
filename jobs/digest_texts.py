"""What the coach digest says. Times in the coach's zone, named once in the heading."""

from __future__ import annotations

from datetime import datetime
from html import escape

from domain.reminders.digest import DaySession, Digest, ExpiringFacts
from domain.timezones import to_local
from jobs.texts import sessions

# Telegram takes 4096 characters per message: the two lists share this budget (the heading
# and the "…and N more" lines fit in the rest).
MAX_CHARS = 3500
NOT_OPENED = "not opened yet"


def digest_text(digest: Digest) -> str:
    """Like "☀️ Your day · Thu 17 Dec · times in Europe/Berlin", then the two lists."""
    day = digest.day
    parts = [f"☀️ <b>Your day</b> · {day:%a} {day.day} {day:%b} · times in {escape(digest.zone)}"]
    budget = MAX_CHARS // 2
    if digest.sessions:
        lines = [_session(s, digest.zone) for s in digest.sessions]
        parts.append("<b>Today's sessions</b>\n" + _capped(lines, budget))
    if digest.expiring:
        lines = [_expiring(p, digest.zone) for p in digest.expiring]
        parts.append("<b>Expiring in the next 7 days</b>\n" + _capped(lines, budget))
    return "\n\n".join(parts)


def _session(line: DaySession, zone: str) -> str:
    who = ", ".join(escape(name or "client") for name in line.clients)
    return f"{to_local(line.starts_at, zone):%H:%M} {escape(line.title)} — {who}"


def _expiring(sold: ExpiringFacts, zone: str) -> str:
    client = NOT_OPENED if sold.client_name is None else escape(sold.client_name or "client")
    assert sold.expires_at is not None
    return (
        f"{client} — <b>{escape(sold.title)}</b>: {sessions(sold.sessions_left)} left, "
        f"until {_when(sold.expires_at, zone)}"
    )


def _when(moment: datetime, zone: str) -> str:
    local = to_local(moment, zone)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def _capped(lines: list[str], budget: int) -> str:
    shown: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > budget:
            return "\n".join([*shown, f"…and {len(lines) - len(shown)} more"])
        shown.append(line)
        used += len(line) + 1
    return "\n".join(shown)
