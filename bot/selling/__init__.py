"""Selling in the chat: buying (free, Stars, card), access links, /mypackages, granting and the
coach's /sold desk. Handlers here, wording in `texts`, screens in `views`."""

from bot.kit.errors import add_wording
from bot.kit.reasons import add_reasons
from bot.selling.texts import NOTHING_TO_SELL, PRICE_CHANGED, REASONS
from domain.selling.errors import NothingToSell, PriceChanged

add_reasons(REASONS)
add_wording(NothingToSell, NOTHING_TO_SELL)
add_wording(PriceChanged, PRICE_CHANGED)
