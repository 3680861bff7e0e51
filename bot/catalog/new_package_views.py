"""Prompts and keyboards of the package flow (/newpackage, and editing or cloning one)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.catalog import buttons as kinds
from bot.catalog.packages_views import details, items_block
from bot.catalog.shared_views import paging_row
from domain.catalog.drafts import PackageDraft
from domain.catalog.model import ItemKind, PackageItem
from domain.catalog.overview import ItemChoice
from domain.catalog.rules import QUANTITY_MAX, VALIDITY_MAX
from domain.money import SUPPORTED_CURRENCIES, currency
from domain.pagination import page_of

CHOICES_PER_PAGE = 8

NO_CATALOG = (
    "A package bundles sessions of your services and series, and you have none yet.\n"
    "Create one first: /newservice for 1:1 sessions, /newseries for a group programme. "
    "Then send /newpackage again."
)
ASK_TITLE = (
    "<b>New package</b>\nWhat is it called? For example <i>10 yoga classes</i> "
    "(up to 100 characters). Send /cancel at any step to stop; nothing is saved until you "
    "press Save."
)
ASK_TITLE_AGAIN = "Type the new title (up to 100 characters)."
ASK_DESCRIPTION = (
    "Describe it for your clients in a few lines (up to 1000 characters), "
    "or press <b>No description</b> (or send /skip)."
)
PICK_ITEM = (
    "Which service or series goes into the package? Hidden ones are listed too: "
    "packages can still book them."
)
ASK_REMOVE = "Which item should I take out?"
ASK_CURRENCY = "Which currency is the price in?"
ASK_HIDDEN = "Show it on your booking page? A hidden package is sold only through its direct link."
ASK_VALIDITY = (
    "How many days can a client use it after buying? Type a number from 1 to "
    f"{VALIDITY_MAX}, or press <b>No expiry</b>."
)
VALIDITY_NEEDS_PLAN = (
    "A package that expires after a number of days needs the growth plan or higher. "
    "On your plan packages have no expiry, so I skipped that step."
)
VALIDITY_NEEDS_PLAN_SHORT = "Expiry after N days needs the growth plan or higher."
ASK_FIELD = "Which field do you want to change?"
FIX_AND_SAVE = "Change it with <b>Edit a field</b>, then save again."
ITEM_GONE = "That is no longer in your catalog. Pick another one."
FLOW_LOST = "This package is no longer being edited. Send /newpackage or /packages to go on."
NOT_IN_FLOW = "That form is closed. Send /newpackage or /packages to go on."

FIELDS = (
    ("title", "Title"),
    ("description", "Description"),
    ("items", "Sessions"),
    ("price", "Price"),
    ("hidden", "Hidden"),
    ("validity", "Validity"),
)


def bad_input(reason: str, prompt: str) -> str:
    """A refused answer: what is wrong, then the same question again."""
    return f"Sorry, {escape(reason)}.\n\n{prompt}"


def description_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("No description", callback_data=kinds.FORM_NO_DESCRIPTION.pack())]]
    )


def choice_label(choice: ItemChoice) -> str:
    kind = "1:1" if choice.kind is ItemKind.SERVICE else "group"
    return f"{choice.title} · {kind}" + (" (hidden)" if choice.hidden else "")


def pick_keyboard(choices: list[ItemChoice], page: int) -> InlineKeyboardMarkup:
    shown = page_of(choices, page, CHOICES_PER_PAGE)
    rows = [
        [
            InlineKeyboardButton(
                choice_label(c),
                callback_data=kinds.FORM_ADD.pack(kind=c.kind.value, ref_id=c.ref_id),
            )
        ]
        for c in shown.items
    ]
    paging = paging_row(shown, lambda n: kinds.FORM_PAGE.pack(page=n))
    return InlineKeyboardMarkup([*rows, paging] if paging else rows)


def ask_quantity(title: str) -> str:
    return (
        f"How many sessions of <b>{escape(title)}</b> are in the package? "
        f"Type a number from 1 to {QUANTITY_MAX}."
    )


def items_menu(items: list[PackageItem]) -> str:
    return f"<b>Sessions in this package</b>\n{items_block(items)}\n\nAdd another, or press Done."


def items_keyboard(items: list[PackageItem]) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton("➕ Add another", callback_data=kinds.FORM_MORE.pack())]]
    if items:
        rows.append(
            [InlineKeyboardButton("➖ Remove an item", callback_data=kinds.FORM_REMOVE.pack())]
        )
    rows.append([InlineKeyboardButton("✅ Done", callback_data=kinds.FORM_DONE.pack())])
    return InlineKeyboardMarkup(rows)


def remove_keyboard(items: list[PackageItem]) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                f"✖ {i.quantity} × {i.title}",
                callback_data=kinds.FORM_DELETE.pack(kind=i.kind.value, ref_id=i.ref_id),
            )
        ]
        for i in items
    ]
    rows.append([InlineKeyboardButton("◀ Back", callback_data=kinds.FORM_BACK.pack())])
    return InlineKeyboardMarkup(rows)


def currency_label(code: str) -> str:
    return "⭐ Telegram Stars" if code == "XTR" else code


def currency_keyboard() -> InlineKeyboardMarkup:
    buttons = {
        code: InlineKeyboardButton(
            currency_label(code), callback_data=kinds.FORM_CURRENCY.pack(code=code)
        )
        for code in SUPPORTED_CURRENCIES
    }
    stars = [b for code, b in buttons.items() if code == "XTR"]
    others = [b for code, b in buttons.items() if code != "XTR"]
    return InlineKeyboardMarkup([stars, *(others[i : i + 3] for i in range(0, len(others), 3))])


def ask_amount(code: str) -> str:
    example = "150" if currency(code).exponent == 0 else "49.90"
    whole = " (whole numbers only)" if currency(code).exponent == 0 else ""
    return (
        f"Type the price in {currency_label(code)}{whole}, for example {example}. "
        "Type 0 to make the package free."
    )


def hidden_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Show it on my booking page", callback_data=kinds.FORM_HIDDEN.pack(hidden=0)
                )
            ],
            [
                InlineKeyboardButton(
                    "Hide it (direct link only)", callback_data=kinds.FORM_HIDDEN.pack(hidden=1)
                )
            ],
        ]
    )


def validity_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("No expiry", callback_data=kinds.FORM_NO_EXPIRY.pack())]]
    )


def summary(draft: PackageDraft, editing: bool) -> str:
    head = "<b>Check the package</b>" if not editing else "<b>Check your changes</b>"
    return f"{head}\n\n{details(draft)}\n\nSave it, change a field, or cancel."


def summary_keyboard(editing: bool) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "💾 Save changes" if editing else "💾 Save",
                    callback_data=kinds.FORM_SAVE.pack(),
                )
            ],
            [InlineKeyboardButton("✏️ Edit a field", callback_data=kinds.FORM_FIELDS.pack())],
            [InlineKeyboardButton("✖ Cancel", callback_data=kinds.FORM_CANCEL.pack())],
        ]
    )


def field_menu(draft: PackageDraft, intro: str = "") -> str:
    lead = f"{intro}\n\n" if intro else ""
    return f"{lead}{details(draft)}\n\n{ASK_FIELD}"


def field_keyboard() -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(label, callback_data=kinds.FORM_FIELD.pack(name=name))
        for name, label in FIELDS
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append(
        [InlineKeyboardButton("◀ Back to summary", callback_data=kinds.FORM_SUMMARY.pack())]
    )
    rows.append([InlineKeyboardButton("✖ Cancel", callback_data=kinds.FORM_CANCEL.pack())])
    return InlineKeyboardMarkup(rows)


def editing_intro(title: str) -> str:
    return f"Editing <b>{escape(title)}</b>. Nothing changes until you save."


def cloned_intro(title: str) -> str:
    return (
        f"Created <b>{escape(title)}</b>, an independent copy: changing it never changes the "
        "original. Change what you like, then save."
    )


def saved(title: str, created: bool) -> str:
    what = "Created" if created else "Saved"
    return f"{what} <b>{escape(title)}</b>."


def saved_keyboard(package_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Open it", callback_data=kinds.PACKAGE_VIEW.pack(package=package_id)
                ),
                InlineKeyboardButton(
                    "🔗 Link", callback_data=kinds.PACKAGE_LINK.pack(package=package_id)
                ),
            ],
            [InlineKeyboardButton("All packages", callback_data=kinds.PACKAGE_LIST.pack(page=1))],
        ]
    )
