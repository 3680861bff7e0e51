"""Each feature's wording handed to the kit once, on import, before anything is said: the
reasons it gives for refused input and the refusals it owns (the kit imports no feature).
The bootstrap imports this before it builds the Application; so do the tests."""

from __future__ import annotations

from bot.booking import refusals as booking
from bot.calendars import texts as calendars
from bot.catalog import texts as catalog
from bot.kit.errors import add_wording
from bot.kit.reasons import add_reasons
from bot.selling import texts as selling
from domain.booking.errors import BookingRefused
from domain.selling.errors import NothingToSell, PriceChanged

for templates in (catalog.REASONS, selling.REASONS, booking.REASONS, calendars.REASONS):
    add_reasons(templates)
add_wording(BookingRefused, booking.refusal_text)
add_wording(NothingToSell, selling.NOTHING_TO_SELL)
add_wording(PriceChanged, selling.PRICE_CHANGED)
