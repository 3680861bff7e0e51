"""What the coach digest says. Times in the coach's zone, named once in the heading; the
words in the coach's language (the caller speaks it: `with speaking(...)`)."""

from __future__ import annotations

from html import escape

from domain.reminders.digest import DaySession, Digest, ExpiringFacts
from domain.timezones import to_local
from i18n import N_, _, ngettext, when

# Telegram takes 4096 characters per message: the two lists share this budget (the heading
# and the "…and N more" lines fit in the rest).
MAX_CHARS = 3500
NOT_OPENED = N_("not opened yet")
CLIENT = N_("client")


def digest_text(digest: Digest) -> str:
    """Like "☀️ Your day · Thu 17 Dec · times in Europe/Berlin", then the two lists."""
    heading = _("☀️ <b>Your day</b> · {day} · times in {zone}").format(
        day=when(digest.day, "%a %-d %b"), zone=escape(digest.zone)
    )
    parts = [heading]
    budget = MAX_CHARS // 2
    if digest.sessions:
        lines = [_session(s, digest.zone) for s in digest.sessions]
        parts.append(_("<b>Today's sessions</b>") + "\n" + _capped(lines, budget))
    if digest.expiring:
        lines = [_expiring(p, digest.zone) for p in digest.expiring]
        parts.append(_("<b>Expiring in the next 7 days</b>") + "\n" + _capped(lines, budget))
    return "\n\n".join(parts)


def _session(line: DaySession, zone: str) -> str:
    who = ", ".join(escape(name or _(CLIENT)) for name in line.clients)
    return f"{when(to_local(line.starts_at, zone), '%H:%M')} {escape(line.title)} — {who}"


def _expiring(sold: ExpiringFacts, zone: str) -> str:
    client = _(NOT_OPENED) if sold.client_name is None else escape(sold.client_name or _(CLIENT))
    assert sold.expires_at is not None
    count = sold.sessions_left
    return ngettext(
        "{client} — <b>{title}</b>: {count} session left, until {until}",
        "{client} — <b>{title}</b>: {count} sessions left, until {until}",
        count,
    ).format(
        client=client,
        title=escape(sold.title),
        count=count,
        until=when(to_local(sold.expires_at, zone), "%a %-d %b %H:%M"),
    )


def _capped(lines: list[str], budget: int) -> str:
    shown: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > budget:
            more = len(lines) - len(shown)
            tail = ngettext("…and {count} more", "…and {count} more", more).format(count=more)
            return "\n".join([*shown, tail])
        shown.append(line)
        used += len(line) + 1
    return "\n".join(shown)
