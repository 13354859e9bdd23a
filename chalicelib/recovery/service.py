"""Account recovery: one-time password-reset links, issued by an admin or mailed on request.

A link carries a 256-bit random token; only its SHA-256 is stored, with the user's token
version at issue and an expiry compared here (DynamoDB's TTL only cleans up). Redeeming deletes
the record in the same transaction that sets the new password and bumps the token version, so a
link works once even when raced, and dies with any later password change or deactivation.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from pynamodb.exceptions import DoesNotExist

from chalicelib.accounts.repository import StaleUser, UserRepository
from chalicelib.audit.actions import AuditAction
from chalicelib.audit.log import AuditLog
from chalicelib.auth.passwords import PasswordHasher
from chalicelib.auth.policy import check_password_policy
from chalicelib.auth.throttle import LoginThrottler
from chalicelib.auth.tokens import IssuedToken, TokenService
from chalicelib.db.models import PasswordReset, UserRecord
from chalicelib.db.transactions import ConditionFailed, Transaction, with_retries
from chalicelib.errors import BadRequest, Conflict, Forbidden, NotFound
from chalicelib.recovery.mail import ResetMailer
from chalicelib.timeutil import iso, now_iso

log = logging.getLogger(__name__)

TOKEN_BYTES = 32  # 256 bits


class InvalidResetToken(BadRequest):
    code = "invalid_reset_token"
    default_message = "This reset link is invalid, has expired or was already used; ask for a new one."


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedLink:
    reset_url: str
    expires_at: str


@dataclass(frozen=True)
class ForgotThrottles:
    """Forgot-password requests counted per address and per client IP (every request counts)."""

    per_address: LoginThrottler
    per_client: LoginThrottler


class PasswordResetService:
    def __init__(
        self,
        *,
        users: UserRepository,
        hasher: PasswordHasher,
        tokens: TokenService,
        login_throttler: LoginThrottler,
        forgot_throttles: ForgotThrottles,
        mailer: ResetMailer,
        base_url: str,
        ttl_seconds: int,
        forgot_min_seconds: float,
        audit: AuditLog,
        clock: Callable[[], float] = time.time,
        timer: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.users = users
        self.audit = audit
        self.hasher = hasher
        self.tokens = tokens
        self.login_throttler = login_throttler
        self.forgot_throttles = forgot_throttles
        self.mailer = mailer
        self.base_url = base_url.rstrip("/")
        self.ttl_seconds = ttl_seconds
        self.forgot_min_seconds = forgot_min_seconds
        self.clock = clock
        self.timer = timer
        self.sleep = sleep

    # ---- issuing -----------------------------------------------------------------------

    def issue_by_admin(self, admin: UserRecord, target_id: str) -> IssuedLink:
        if target_id == admin.id:
            raise Forbidden(
                "You cannot reset your own password this way; use PUT /users/me/password.",
                code="self_action_forbidden",
            )
        target = self.users.get(target_id)
        if target is None or target.deleting:
            raise NotFound("User not found.", code="user_not_found")
        if not target.is_active:
            raise Conflict("This account is deactivated; activate it first.", code="user_inactive")
        token, record = self._new_link(target, channel="admin")
        record.save(condition=PasswordReset.token_hash.does_not_exist())
        link = self._link(token, record)
        self.audit.record(
            admin,
            AuditAction.PASSWORD_RESET_LINK,
            target.id,
            {"username": target.username, "expires_at": link.expires_at},
        )
        return link

    def forgot(self, email: str, client_ip: str) -> None:
        """Mail a link when an active account has this email; the caller answers 202 either way.

        Both outcomes do the same work up to the mail (throttles, lookup, token and hash), and
        the answer waits until at least `forgot_min_seconds` have passed, so neither the status
        nor the time tells whether the address has an account. A failure to store or send is
        logged, never shown: it could only happen for an existing account.
        """
        started = self.timer()
        try:
            self._forgot(email, client_ip)
        finally:
            remaining = self.forgot_min_seconds - (self.timer() - started)
            if remaining > 0:
                self.sleep(remaining)

    def _forgot(self, email: str, client_ip: str) -> None:
        address = f"forgot#address#{email.strip().lower()}"
        client = f"forgot#client#{client_ip}"
        self.forgot_throttles.per_address.check(address)
        self.forgot_throttles.per_client.check(client)
        self.forgot_throttles.per_address.record_failure(address)
        self.forgot_throttles.per_client.record_failure(client)
        user = self.users.find_by_login(email.strip())
        eligible = user is not None and bool(user.is_active) and not user.deleting
        # The token and its hash are made either way: the same work whatever the answer.
        token, record = self._new_link(user, channel="email")
        if not eligible or user is None:
            return
        try:
            record.save(condition=PasswordReset.token_hash.does_not_exist())
            link = self._link(token, record)
            self.mailer.send(
                user.email, username=user.username, reset_url=link.reset_url, minutes=self.ttl_seconds // 60
            )
        except Exception:
            log.exception("password reset mail for user %s was not sent", user.id)

    # ---- redeeming ---------------------------------------------------------------------

    def redeem(self, token: str, new_password: str) -> tuple[IssuedToken, UserRecord]:
        record = self._valid_record(token)
        user = self._eligible_user(record)
        check_password_policy(new_password, username=user.username, email=user.email, field="new_password")
        new_hash = self.hasher.hash(new_password)

        def attempt() -> UserRecord:
            current = self._eligible_user(record)
            current.password_hash = new_hash
            current.token_version = int(current.token_version) + 1
            tx = Transaction()
            # Single use: only one redeemer can delete the record; an expiry passed since the
            # read above also fails here.
            tx.add(
                "reset",
                lambda t: t.delete(
                    record,
                    condition=PasswordReset.token_hash.exists() & (PasswordReset.expires_at > self.clock()),
                ),
            )
            self.users.save_in(tx, current)
            try:
                tx.commit()
            except ConditionFailed as failed:
                if "reset" in failed.failed_labels:
                    raise InvalidResetToken() from failed
                raise StaleUser() from failed
            return current

        updated = with_retries(attempt, retry_on=(StaleUser,))
        # A recovered account starts with no login lockout.
        self.login_throttler.record_success(updated.id)
        self.audit.record(updated, AuditAction.PASSWORD_RESET, updated.id, {"channel": record.channel})
        return self.tokens.issue(updated.id, int(updated.token_version)), updated

    def _valid_record(self, token: str) -> PasswordReset:
        try:
            record = PasswordReset.get(token_hash(token), consistent_read=True)
        except DoesNotExist:
            raise InvalidResetToken() from None
        if record.expires_at <= self.clock():
            raise InvalidResetToken()
        return record

    def _eligible_user(self, record: PasswordReset) -> UserRecord:
        user = self.users.get(record.user_id)
        if (
            user is None
            or not user.is_active
            or user.deleting
            or int(user.token_version) != int(record.token_version)
        ):
            raise InvalidResetToken()
        return user

    # ---- shared ------------------------------------------------------------------------

    def _new_link(self, user: UserRecord | None, *, channel: str) -> tuple[str, PasswordReset]:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        record = PasswordReset(
            token_hash(token),
            user_id=user.id if user else "",
            token_version=int(user.token_version) if user else 0,
            channel=channel,
            created_at=now_iso(),
            expires_at=int(self.clock()) + self.ttl_seconds,
        )
        return token, record

    def _link(self, token: str, record: PasswordReset) -> IssuedLink:
        # The token travels in the fragment: browsers never send it to a server or in a Referer.
        return IssuedLink(
            reset_url=f"{self.base_url}/reset-password#token={token}",
            expires_at=iso(datetime.fromtimestamp(record.expires_at, UTC)),
        )
