"""/calendar: connecting the coach's outside calendars (feeds and CalDAV)."""
