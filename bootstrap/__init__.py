"""The one bootstrap: settings, persistence, bot and jobs wired together (nothing imports it)."""
