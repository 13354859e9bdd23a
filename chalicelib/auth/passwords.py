"""Password hashing (argon2id through libpass); the policy is in chalicelib/auth/policy.py."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from chalicelib.settings import Settings

if TYPE_CHECKING:
    from passlib.context import CryptContext


class PasswordHasher:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    @cached_property
    def _context(self) -> CryptContext:
        """Built by the first hash or check: most requests (a token, not a password) never need
        passlib and argon2 loaded."""
        from passlib.context import CryptContext

        settings = self._settings
        return CryptContext(
            schemes=["argon2"],
            argon2__type="ID",
            argon2__memory_cost=settings.argon2_memory_kib,
            argon2__rounds=settings.argon2_time_cost,
            argon2__parallelism=settings.argon2_parallelism,
        )

    @cached_property
    def _dummy_hash(self) -> str:
        """Verified against for unknown accounts so a miss costs what a hit costs."""
        return str(self._context.hash("dummy password for timing equalisation"))

    def hash(self, password: str) -> str:
        return str(self._context.hash(password))

    def verify(self, password: str, password_hash: str | None) -> tuple[bool, str | None]:
        """Returns (matches, replacement hash when the stored one uses outdated parameters)."""
        if password_hash is None:
            self._context.verify(password, self._dummy_hash)
            return False, None
        matches, replacement = self._context.verify_and_update(password, password_hash)
        return bool(matches), replacement

    def burn(self, password: str) -> None:
        """Spend one verification's time without a real hash (inactive or unknown accounts)."""
        self._context.verify(password, self._dummy_hash)
