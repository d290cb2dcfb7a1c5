"""Optional encryption at rest of the text columns that hold health data in free form.

With ``DATA_ENCRYPTION_KEY`` set (a Fernet key: ``python -c "from
cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"``),
the conversation context and outbox payloads are stored encrypted. Rows
written before the key was set stay readable; keys can be rotated by
listing the new key first and the old ones after it, comma-separated.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

PREFIX = "fernet:"


class _Cipher:
    """The process's key (or none): set once at start-up."""

    def __init__(self) -> None:
        self._fernet: MultiFernet | None = None

    def configure(self, keys: str | None) -> None:
        """Use these comma-separated keys (the first encrypts); ``None`` turns encryption off."""
        if not keys:
            self._fernet = None
            return
        try:
            self._fernet = MultiFernet([Fernet(k.strip()) for k in keys.split(",") if k.strip()])
        except ValueError as error:
            raise ValueError("DATA_ENCRYPTION_KEY is not a valid Fernet key") from error

    @property
    def enabled(self) -> bool:
        return self._fernet is not None

    def seal(self, text: str) -> str:
        if self._fernet is None:
            return text
        return PREFIX + self._fernet.encrypt(text.encode()).decode("ascii")

    def open(self, stored: str) -> str:
        if not stored.startswith(PREFIX):
            return stored
        if self._fernet is None:
            raise RuntimeError("encrypted data found but DATA_ENCRYPTION_KEY is not set")
        try:
            return self._fernet.decrypt(stored[len(PREFIX):].encode("ascii")).decode()
        except InvalidToken as error:
            raise RuntimeError("DATA_ENCRYPTION_KEY does not decrypt the stored data") from error


cipher = _Cipher()


class EncryptedText(TypeDecorator[str]):
    """Text encrypted with the configured key, if any."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        """Encrypt on the way in."""
        return None if value is None else cipher.seal(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        """Decrypt on the way out."""
        return None if value is None else cipher.open(value)
