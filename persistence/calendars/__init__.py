"""Adapters to the coach's own calendars outside the bot: reading feeds (icalendar,
recurring-ical-events, x-wr-timezone), fetching them safely (httpx), CalDAV (caldav) and
encrypting their secrets (Fernet). They sit here, next to the database, because they are
where busy times are stored and read from, and because both bot/ (connecting) and jobs/
(syncing, writing bookings) use them; domain/calendars stays free of every library."""
