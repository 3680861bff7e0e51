"""Redeeming sessions: a coach's availability, free slots, and session bookings."""
