"""Settings: one pydantic-settings class read from the environment and `.env`.

The keys and defaults are a contract (DESIGN.md, "Settings"): other tools set them.
"""

from __future__ import annotations

import logging
import re
import secrets
from datetime import timedelta
from typing import Annotated, Any, Literal, Self

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.kit.reasons import reason
from domain.accounts import CoachPolicy, parse_user_id
from domain.errors import InvalidInput
from domain.model import Plan
from domain.parsing import parse_offsets
from domain.reminders.use_cases import ReminderOffsets
from domain.timezones import parse_timezone
from persistence.calendars.vault import valid_key
from persistence.db import check_database_url

PUBLIC_BOT_API = "https://api.telegram.org"
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # Telegram's rule for secret_token

IdSet = Annotated[frozenset[int], NoDecode]
Offsets = Annotated[tuple[timedelta, ...], NoDecode]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = PUBLIC_BOT_API
    database_url: str = "sqlite+aiosqlite:///./packages.db"
    default_timezone: str = "UTC"
    admin_telegram_ids: IdSet = frozenset()
    coach_telegram_ids: IdSet = frozenset()
    coach_registration: Literal["open", "closed"] = "closed"
    default_plan: Plan = Plan.FREE
    payment_provider_token: SecretStr = SecretStr("")
    expiry_reminder_offsets: Offsets = (timedelta(days=7), timedelta(days=1))
    session_reminder_offsets: Offsets = (timedelta(hours=24), timedelta(hours=1))
    reminder_sweep_seconds: int = Field(default=60, ge=1, le=86_400)
    reminder_max_per_second: int = Field(default=20, ge=1, le=30)
    coach_digest: bool = True
    coach_digest_hour: int = Field(default=8, ge=0, le=23)
    webhook_url: str = ""
    webhook_listen: str = ""
    webhook_port: int | None = Field(default=None, ge=1, le=65_535)
    webhook_secret: SecretStr = SecretStr("")
    web_base_url: str = ""
    web_listen: str = ""
    web_port: int | None = Field(default=None, ge=1, le=65_535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    calendar_sync_minutes: int = Field(default=10, ge=1, le=1440)
    calendar_secret_key: SecretStr = SecretStr("")
    calendar_allow_private_hosts: bool = False

    @field_validator("calendar_secret_key")
    @classmethod
    def _fernet_key(cls, value: SecretStr) -> SecretStr:
        if value.get_secret_value() and not valid_key(value.get_secret_value()):
            raise ValueError(
                "must be a Fernet key (32 url-safe base64-encoded bytes); make one with "
                'python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())"'
            )
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_token(cls, value: SecretStr) -> SecretStr:
        if value.get_secret_value() and not WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @model_validator(mode="after")
    def _webhook_needs_a_secret(self) -> Self:
        # Without a secret, PTB's webhook server takes any POST for a Telegram update.
        if self.webhook_url and not self.webhook_secret.get_secret_value():
            self.webhook_secret = SecretStr(secrets.token_urlsafe(32))
        return self

    @field_validator("web_base_url")
    @classmethod
    def _https_url(cls, value: str) -> str:
        # Telegram opens Mini Apps from https:// addresses only.
        value = value.strip().rstrip("/")
        if value and not value.startswith("https://"):
            raise ValueError("must be an https:// URL (the public root of the Mini App)")
        return value

    @field_validator("webhook_port", "web_port", mode="before")
    @classmethod
    def _empty_port(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("admin_telegram_ids", "coach_telegram_ids", mode="before")
    @classmethod
    def _ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            try:
                return frozenset(parse_user_id(p) for p in parts)
            except InvalidInput as exc:
                raise ValueError("must be comma-separated Telegram user ids") from exc
        return value

    @field_validator("expiry_reminder_offsets", "session_reminder_offsets", mode="before")
    @classmethod
    def _offsets(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return parse_offsets(value)
            except InvalidInput as exc:
                raise ValueError(reason(exc)) from exc
        return value

    @field_validator("coach_digest", mode="before")
    @classmethod
    def _on_off(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        word = value.strip().lower()
        if word in ("on", "true", "1"):
            return True
        if word in ("off", "false", "0"):
            return False
        raise ValueError("must be on or off")

    @field_validator("default_timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            return parse_timezone(value)
        except InvalidInput as exc:
            raise ValueError(reason(exc)) from exc

    @field_validator("coach_registration", "default_plan", mode="before")
    @classmethod
    def _fold_case(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @field_validator("telegram_api_base_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value

    @field_validator("database_url")
    @classmethod
    def _db_url(cls, value: str) -> str:
        check_database_url(value)
        return value

    def web_address(self) -> tuple[str, int]:
        """Where the web server listens: WEB_LISTEN:WEB_PORT; in webhook mode the webhook's
        own address when those are not set (one port serves both)."""
        if self.webhook_url:
            listen = self.web_listen or self.webhook_listen or "0.0.0.0"
            return listen, self.web_port or self.webhook_port or 8443
        return self.web_listen or "0.0.0.0", self.web_port or 8080

    def reminder_offsets(self) -> ReminderOffsets:
        """EXPIRY_REMINDER_OFFSETS and SESSION_REMINDER_OFFSETS, for selling and booking."""
        return ReminderOffsets(self.expiry_reminder_offsets, self.session_reminder_offsets)

    def coach_policy(self) -> CoachPolicy:
        return CoachPolicy(
            coach_ids=self.coach_telegram_ids,
            admin_ids=self.admin_telegram_ids,
            registration_open=self.coach_registration == "open",
            default_plan=self.default_plan,
            default_timezone=self.default_timezone,
        )

    def secrets(self) -> tuple[str, ...]:
        """Values no log line or start-up message may show."""
        token = self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else ""
        other = (self.webhook_secret, self.payment_provider_token, self.calendar_secret_key)
        return (token, *(s.get_secret_value() for s in other))

    @property
    def log_level_number(self) -> int:
        return int(logging.getLevelName(self.log_level))


class ConfigError(Exception):
    """A setting is wrong; the message is one line naming the key."""


TOKEN_HELP = (
    "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather in Telegram (/newbot), "
    "then put TELEGRAM_BOT_TOKEN=<the token> in .env next to where you run packages-bot."
)


def load_settings(require_token: bool = True, **overrides: Any) -> Settings:
    """Read settings; raise ConfigError with one line per bad key (no traceback)."""
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            key = str(error["loc"][0]).upper() if error["loc"] else "settings"
            message = str(error["msg"]).removeprefix("Value error, ")
            lines.append(f"{key}: {message}")
        raise ConfigError("Invalid setting " + "; ".join(lines)) from None
    if require_token and not (
        settings.telegram_bot_token and settings.telegram_bot_token.get_secret_value()
    ):
        raise ConfigError(TOKEN_HELP)
    return settings
