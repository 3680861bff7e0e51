"""Selling: purchases (free, paid, granted), sold packages, access links and the coach's desk."""
