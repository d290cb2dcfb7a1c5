"""All configuration, from environment variables, in one object.

Secrets are :class:`~pydantic.SecretStr` so they never show up in a repr
or a log line. ``docs/configuration.md`` lists every variable.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.database import default_url


class Settings(BaseSettings):
    """Environment variables, case-insensitive, with working defaults."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    # storage
    database_url: str = Field(default_factory=default_url)
    auto_migrate: bool | None = None  # None: upgrade SQLite automatically, never PostgreSQL
    db_pool_size: int = 10
    db_max_overflow: int = 10
    sqlite_synchronous: Literal["OFF", "NORMAL", "FULL", "EXTRA"] = "NORMAL"
    data_encryption_key: SecretStr | None = None  # Fernet key(s), comma-separated

    # logging
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"

    # telegram
    telegram_bot_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_file_url: str = "https://api.telegram.org/file/bot"
    telegram_rate_per_chat: float = 1.0  # messages per second to one chat
    telegram_rate_global: float = 30.0  # messages per second in all
    telegram_paid_broadcast: bool = False
    telegram_webhook_path: str = "/telegram/webhook"  # route of the webhook in `serve`
    telegram_poll_timeout: int = 30  # seconds one getUpdates long poll may wait
    telegram_bot_username: str = ""  # without "@"; makes clinic invites t.me deep links

    # slack
    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_rate_per_channel: float = 1.0  # messages per second to one channel or DM
    slack_rate_global: float = 20.0  # messages per second in all

    # web
    host: str = "127.0.0.1"
    port: int = 8080
    public_url: str = ""
    max_body_bytes: int = 256 * 1024

    # clinics
    clinic_invite_days: int = Field(default=7, ge=1)  # how long an unused invite code works

    # worker
    worker_interval_seconds: float = 5.0

    def migrate_automatically(self) -> bool:
        """Whether starting the bot may upgrade the schema itself."""
        if self.auto_migrate is not None:
            return self.auto_migrate
        return self.database_url.startswith("sqlite") or "://" not in self.database_url
