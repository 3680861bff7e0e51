"""Reminders: rows planned by the domain, swept and sent by jobs/."""
