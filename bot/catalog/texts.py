"""Why the catalog refused an input, by the code the domain names (see bot.kit.reasons)."""

from __future__ import annotations

from i18n import N_

REASONS: dict[str, str] = {
    "title_blank": N_("the title cannot be empty: type a visible character"),
    "title_too_long": N_("at most {limit} characters (this is {length})"),
    "description_too_long": N_("at most {limit} characters (this is {length})"),
    "duration_out_of_range": N_("a session lasts from 15 minutes to 8 hours"),
    "capacity_out_of_range": N_("{lo} to {hi} seats"),
    "quantity_out_of_range": N_("{lo} to {hi} sessions per item"),
    "validity_out_of_range": N_("{lo} to {hi} days"),
    "capacity_below_booked": N_("{booked} clients already have a seat in one meeting"),
    "items_none": N_("add at least one service or series"),
    "items_too_many": N_("a package holds at most {limit} items"),
    "item_kind_unknown": N_("an item is a service or a series"),
    "item_gone": N_("“{title}” is no longer in your catalog; remove it"),
    # the kind's own sentence is said (bot.kit.reasons); this English one is the fallback only
    "item_gone_untitled": "A {kind} is no longer in your catalog; remove it",
    "item_gone_untitled.service": N_("A service is no longer in your catalog; remove it"),
    "item_gone_untitled.series": N_("A series is no longer in your catalog; remove it"),
    "price_too_large": N_("the price is too large for {currency}"),
    "price_unset": N_("set a price (0 makes the package free)"),
    "field_not_editable": N_("“{value}” cannot be edited"),
    "date_already_in_series": N_("the series already meets at that time"),
}
