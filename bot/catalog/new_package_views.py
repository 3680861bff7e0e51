"""Prompts and keyboards of the package flow (/newpackage, and editing or cloning one)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.catalog import buttons as kinds
from bot.catalog.packages_views import details, items_block, link_button
from bot.catalog.shared_views import button, paging_row
from domain.catalog.drafts import PackageDraft
from domain.catalog.model import ItemKind, PackageItem
from domain.catalog.overview import ItemChoice
from domain.catalog.rules import QUANTITY_MAX, VALIDITY_MAX
from domain.money import SUPPORTED_CURRENCIES, currency
from domain.pagination import page_of
from i18n import N_, _

CHOICES_PER_PAGE = 8

NO_CATALOG = N_(
    "A package bundles sessions of your services and series, and you have none yet.\n"
    "Create one first: /newservice for 1:1 sessions, /newseries for a group programme. "
    "Then send /newpackage again."
)
ASK_TITLE = N_(
    "<b>New package</b>\nWhat is it called? For example <i>10 yoga classes</i> "
    "(up to 100 characters). Send /cancel at any step to stop; nothing is saved until you "
    "press Save."
)
ASK_TITLE_AGAIN = N_("Type the new title (up to 100 characters).")
ASK_DESCRIPTION = N_(
    "Describe it for your clients in a few lines (up to 1000 characters), "
    "or press <b>No description</b> (or send /skip)."
)
PICK_ITEM = N_(
    "Which service or series goes into the package? Hidden ones are listed too: "
    "packages can still book them."
)
ASK_REMOVE = N_("Which item should I take out?")
ASK_CURRENCY = N_("Which currency is the price in?")
ASK_HIDDEN = N_(
    "Show it on your booking page? A hidden package is sold only through its direct link."
)
VALIDITY_NEEDS_PLAN = N_(
    "A package that expires after a number of days needs the growth plan or higher. "
    "On your plan packages have no expiry, so I skipped that step."
)
VALIDITY_NEEDS_PLAN_SHORT = N_("Expiry after N days needs the growth plan or higher.")
ASK_FIELD = N_("Which field do you want to change?")
FIX_AND_SAVE = N_("Change it with <b>Edit a field</b>, then save again.")
ITEM_GONE = N_("That is no longer in your catalog. Pick another one.")
FLOW_LOST = N_("This package is no longer being edited. Send /newpackage or /packages to go on.")
NOT_IN_FLOW = N_("That form is closed. Send /newpackage or /packages to go on.")

FIELDS = (  # the package's fields, as their buttons name them
    # i18n: button
    ("title", N_("Title")),
    # i18n: button
    ("description", N_("Description")),
    # i18n: button
    ("items", N_("Sessions")),
    # i18n: button
    ("price", N_("Price")),
    # i18n: button
    ("hidden", N_("Hidden")),
    # i18n: button
    ("validity", N_("Validity")),
)


def ask_validity() -> str:
    return _(
        "How many days can a client use it after buying? Type a number from 1 to "
        "{max}, or press <b>No expiry</b>."
    ).format(max=VALIDITY_MAX)


def bad_input(reason: str, prompt: str) -> str:
    """A refused answer: what is wrong, then the same question again (`prompt` said)."""
    return _("Sorry, {reason}.\n\n{prompt}").format(reason=escape(reason), prompt=prompt)


def description_keyboard() -> InlineKeyboardMarkup:
    # i18n: button
    return InlineKeyboardMarkup([[button(_("No description"), kinds.FORM_NO_DESCRIPTION.pack())]])


def choice_label(choice: ItemChoice) -> str:
    # i18n: a package item's kind: "1:1" (a service) or "group" (a series)
    kind = "1:1" if choice.kind is ItemKind.SERVICE else _("group")
    # i18n: on a button after a service's or series' title: hidden from clients
    return f"{choice.title} · {kind}" + (" " + _("(hidden)") if choice.hidden else "")


def pick_keyboard(choices: list[ItemChoice], page: int) -> InlineKeyboardMarkup:
    shown = page_of(choices, page, CHOICES_PER_PAGE)
    rows = [
        [button(choice_label(c), kinds.FORM_ADD.pack(kind=c.kind.value, ref_id=c.ref_id))]
        for c in shown.items
    ]
    paging = paging_row(shown, lambda n: kinds.FORM_PAGE.pack(page=n))
    return InlineKeyboardMarkup([*rows, paging] if paging else rows)


def ask_quantity(title: str) -> str:
    return _(
        "How many sessions of <b>{title}</b> are in the package? Type a number from 1 to {max}."
    ).format(title=escape(title), max=QUANTITY_MAX)


def items_menu(items: list[PackageItem]) -> str:
    return _("<b>Sessions in this package</b>\n{items}\n\nAdd another, or press Done.").format(
        items=items_block(items)
    )


def items_keyboard(items: list[PackageItem]) -> InlineKeyboardMarkup:
    # i18n: button
    rows = [[button(_("➕ Add another"), kinds.FORM_MORE.pack())]]
    if items:
        # i18n: button
        rows.append([button(_("➖ Remove an item"), kinds.FORM_REMOVE.pack())])
    # i18n: button
    rows.append([button(_("✅ Done"), kinds.FORM_DONE.pack())])
    return InlineKeyboardMarkup(rows)


def remove_keyboard(items: list[PackageItem]) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                f"✖ {i.quantity} × {i.title}",
                kinds.FORM_DELETE.pack(kind=i.kind.value, ref_id=i.ref_id),
            )
        ]
        for i in items
    ]
    # i18n: button
    rows.append([button(_("◀ Back"), kinds.FORM_BACK.pack())])
    return InlineKeyboardMarkup(rows)


def currency_label(code: str) -> str:
    # i18n: button, and the currency in "Type the price in {currency}"
    return _("⭐ Telegram Stars") if code == "XTR" else code


def currency_keyboard() -> InlineKeyboardMarkup:
    buttons = {
        code: button(currency_label(code), kinds.FORM_CURRENCY.pack(code=code))
        for code in SUPPORTED_CURRENCIES
    }
    stars = [b for code, b in buttons.items() if code == "XTR"]
    others = [b for code, b in buttons.items() if code != "XTR"]
    return InlineKeyboardMarkup([stars, *(others[i : i + 3] for i in range(0, len(others), 3))])


def ask_amount(code: str) -> str:
    if currency(code).exponent == 0:
        text = _(
            "Type the price in {currency} (whole numbers only), for example {example}. "
            "Type 0 to make the package free."
        )
        return text.format(currency=currency_label(code), example="150")
    text = _(
        "Type the price in {currency}, for example {example}. Type 0 to make the package free."
    )
    return text.format(currency=currency_label(code), example="49.90")


def hidden_keyboard() -> InlineKeyboardMarkup:
    # i18n: button
    show = button(_("Show it on my booking page"), kinds.FORM_HIDDEN.pack(hidden=0))
    # i18n: button
    hide = button(_("Hide it (direct link only)"), kinds.FORM_HIDDEN.pack(hidden=1))
    return InlineKeyboardMarkup([[show], [hide]])


def validity_keyboard() -> InlineKeyboardMarkup:
    # i18n: button
    return InlineKeyboardMarkup([[button(_("No expiry"), kinds.FORM_NO_EXPIRY.pack())]])


def summary(draft: PackageDraft, editing: bool) -> str:
    if editing:
        text = _("<b>Check your changes</b>\n\n{details}\n\nSave it, change a field, or cancel.")
    else:
        text = _("<b>Check the package</b>\n\n{details}\n\nSave it, change a field, or cancel.")
    return text.format(details=details(draft))


def summary_keyboard(editing: bool) -> InlineKeyboardMarkup:
    save = (
        # i18n: button
        _("💾 Save changes")
        if editing
        # i18n: button
        else _("💾 Save")
    )
    return InlineKeyboardMarkup(
        [
            [button(save, kinds.FORM_SAVE.pack())],
            # i18n: button
            [button(_("✏️ Edit a field"), kinds.FORM_FIELDS.pack())],
            [cancel_button()],
        ]
    )


def cancel_button() -> InlineKeyboardButton:
    """Leaves the form: on the summary and on the field menu."""
    # i18n: button
    return button(_("✖ Cancel"), kinds.FORM_CANCEL.pack())


def field_menu(draft: PackageDraft, intro: str = "") -> str:
    lead = f"{intro}\n\n" if intro else ""
    return f"{lead}{details(draft)}\n\n{_(ASK_FIELD)}"


def field_keyboard() -> InlineKeyboardMarkup:
    buttons = [button(_(label), kinds.FORM_FIELD.pack(name=name)) for name, label in FIELDS]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    # i18n: button
    rows.append([button(_("◀ Back to summary"), kinds.FORM_SUMMARY.pack())])
    rows.append([cancel_button()])
    return InlineKeyboardMarkup(rows)


def editing_intro(title: str) -> str:
    return _("Editing <b>{title}</b>. Nothing changes until you save.").format(title=escape(title))


def cloned_intro(title: str) -> str:
    return _(
        "Created <b>{title}</b>, an independent copy: changing it never changes the "
        "original. Change what you like, then save."
    ).format(title=escape(title))


def saved(title: str, created: bool) -> str:
    text = _("Created <b>{title}</b>.") if created else _("Saved <b>{title}</b>.")
    return text.format(title=escape(title))


def saved_keyboard(package_id: int) -> InlineKeyboardMarkup:
    # i18n: button
    open_it = button(_("Open it"), kinds.PACKAGE_VIEW.pack(package=package_id))
    # i18n: button
    every = button(_("All packages"), kinds.PACKAGE_LIST.pack(page=1))
    return InlineKeyboardMarkup([[open_it, link_button(package_id)], [every]])
