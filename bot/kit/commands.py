"""Command menus (setMyCommands) and the bot's description, in every language: clients see
the default scope (one menu per language, picked by their Telegram app's language), each coach
their own chat's menu in their language; someone who chose a language in /language that their
app does not show gets their own chat's menu in it too."""

from __future__ import annotations

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    MenuButtonWebApp,
    WebAppInfo,
)

from i18n import DEFAULT, LANGUAGES, N_, _, current, speaking

# Telegram's limit on a command's description is 256 characters; these stay short.
CLIENT_COMMANDS = [
    ("start", N_("Welcome and how links work")),
    ("mypackages", N_("Your packages and what is left")),
    ("timezone", N_("Choose your time zone")),
    ("language", N_("Choose your language")),
    ("help", N_("What you can do")),
    ("cancel", N_("Leave the current step")),
]

COACH_COMMANDS = [
    ("start", N_("Coach home and booking-page link")),
    ("newservice", N_("Create a 1:1 service")),
    ("services", N_("Your 1:1 services: edit, hide, delete")),
    ("newseries", N_("Create a group series")),
    ("series", N_("Your group series and their dates")),
    ("newpackage", N_("Create a package of sessions")),
    ("packages", N_("Your packages: edit, clone, hide, link, grant")),
    ("sold", N_("Sold packages: usage, expiry, links")),
    ("availability", N_("Working hours, days off, booking rules")),
    ("schedule", N_("Your booked sessions, week by week")),
    ("calendar", N_("Your own calendars: busy times in, bookings out")),
    ("mypackages", N_("Packages you got yourself")),
    ("timezone", N_("Your time zone")),
    ("language", N_("Your language")),
    ("help", N_("All coach commands")),
    ("cancel", N_("Leave the current step")),
]

# The bot's profile: what a person sees before they ever write (limits: 512 and 120).
DESCRIPTION = N_(
    "I help coaches sell packages of sessions, and their clients buy and book them.\n\n"
    "Open your coach's link to see their packages, or press Start."
)
SHORT_DESCRIPTION = N_("Buy packages of sessions from your coach and book them here.")


def menu(commands: list[tuple[str, str]]) -> list[BotCommand]:
    """The menu in the current language."""
    return [BotCommand(name, _(description)) for name, description in commands]


async def register_client_commands(bot: Bot) -> None:
    """The default menu: English for every app language we do not speak, and one per language
    for the apps set to it."""
    for language in LANGUAGES:
        code = None if language == DEFAULT else language
        with speaking(language):
            await bot.set_my_commands(
                menu(CLIENT_COMMANDS), scope=BotCommandScopeDefault(), language_code=code
            )


async def register_description(bot: Bot) -> None:
    """The bot's description and short description, per language like the default menu."""
    for language in LANGUAGES:
        code = None if language == DEFAULT else language
        with speaking(language):
            await bot.set_my_description(_(DESCRIPTION), language_code=code)
            await bot.set_my_short_description(_(SHORT_DESCRIPTION), language_code=code)


async def register_client_language(bot: Bot, user_id: int, app_language: str) -> None:
    """A client's menu after they chose the current language: their own chat's menu in it,
    unless it is the one their app already shows (`app_language`, negotiated), which then
    keeps following the default menus."""
    scope = BotCommandScopeChat(chat_id=user_id)
    if current() == app_language:
        await bot.delete_my_commands(scope=scope)
    else:
        await bot.set_my_commands(menu(CLIENT_COMMANDS), scope=scope)


async def register_coach_commands(bot: Bot, coach_id: int, web_base_url: str = "") -> None:
    """The coach's commands in the current language (theirs: see PackagesApplication); with
    WEB_BASE_URL their menu button opens the Mini App's desk."""
    await bot.set_my_commands(menu(COACH_COMMANDS), scope=BotCommandScopeChat(chat_id=coach_id))
    if web_base_url:
        await bot.set_chat_menu_button(chat_id=coach_id, menu_button=desk_menu(web_base_url))


def desk_url(web_base_url: str) -> str:
    return f"{web_base_url}/app/desk"


def desk_menu(web_base_url: str) -> MenuButtonWebApp:
    # i18n: button
    return MenuButtonWebApp(_("🗓 Desk"), WebAppInfo(desk_url(web_base_url)))
