"""Redeeming in chat: the coach's availability (and, next, booking and the schedule)."""
