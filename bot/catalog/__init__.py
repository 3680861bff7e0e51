"""The coach's catalog in the chat: services, series, packages and the storefront."""

from bot.catalog.texts import REASONS
from bot.kit.reasons import add_reasons

add_reasons(REASONS)
