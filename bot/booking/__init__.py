"""Redeeming in chat: the coach's availability (and, next, booking and the schedule)."""

from bot.booking.refusals import REASONS, refusal_text
from bot.kit.errors import add_wording
from bot.kit.reasons import add_reasons
from domain.booking.errors import BookingRefused

add_reasons(REASONS)
add_wording(BookingRefused, refusal_text)
