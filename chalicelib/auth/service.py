"""Registration, sign-in, token verification and sign-out."""

from __future__ import annotations

import time
import uuid

from pynamodb.exceptions import DoesNotExist

from chalicelib.accounts.repository import UserRepository
from chalicelib.auth.passwords import PasswordHasher
from chalicelib.auth.policy import check_password_policy
from chalicelib.auth.throttle import LoginThrottler
from chalicelib.auth.tokens import Claims, IssuedToken, TokenService
from chalicelib.db.models import RevokedToken, UserRecord
from chalicelib.errors import Unauthorized
from chalicelib.roles import Role
from chalicelib.timeutil import now_iso


class InvalidCredentials(Unauthorized):
    code = "invalid_credentials"
    default_message = "Invalid username or password."


class AuthService:
    def __init__(
        self,
        *,
        users: UserRepository,
        hasher: PasswordHasher,
        tokens: TokenService,
        throttler: LoginThrottler,
    ) -> None:
        self.users = users
        self.hasher = hasher
        self.tokens = tokens
        self.throttler = throttler

    def register(
        self,
        *,
        username: str,
        email: str,
        password: str,
        full_name: str | None = None,
        role: Role = Role.USER,
    ) -> UserRecord:
        """A new account from already well-formed values (the caller validated their shapes)."""
        check_password_policy(password, username=username, email=email, field="password")
        now = now_iso()
        user = UserRecord(
            id=uuid.uuid4().hex,
            username=username,
            email=email,
            full_name=full_name or None,
            role=role.value,
            is_active=True,
            password_hash=self.hasher.hash(password),
            token_version=0,
            created_at=now,
            updated_at=now,
        )
        self.users.create(user)
        return user

    def login(self, identifier: str, password: str) -> tuple[IssuedToken, UserRecord]:
        user = self.users.find_by_login(identifier.strip())
        # Throttle by account when it exists, else by what was typed: both look alike outside.
        account = user.id if user else f"unknown#{identifier.strip().lower()}"
        self.throttler.check(account)
        if user is None:
            self.hasher.burn(password)
            self.throttler.record_failure(account)
            raise InvalidCredentials()
        matches, new_hash = self.hasher.verify(password, user.password_hash)
        if not matches or not user.is_active:
            self.throttler.record_failure(account)
            raise InvalidCredentials()
        self.throttler.record_success(account)
        if new_hash:
            user.password_hash = new_hash
            self.users.save_fields(user)
        return self.tokens.issue(user.id, int(user.token_version)), user

    def authenticate(self, token: str) -> tuple[UserRecord, Claims]:
        claims = self.tokens.decode(token)
        if self._is_revoked(claims.jti):
            raise Unauthorized("This token has been signed out.", code="token_revoked")
        user = self.users.get(claims.user_id)
        if user is None or not user.is_active or int(user.token_version) != claims.token_version:
            raise Unauthorized("The access token is no longer valid.", code="invalid_token")
        return user, claims

    def logout(self, claims: Claims) -> None:
        RevokedToken(claims.jti, user_id=claims.user_id, expires_at=claims.expires_at).save()

    @staticmethod
    def _is_revoked(jti: str) -> bool:
        try:
            record = RevokedToken.get(jti, consistent_read=True)
        except DoesNotExist:
            return False
        # TTL deletion lags (and moto never deletes): expiry is compared here.
        return bool(record.expires_at > time.time())
