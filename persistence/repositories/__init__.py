"""Repositories: SQL in, domain objects out. They never commit."""
