"""Settings: the design's keys and defaults; bad values stop start-up with one clear line."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bootstrap.__main__ import main
from bot.config import ConfigError, Settings, load_settings
from domain.model import Plan

KEYS = {
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE_URL",
    "DATABASE_URL",
    "DEFAULT_TIMEZONE",
    "ADMIN_TELEGRAM_IDS",
    "COACH_TELEGRAM_IDS",
    "COACH_REGISTRATION",
    "DEFAULT_PLAN",
    "PAYMENT_PROVIDER_TOKEN",
    "EXPIRY_REMINDER_OFFSETS",
    "SESSION_REMINDER_OFFSETS",
    "REMINDER_SWEEP_SECONDS",
    "REMINDER_MAX_PER_SECOND",
    "COACH_DIGEST",
    "COACH_DIGEST_HOUR",
    "WEBHOOK_URL",
    "WEBHOOK_LISTEN",
    "WEBHOOK_PORT",
    "WEBHOOK_SECRET",
    "WEB_BASE_URL",
    "WEB_LISTEN",
    "WEB_PORT",
    "LOG_LEVEL",
    "CALENDAR_SYNC_MINUTES",
    "CALENDAR_SECRET_KEY",
    "CALENDAR_ALLOW_PRIVATE_HOSTS",
}


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for key in KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)  # no developer .env is read


def test_keys_match_the_design_and_env_example() -> None:
    assert {name.upper() for name in Settings.model_fields} == KEYS
    example = Path(__file__).resolve().parents[2] / ".env.example"
    listed = {
        line.split("=", 1)[0]
        for line in example.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    assert listed == KEYS


def test_defaults_are_the_designs() -> None:
    s = load_settings(require_token=False)
    assert s.telegram_api_base_url == "https://api.telegram.org"
    assert s.database_url == "sqlite+aiosqlite:///./packages.db"
    assert s.default_timezone == "UTC"
    assert s.admin_telegram_ids == frozenset() and s.coach_telegram_ids == frozenset()
    assert s.coach_registration == "closed"
    assert s.default_plan is Plan.FREE
    assert s.payment_provider_token.get_secret_value() == ""
    assert s.expiry_reminder_offsets == (timedelta(days=7), timedelta(days=1))
    assert s.session_reminder_offsets == (timedelta(hours=24), timedelta(hours=1))
    assert s.reminder_sweep_seconds == 60
    assert s.reminder_max_per_second == 20
    assert s.coach_digest is True and s.coach_digest_hour == 8
    assert (s.webhook_url, s.webhook_listen, s.webhook_port) == ("", "", None)
    assert s.log_level == "INFO"


def test_values_are_read_from_env_and_dotenv(monkeypatch: pytest.MonkeyPatch) -> None:
    Path(".env").write_text("TELEGRAM_BOT_TOKEN=1:abc\nDEFAULT_PLAN=Growth\n", encoding="utf-8")
    monkeypatch.setenv("COACH_TELEGRAM_IDS", "1, 2,3")
    monkeypatch.setenv("EXPIRY_REMINDER_OFFSETS", "3d,12h,30m")
    monkeypatch.setenv("WEBHOOK_PORT", "")
    s = load_settings()
    assert s.telegram_bot_token is not None
    assert s.telegram_bot_token.get_secret_value() == "1:abc"
    assert s.default_plan is Plan.GROWTH
    assert s.coach_telegram_ids == frozenset({1, 2, 3})
    assert s.expiry_reminder_offsets == (
        timedelta(days=3),
        timedelta(hours=12),
        timedelta(minutes=30),
    )


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("DEFAULT_PLAN", "platinum"),
        ("EXPIRY_REMINDER_OFFSETS", "7x"),
        ("SESSION_REMINDER_OFFSETS", "24h,,1h"),
        ("DEFAULT_TIMEZONE", "Mars/Base"),
        ("TELEGRAM_API_BASE_URL", "ftp://example"),
        ("WEBHOOK_URL", "not a url"),
        ("DATABASE_URL", "mysql://x"),
        ("DATABASE_URL", "::::"),
        ("COACH_TELEGRAM_IDS", "12,abc"),
        ("COACH_TELEGRAM_IDS", "99999999999999999999999"),
        ("ADMIN_TELEGRAM_IDS", "-5"),
        ("COACH_REGISTRATION", "sometimes"),
        ("REMINDER_SWEEP_SECONDS", "0"),
        ("REMINDER_MAX_PER_SECOND", "0"),
        ("REMINDER_MAX_PER_SECOND", "31"),
        ("COACH_DIGEST", "sometimes"),
        ("COACH_DIGEST_HOUR", "24"),
        ("COACH_DIGEST_HOUR", "-1"),
        ("WEBHOOK_PORT", "70000"),
        ("LOG_LEVEL", "LOUD"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_key(
    monkeypatch: pytest.MonkeyPatch, key: str, value: str
) -> None:
    monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as caught:
        load_settings(require_token=False)
    message = str(caught.value)
    assert key in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("on", True), ("ON", True), ("true", True), ("1", True)]
    + [("off", False), (" Off ", False), ("false", False), ("0", False)],
)
def test_coach_digest_is_switched_with_on_off_or_true_false_or_1_0(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    monkeypatch.setenv("COACH_DIGEST", value)
    monkeypatch.setenv("COACH_DIGEST_HOUR", "0")
    s = load_settings(require_token=False)
    assert s.coach_digest is expected and s.coach_digest_hour == 0


def test_missing_token_says_how_to_get_one() -> None:
    with pytest.raises(ConfigError, match="BotFather"):
        load_settings()


def test_start_up_prints_one_line_and_exits_2_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:abc")
    monkeypatch.setenv("EXPIRY_REMINDER_OFFSETS", "7x")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "EXPIRY_REMINDER_OFFSETS" in err
    assert "Traceback" not in err
    assert main(["frobnicate"]) == 2


def test_migrate_command_builds_the_schema_without_a_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite+aiosqlite:///./migrated.db")
    assert main(["migrate"]) == 0
    assert Path("migrated.db").stat().st_size > 0


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_says_what_the_program_does_its_commands_settings_and_readme(
    flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([flag]) == 0
    out = capsys.readouterr().out
    for part in ("coaches", "packages-bot migrate", "environment", ".env", "README", "LOG_LEVEL"):
        assert part in out, part


def test_webhook_mode_always_has_a_secret_and_a_bad_one_is_refused() -> None:
    made = load_settings(require_token=False, webhook_url="https://bot.example.com/hook")
    other = load_settings(require_token=False, webhook_url="https://bot.example.com/hook")
    secret = made.webhook_secret.get_secret_value()
    assert len(secret) >= 32 and secret != other.webhook_secret.get_secret_value()
    assert secret in made.secrets()  # never logged either
    polling = load_settings(require_token=False)
    assert polling.webhook_secret.get_secret_value() == ""
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET: must be 1-256 characters") as err:
        load_settings(require_token=False, webhook_secret="has space!")
    assert "has space" not in str(err.value)


def test_the_web_base_url_must_be_https_and_the_web_port_follows_the_mode() -> None:
    with pytest.raises(ConfigError, match="WEB_BASE_URL"):
        load_settings(require_token=False, web_base_url="http://bot.example.com")
    polling = load_settings(require_token=False, web_base_url="https://bot.example.com/")
    assert polling.web_base_url == "https://bot.example.com"
    assert polling.web_address() == ("0.0.0.0", 8080)
    webhook = load_settings(
        require_token=False, webhook_url="https://bot.example.com/hook", webhook_port="8443"
    )
    assert webhook.web_address() == ("0.0.0.0", 8443)  # one port for both
    own = load_settings(require_token=False, web_listen="127.0.0.1", web_port="9000")
    assert own.web_address() == ("127.0.0.1", 9000)


def test_calendar_settings_default_to_no_connections_and_a_ten_minute_sync() -> None:
    s = load_settings(require_token=False)
    assert s.calendar_sync_minutes == 10
    assert s.calendar_secret_key.get_secret_value() == ""
    assert s.calendar_allow_private_hosts is False


def test_a_calendar_key_that_is_no_fernet_key_is_refused_in_one_line() -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(require_token=False, calendar_secret_key="not-a-key")
    assert str(refused.value).startswith("Invalid setting CALENDAR_SECRET_KEY: must be a Fernet")
    assert "not-a-key" not in str(refused.value)
