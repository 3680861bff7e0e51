"""The coach's catalog in the chat: services, series, packages and the storefront."""
