"""Languages end to end, through the real Application and the fake Bot API: the language of
the Telegram app at first contact, /language overriding it (for clients and coaches, and its
buttons while a flow is open), and the menus and description set for every language."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import CLIENT, COACH, BotHarness

DEFAULT = {"type": "default"}
OTHER = 3003


def descriptions(
    harness: BotHarness, scope: dict[str, object], language: str = ""
) -> dict[str, str]:
    return {c["command"]: c["description"] for c in harness.api.commands(scope, language)}


def chat(user_id: int) -> dict[str, object]:
    return {"type": "chat", "chat_id": user_id}


@pytest.mark.parametrize(
    ("language", "choose", "description"),
    [
        ("", "Choose your language", "I help coaches sell packages of sessions"),
        ("de", "Sprache wählen", "Ich helfe Coaches, Pakete mit Sitzungen zu verkaufen"),
        ("es", "Elige tu idioma", "Ayudo a los coaches a vender paquetes de sesiones"),
        ("ru", "Выбрать язык", "Я помогаю коучам продавать пакеты сессий"),
    ],
)
async def test_the_menu_and_description_are_set_for_each_language(
    harness: BotHarness, language: str, choose: str, description: str
) -> None:
    client_menu = descriptions(harness, DEFAULT, language)
    assert list(client_menu) == ["start", "mypackages", "timezone", "language", "help", "cancel"]
    assert client_menu["language"] == choose
    assert harness.api.description(language).startswith(description)
    assert harness.api.description(language, short=True)
    if language:  # every text differs from the English one: nothing left untranslated
        english = descriptions(harness, DEFAULT)
        assert all(client_menu[name] != english[name] for name in english)


async def test_a_coach_gets_their_menu_in_their_language_after_a_restart(
    harness: BotHarness,
) -> None:
    api = harness.api
    assert descriptions(harness, chat(COACH))["language"] == "Your language"  # English: unknown
    api.user(COACH, language_code="ru-RU").send_text("/start")
    await api.next_message(COACH)
    await harness.restart()
    coach_menu = descriptions(harness, chat(COACH))
    assert (
        coach_menu["language"] == "Ваш язык" and coach_menu["schedule"] == "Ваши записи по неделям"
    )
    assert "language" in coach_menu and len(coach_menu) == 16


@pytest.mark.parametrize(
    ("code", "greeting"),
    [
        ("de-AT", "Der Bot spricht <b>Deutsch</b> mit Ihnen"),
        ("es-419", "El bot te habla en <b>Español</b>"),
        ("ru", "Бот общается с вами на языке: <b>Русский</b>"),
        ("pt-BR", "The bot speaks <b>English</b> with you"),
        ("xx", "The bot speaks <b>English</b> with you"),
    ],
)
async def test_first_contact_speaks_the_apps_language(
    harness: BotHarness, code: str, greeting: str
) -> None:
    api = harness.api
    api.user(OTHER, language_code=code).send_text("/language")
    shown = await api.next_message(OTHER)
    assert greeting in str(shown.params["text"])
    assert shown.button_labels == [
        ("✓ " if name in greeting else "") + name
        for name in ("English", "Deutsch", "Español", "Русский")
    ]


async def test_a_clients_choice_overrides_telegrams_and_sets_their_menu(
    harness: BotHarness,
) -> None:
    api = harness.api
    client = api.user(CLIENT, language_code="de")
    client.send_text("/language")
    await api.next_message(CLIENT, "Der Bot spricht Deutsch mit Ihnen")
    client.press_button("Русский")
    done = await api.next_message(CLIENT, "Готово")
    assert done.content == "Готово: теперь я общаюсь с вами на языке: Русский."
    assert done.button_labels == []
    await api.wait_for_call("setMyCommands", lambda p: p.get("scope") == chat(CLIENT))
    assert descriptions(harness, chat(CLIENT))["language"] == "Выбрать язык"

    await harness.restart()  # saved: the app's German does not come back
    client.send_text("/language")
    again = await api.next_message(CLIENT, "Бот общается с вами")
    assert "✓ Русский" in again.button_labels
    client.press_button("Deutsch")  # the app's language: the default German menu serves
    await api.next_message(CLIENT, "Erledigt: Ab jetzt spreche ich Deutsch mit Ihnen.")
    await api.wait_for_call("deleteMyCommands", lambda p: p.get("scope") == chat(CLIENT))
    assert api.commands(chat(CLIENT)) == []


async def test_a_coach_chooses_and_their_coach_menu_follows(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/language")
    await api.next_message(COACH, "The bot speaks English with you")
    api.press_button(COACH, "Español")
    await api.next_message(COACH, "Listo: a partir de ahora te hablaré en Español.")
    await api.wait_for_call(
        "setMyCommands",
        lambda p: p.get("scope") == chat(COACH) and "Tu idioma" in str(p.get("commands")),
    )
    coach_menu = descriptions(harness, chat(COACH))
    assert coach_menu["newpackage"] == "Crear un paquete de sesiones"


async def test_inside_a_flow_the_command_waits_but_a_language_button_still_works(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.send_text(CLIENT, "/language")
    await api.next_message(CLIENT, "Choose your language")
    api.send_text(CLIENT, "/timezone")
    await api.next_message(CLIENT, "Choose a new one below")
    api.send_text(CLIENT, "/language")  # one flow at a time: how to leave it first
    busy = await api.next_message(CLIENT, "in the middle of")
    assert "/cancel" in busy.content
    api.press_button(CLIENT, "Deutsch")  # the earlier screen's button
    await api.next_message(CLIENT, "Erledigt")
    api.press_button(CLIENT, "Europe/Berlin")  # the flow goes on where it was
    await api.next_message(CLIENT, "Europe/Berlin")
