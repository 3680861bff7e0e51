"""What the coach digest says: times in the coach's zone, names escaped, long lists cut."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.reminders.digest import DaySession, Digest, ExpiringFacts
from jobs.digest_texts import MAX_CHARS, digest_text

DAY = date(2026, 12, 14)
AT = datetime(2026, 12, 14, 17, 30, tzinfo=UTC)


def test_names_and_titles_are_escaped_and_unknown_holders_are_named_plainly() -> None:
    digest = Digest(
        1,
        DAY,
        "America/New_York",
        (
            ExpiringFacts(1, 1, None, "A&B", AT + timedelta(days=1), 1),
            ExpiringFacts(2, 1, "", "<Pro>", AT + timedelta(days=2), 4),
        ),
        (DaySession(AT, "Yoga <b>", ("Ann & Co", None)),),
    )
    assert digest_text(digest) == (
        "☀️ <b>Your day</b> · Mon 14 Dec · times in America/New_York\n\n"
        "<b>Today's sessions</b>\n"
        "12:30 Yoga &lt;b&gt; — Ann &amp; Co, client\n\n"
        "<b>Expiring in the next 7 days</b>\n"
        "not opened yet — <b>A&amp;B</b>: 1 session left, until Tue 15 Dec 12:30\n"
        "client — <b>&lt;Pro&gt;</b>: 4 sessions left, until Wed 16 Dec 12:30"
    )


def test_a_very_long_day_is_cut_with_how_many_more_and_fits_one_message() -> None:
    sessions = tuple(
        DaySession(AT + timedelta(minutes=n), "T" * 100, ("N" * 64,)) for n in range(300)
    )
    packages = tuple(
        ExpiringFacts(n, 1, "N" * 64, "T" * 100, AT + timedelta(days=1), 2) for n in range(300)
    )
    text = digest_text(Digest(1, DAY, "UTC", packages, sessions))
    assert len(text) < 4096 and MAX_CHARS < 4096
    lines = text.splitlines()
    cut = [line for line in lines if line.startswith("…and ")]
    assert len(cut) == 2
    shown = sum(1 for line in lines if "T" * 100 in line)
    assert sum(int(line.split()[1]) for line in cut) + shown == 600
