"""Why the catalog refused an input, by the code the domain names (see bot.kit.reasons)."""

from __future__ import annotations

REASONS: dict[str, str] = {
    "title_blank": "the title cannot be empty: type a visible character",
    "title_too_long": "at most {limit} characters (this is {length})",
    "description_too_long": "at most {limit} characters (this is {length})",
    "duration_out_of_range": "a session lasts from 15 minutes to 8 hours",
    "capacity_out_of_range": "{lo} to {hi} seats",
    "quantity_out_of_range": "{lo} to {hi} sessions per item",
    "validity_out_of_range": "{lo} to {hi} days",
    "capacity_below_booked": "{booked} clients already have a seat in one meeting",
    "items_none": "add at least one service or series",
    "items_too_many": "a package holds at most {limit} items",
    "item_kind_unknown": "an item is a service or a series",
    "item_gone": "“{title}” is no longer in your catalog; remove it",
    "item_gone_untitled": "A {kind} is no longer in your catalog; remove it",
    "price_too_large": "the price is too large for {currency}",
    "price_unset": "set a price (0 makes the package free)",
    "field_not_editable": "“{value}” cannot be edited",
    "date_already_in_series": "the series already meets at that time",
}
