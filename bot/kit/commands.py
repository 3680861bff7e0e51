"""Command menus (setMyCommands): clients see the default scope, each coach their own chat."""

from __future__ import annotations

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    MenuButtonWebApp,
    WebAppInfo,
)

CLIENT_COMMANDS = [
    BotCommand("start", "Welcome and how links work"),
    BotCommand("mypackages", "Your packages and what is left"),
    BotCommand("timezone", "Choose your time zone"),
    BotCommand("help", "What you can do"),
    BotCommand("cancel", "Leave the current step"),
]

COACH_COMMANDS = [
    BotCommand("start", "Coach home and booking-page link"),
    BotCommand("newservice", "Create a 1:1 service"),
    BotCommand("services", "Your 1:1 services: edit, hide, delete"),
    BotCommand("newseries", "Create a group series"),
    BotCommand("series", "Your group series and their dates"),
    BotCommand("newpackage", "Create a package of sessions"),
    BotCommand("packages", "Your packages: edit, clone, hide, link, grant"),
    BotCommand("sold", "Sold packages: usage, expiry, links"),
    BotCommand("availability", "Working hours, days off, booking rules"),
    BotCommand("schedule", "Your booked sessions, week by week"),
    BotCommand("calendar", "Your own calendars: busy times in, bookings out"),
    BotCommand("mypackages", "Packages you got yourself"),
    BotCommand("timezone", "Your time zone"),
    BotCommand("help", "All coach commands"),
    BotCommand("cancel", "Leave the current step"),
]


async def register_client_commands(bot: Bot) -> None:
    await bot.set_my_commands(CLIENT_COMMANDS, scope=BotCommandScopeDefault())


async def register_coach_commands(bot: Bot, coach_id: int, web_base_url: str = "") -> None:
    """The coach's commands; with WEB_BASE_URL their menu button opens the Mini App's desk."""
    await bot.set_my_commands(COACH_COMMANDS, scope=BotCommandScopeChat(chat_id=coach_id))
    if web_base_url:
        await bot.set_chat_menu_button(chat_id=coach_id, menu_button=desk_menu(web_base_url))


def desk_url(web_base_url: str) -> str:
    return f"{web_base_url}/app/desk"


def desk_menu(web_base_url: str) -> MenuButtonWebApp:
    return MenuButtonWebApp("🗓 Desk", WebAppInfo(desk_url(web_base_url)))
