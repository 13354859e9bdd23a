"""Own-account and admin user management, including the cascade delete."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chalicelib.accounts.repository import ACTIVE_ADMINS, StaleUser, UserRepository
from chalicelib.accounts.views import user_with_totals
from chalicelib.audit.actions import AuditAction
from chalicelib.audit.log import AuditLog
from chalicelib.auth.passwords import PasswordHasher
from chalicelib.auth.policy import check_password_policy
from chalicelib.auth.tokens import IssuedToken, TokenService
from chalicelib.cursor import CursorCodec
from chalicelib.db.models import UserRecord
from chalicelib.db.transactions import CounterDelta, with_retries
from chalicelib.errors import Forbidden, NotFound, field_error
from chalicelib.roles import Role
from chalicelib.schemas.users import UserList

# Functions that remove everything a user owns (profiles, history, ...); each is idempotent.
Purger = Callable[[str], None]


class AccountService:
    def __init__(
        self,
        *,
        users: UserRepository,
        hasher: PasswordHasher,
        tokens: TokenService,
        cursors: CursorCodec,
        purgers: Sequence[Purger],
        audit: AuditLog,
    ) -> None:
        self.users = users
        self.hasher = hasher
        self.tokens = tokens
        self.cursors = cursors
        self.purgers = tuple(purgers)
        self.audit = audit

    # ---- own account -------------------------------------------------------------------

    def update_me(
        self,
        user: UserRecord,
        *,
        username: str | None,
        email: str | None,
        full_name: str | None,
        full_name_given: bool,
    ) -> UserRecord:
        def attempt() -> UserRecord:
            current = self._reload(user.id)
            self.users.update_identity(
                current,
                username=username or current.username,
                email=email or current.email,
                full_name=full_name if full_name_given else current.full_name,
            )
            return current

        return with_retries(attempt, retry_on=(StaleUser,))

    def change_password(self, user: UserRecord, current_password: str, new_password: str) -> IssuedToken:
        matches, _ = self.hasher.verify(current_password, user.password_hash)
        if not matches:
            raise field_error("current_password", "is incorrect")
        check_password_policy(new_password, username=user.username, email=user.email, field="new_password")
        new_hash = self.hasher.hash(new_password)

        def attempt() -> UserRecord:
            current = self._reload(user.id)
            current.password_hash = new_hash
            current.token_version = int(current.token_version) + 1
            self.users.save_fields(current)
            return current

        updated = with_retries(attempt, retry_on=(StaleUser,))
        return self.tokens.issue(updated.id, int(updated.token_version))

    def delete_me(self, user: UserRecord, password: str) -> None:
        matches, _ = self.hasher.verify(password, user.password_hash)
        if not matches:
            raise field_error("password", "is incorrect")
        self._delete(user.id)

    # ---- administration ----------------------------------------------------------------

    def get(self, user_id: str) -> UserRecord:
        user = self.users.get(user_id)
        if user is None or user.deleting:
            raise NotFound("User not found.", code="user_not_found")
        return user

    def list_users(
        self,
        admin: UserRecord,
        *,
        search: str | None,
        role: Role | None,
        is_active: bool | None,
        limit: int,
        cursor: str | None,
    ) -> UserList:
        needle = (search or "").strip().lower()
        matches = [
            u
            for u in self.users.scan()
            if (not needle or needle in (u.search_text or ""))
            and (role is None or u.role == role.value)
            and (is_active is None or bool(u.is_active) == is_active)
        ]
        matches.sort(key=lambda u: (u.created_at, u.id), reverse=True)
        scope = f"admin-users:{needle}:{role}:{is_active}"
        start = 0
        if cursor:
            last = tuple(self.cursors.decode(cursor, user_id=admin.id, scope=scope))
            start = next((i for i, u in enumerate(matches) if (u.created_at, u.id) < last), len(matches))
        page = matches[start : start + limit]
        more = start + limit < len(matches)
        next_cursor = (
            self.cursors.encode([page[-1].created_at, page[-1].id], user_id=admin.id, scope=scope)
            if more and page
            else None
        )
        users = [user_with_totals(u) for u in page]
        return UserList(users=users, total=len(matches), next_cursor=next_cursor)

    def change_role(self, admin: UserRecord, target_id: str, role: Role) -> UserRecord:
        if target_id == admin.id:
            raise Forbidden("You cannot change your own role.", code="self_action_forbidden")

        def attempt() -> UserRecord:
            target = self.get(target_id)
            old = Role(target.role)
            if old == role:
                return target
            deltas = [
                CounterDelta(f"users.role.{old.value}", -1),
                CounterDelta(f"users.role.{role.value}", +1),
            ]
            if target.is_active and old == Role.ADMIN:
                deltas.append(CounterDelta(ACTIVE_ADMINS, -1, floor=1))
            if target.is_active and role == Role.ADMIN:
                deltas.append(CounterDelta(ACTIVE_ADMINS, +1))
            target.role = role.value
            self.users.save_fields(target, deltas)
            self.audit.record(
                admin, AuditAction.ROLE_CHANGED, target.id, {"from": old.value, "to": role.value}
            )
            return target

        return with_retries(attempt, retry_on=(StaleUser,))

    def toggle_active(self, admin: UserRecord, target_id: str) -> UserRecord:
        if target_id == admin.id:
            raise Forbidden("You cannot deactivate yourself.", code="self_action_forbidden")

        def attempt() -> UserRecord:
            target = self.get(target_id)
            activate = not target.is_active
            sign = 1 if activate else -1
            deltas = [CounterDelta("users.active", sign)]
            if target.role == Role.ADMIN:
                deltas.append(CounterDelta(ACTIVE_ADMINS, sign, floor=None if activate else 1))
            target.is_active = activate
            if not activate:
                target.token_version = int(target.token_version) + 1
            self.users.save_fields(target, deltas)
            action = AuditAction.ACTIVATED if activate else AuditAction.DEACTIVATED
            self.audit.record(admin, action, target.id, {"username": target.username})
            return target

        return with_retries(attempt, retry_on=(StaleUser,))

    def delete_user(self, admin: UserRecord, target_id: str) -> None:
        if target_id == admin.id:
            raise Forbidden(
                "You cannot delete yourself here; use DELETE /users/me.", code="self_action_forbidden"
            )
        target = self.get(target_id)
        self._delete(target.id)
        self.audit.record(admin, AuditAction.DELETED, target.id, {"username": target.username})

    # ---- shared ------------------------------------------------------------------------

    def _reload(self, user_id: str) -> UserRecord:
        current = self.users.get(user_id)
        if current is None:
            raise NotFound("User not found.", code="user_not_found")
        return current

    def _delete(self, user_id: str) -> None:
        """Flag, purge what the user owns, then remove the user: every step safe to repeat."""

        def flag() -> UserRecord:
            current = self._reload(user_id)
            if not current.deleting:
                # An admin being deleted stops counting as an active admin at once, atomically
                # with the flag, so two admins deleting each other cannot both proceed.
                deltas = []
                if current.is_active and current.role == Role.ADMIN:
                    deltas.append(CounterDelta(ACTIVE_ADMINS, -1, floor=1))
                current.deleting = True
                self.users.save_fields(current, deltas)
            return current

        with_retries(flag, retry_on=(StaleUser,))
        for purge in self.purgers:
            purge(user_id)

        def remove() -> None:
            self.users.delete(self._reload(user_id))

        with_retries(remove, retry_on=(StaleUser,))
