"""/language: each person picks the language the bot speaks to them (saved with them).

A command and one button per language, not a flow: it answers anywhere outside a flow (inside
one the one-flow guard says how to leave it, like for any other command) and its buttons work
even while a flow is open, so it runs before the flows (handler group -1) and stops there.
"""

from __future__ import annotations

from typing import cast

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, ApplicationHandlerStop, CommandHandler

from bot.kit.callbacks import Callback, Word
from bot.kit.commands import register_client_language, register_coach_commands
from bot.kit.context import BotContext, PackagesApplication
from bot.kit.replies import Route, buttons, reply, show
from domain import accounts
from i18n import LANGUAGES, _, current, negotiate, use

# Each language in its own name: whoever cannot read the current one still finds theirs.
NAMES = {"en": "English", "de": "Deutsch", "es": "Español", "ru": "Русский"}
CHOOSE = Callback("lang:set", lambda language: language, language=Word("|".join(LANGUAGES)))
GROUP = -1  # before the flows: a language button works while one is open


def choices() -> InlineKeyboardMarkup:
    """One button per language, two a row; the current one ticked."""
    labels = [
        InlineKeyboardButton(
            ("✓ " if code == current() else "") + NAMES[code],
            callback_data=CHOOSE.pack(language=code),
        )
        for code in LANGUAGES
    ]
    return InlineKeyboardMarkup([labels[i : i + 2] for i in range(0, len(labels), 2)])


async def ask(update: Update, context: BotContext) -> None:
    """Shows the language the bot speaks now and the others."""
    text = _("The bot speaks <b>{language}</b> with you. Choose your language:").format(
        language=NAMES[current()]
    )
    await reply(update, text, reply_markup=choices())
    raise ApplicationHandlerStop


async def chosen(update: Update, context: BotContext, language: str) -> None:
    """Saves the choice, then says so and sets the person's menu, both in the new language."""
    person, query = update.effective_user, update.callback_query
    assert person is not None and query is not None
    await accounts.set_language(context.uow(), person.id, language)
    cast(PackagesApplication, context.application).languages.remember(person.id, language)
    use(language)  # the rest of this update speaks it too
    await query.answer()
    text = _("Done: I will speak {language} with you from now on.")
    await show(update, text.format(language=NAMES[language]), None)
    if await accounts.get_coach(context.uow(write=False), person.id) is not None:
        await register_coach_commands(context.bot, person.id, context.deps.settings.web_base_url)
    else:
        app_language = negotiate(person.language_code)
        await register_client_language(context.bot, person.id, app_language)
    raise ApplicationHandlerStop


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CommandHandler("language", ask), group=GROUP)
    app.add_handler(buttons(Route(CHOOSE, chosen), family="lang", answer=False), group=GROUP)
