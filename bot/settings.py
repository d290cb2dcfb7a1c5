"""All configuration, from environment variables, in one object.

Secrets are :class:`~pydantic.SecretStr` so they never show up in a repr
or a log line. ``docs/configuration.md`` lists every variable. A value
that cannot be right is refused when the settings are read, and
:func:`configuration_errors` says so in one line per variable: which one,
what is wrong, and what a right value looks like (never a secret's value).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal, get_args

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.database import default_url

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
#: BotFather's tokens: the bot's numeric id, a colon, then the secret half.
_TELEGRAM_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")


class ConfigurationError(RuntimeError):
    """A setting is missing or wrong for what was started.

    The message names the variable, says what is wrong and what a right
    value looks like, in one line; the command exits without a traceback.
    """


class Settings(BaseSettings):
    """Environment variables, case-insensitive, with working defaults."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    # storage
    database_url: str = Field(default_factory=default_url,
                              examples=["postgresql://bot:password@localhost/sciatica"])
    #: None: upgrade SQLite automatically, never PostgreSQL.
    auto_migrate: bool | None = Field(default=None, examples=["true"])
    db_pool_size: int = 10
    db_max_overflow: int = 10
    sqlite_synchronous: Literal["OFF", "NORMAL", "FULL", "EXTRA"] = "NORMAL"
    data_encryption_key: SecretStr | None = Field(
        default=None, examples=["<the output of: python3 -c 'from cryptography.fernet import "
                                "Fernet; print(Fernet.generate_key().decode())'>"])

    # logging
    log_level: LogLevel = "INFO"
    #: ``auto``: readable text in a terminal, JSON lines otherwise (a service, a container).
    log_format: Literal["auto", "json", "text"] = Field(default="auto", examples=["text"])

    # telegram
    telegram_bot_token: SecretStr | None = Field(
        default=None, examples=["123456789:AAH<the rest from BotFather>"])
    telegram_webhook_secret: SecretStr | None = Field(default=None,
                                                      examples=["<32 random letters and digits>"])
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_file_url: str = "https://api.telegram.org/file/bot"
    telegram_rate_per_chat: float = 1.0  # messages per second to one chat
    telegram_rate_global: float = 30.0  # messages per second in all
    telegram_paid_broadcast: bool = False
    telegram_webhook_path: str = "/telegram/webhook"  # route of the webhook in `serve`
    telegram_poll_timeout: int = 30  # seconds one getUpdates long poll may wait
    telegram_bot_username: str = Field(default="", examples=["SciaticaCoachBot"])  # no "@"

    # slack
    slack_bot_token: SecretStr | None = Field(default=None, examples=["xoxb-<the rest from Slack>"])
    slack_app_token: SecretStr | None = Field(default=None, examples=["xapp-<the rest from Slack>"])
    slack_signing_secret: SecretStr | None = Field(default=None,
                                                   examples=["<Signing Secret from Slack>"])
    slack_api_url: str = "https://slack.com/api/"
    slack_rate_per_channel: float = 1.0  # messages per second to one channel or DM
    slack_rate_global: float = 20.0  # messages per second in all

    # web
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    public_url: str = Field(default="", examples=["https://bot.example.org"])
    max_body_bytes: int = 256 * 1024

    # clinics
    clinic_invite_days: int = Field(default=7, ge=1)  # how long an unused invite code works

    # worker
    worker_interval_seconds: float = Field(default=5.0, gt=0)

    @field_validator("log_level", "sqlite_synchronous", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        """``info`` and ``normal`` mean what they say."""
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("telegram_bot_token", "telegram_webhook_secret", "slack_bot_token",
                     "slack_app_token", "slack_signing_secret", "data_encryption_key")
    @classmethod
    def _trimmed(cls, value: SecretStr | None) -> SecretStr | None:
        """A secret pasted with a stray space or newline; an empty one is no secret."""
        if value is None:
            return None
        text = value.get_secret_value().strip()
        return SecretStr(text) if text else None

    @field_validator("telegram_bot_token")
    @classmethod
    def _botfather_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TELEGRAM_TOKEN.match(value.get_secret_value()):
            raise ValueError("it does not look like a token from @BotFather (the bot's number, "
                             "a colon, then letters, digits, - and _)")
        return value

    @field_validator("slack_bot_token")
    @classmethod
    def _slack_bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        token = value.get_secret_value() if value is not None else "xoxb-"
        if token.startswith("xapp-"):
            raise ValueError("it holds an app-level token (xapp-…), which belongs in "
                             "SLACK_APP_TOKEN; the bot token starts with xoxb- (OAuth & "
                             "Permissions → Bot User OAuth Token)")
        if not token.startswith("xoxb-"):
            raise ValueError("a Slack bot token starts with xoxb- (OAuth & Permissions → "
                             "Bot User OAuth Token)")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _slack_app_token(cls, value: SecretStr | None) -> SecretStr | None:
        token = value.get_secret_value() if value is not None else "xapp-"
        if not token.startswith("xapp-"):
            raise ValueError("an app-level token starts with xapp- (Basic Information → "
                             "App-Level Tokens, scope connections:write)")
        return value

    def migrate_automatically(self) -> bool:
        """Whether starting the bot may upgrade the schema itself."""
        if self.auto_migrate is not None:
            return self.auto_migrate
        return self.database_url.startswith("sqlite") or "://" not in self.database_url


def configuration_errors(error: ValidationError, *,
                         options: Mapping[str, str] | None = None) -> list[str]:
    """One line per wrong setting: the variable, its value (unless secret), why, an example.

    ``options`` names settings given as command-line options (``{"database_url":
    "--db"}``), so the line names what the person typed.
    """
    lines = []
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        name = (options or {}).get(field) or field.upper()
        info = Settings.model_fields.get(field)
        secret = info is not None and SecretStr in (info.annotation, *get_args(info.annotation))
        reason = str(item["msg"]).removeprefix("Value error, ")
        reason = reason[:1].lower() + reason[1:]
        shown = "" if secret or "input" not in item else f"={item['input']!r}"
        example = _example(field)
        hint = f"; for example {name}={example}" if example else ""
        lines.append(f"{name}{shown} is not valid: {reason}{hint}")
    return lines


def _example(field: str) -> str:
    """A right value of ``field``: its documented example, else its default."""
    info = Settings.model_fields.get(field)
    if info is None:
        return ""
    if info.examples:
        return str(info.examples[0])
    default = info.default
    if isinstance(default, bool):
        return str(default).lower()
    if isinstance(default, float):
        return f"{default:g}"
    if isinstance(default, int | str) and default != "":
        return str(default)
    return ""
