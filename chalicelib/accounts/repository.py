"""User records, their unique username/email guards, and the user counters, kept consistent."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from chalicelib.db.models import Counter, UniqueGuard, UserRecord
from chalicelib.db.transactions import ConditionFailed, CounterDelta, Transaction
from chalicelib.errors import Conflict
from chalicelib.roles import Role
from chalicelib.timeutil import now_iso

ACTIVE_ADMINS = "users.active_admins"
USER_COUNTERS = ("users.total", "users.active", *(f"users.role.{r.value}" for r in Role), ACTIVE_ADMINS)


def username_key(username: str) -> str:
    return f"username#{username.lower()}"


def email_key(email: str) -> str:
    return f"email#{email.lower()}"


def search_text(user: UserRecord) -> str:
    return " ".join(filter(None, [user.username, user.email, user.full_name])).lower()


def presence_deltas(user: UserRecord, sign: int) -> list[CounterDelta]:
    """Counter changes for a user appearing (+1) or disappearing (-1) with its current state."""
    deltas = [
        CounterDelta("users.total", sign),
        CounterDelta(f"users.role.{user.role}", sign),
    ]
    if user.is_active:
        deltas.append(CounterDelta("users.active", sign))
        # A user flagged for deletion already left the active-admin count.
        if user.role == Role.ADMIN and not user.deleting:
            deltas.append(CounterDelta(ACTIVE_ADMINS, sign, floor=1 if sign < 0 else None))
    return deltas


class LastAdmin(Conflict):
    code = "last_admin"
    default_message = "The last active admin cannot be demoted, deactivated or deleted."


class StaleUser(Exception):
    """The user changed between read and write; the caller re-reads and retries."""


def _raise_for(failed: ConditionFailed) -> None:
    labels = failed.failed_labels
    if f"counter:{ACTIVE_ADMINS}" in labels:
        raise LastAdmin() from failed
    if "guard:username" in labels:
        raise Conflict("That username is already taken.", code="username_taken") from failed
    if "guard:email" in labels:
        raise Conflict("That email is already registered.", code="email_taken") from failed
    if "user" in labels:
        raise StaleUser() from failed
    raise Conflict() from failed


class UserRepository:
    def get(self, user_id: str) -> UserRecord | None:
        try:
            return UserRecord.get(user_id, consistent_read=True)
        except DoesNotExist:
            return None

    def find_by_login(self, identifier: str) -> UserRecord | None:
        key = email_key(identifier) if "@" in identifier else username_key(identifier)
        try:
            guard = UniqueGuard.get(key, consistent_read=True)
        except DoesNotExist:
            return None
        return self.get(guard.user_id)

    def create(self, user: UserRecord) -> None:
        user.search_text = search_text(user)
        tx = Transaction()
        tx.add("user", lambda t: t.save(user, condition=UserRecord.id.does_not_exist()))
        self._claim(tx, user)
        tx.counters(presence_deltas(user, +1))
        try:
            tx.commit()
        except ConditionFailed as failed:
            # The user's id is new for each request: if the username is claimed by this very id,
            # this request's own commit landed and only its answer was lost (botocore retried
            # after a timeout, and the retry met the first attempt's writes). That is a success.
            if self._claimed_by(username_key(user.username), user.id):
                return
            _raise_for(failed)

    @staticmethod
    def _claimed_by(key: str, user_id: str) -> bool:
        try:
            return bool(UniqueGuard.get(key, consistent_read=True).user_id == user_id)
        except DoesNotExist:
            return False

    @staticmethod
    def _move_guard(tx: Transaction, field: str, new_key: str, old_key: str, user_id: str) -> None:
        """Claim the new value's uniqueness guard (it must be free) and release the old one."""
        claim = UniqueGuard(new_key, user_id=user_id)
        tx.add(f"guard:{field}", lambda t: t.save(claim, condition=UniqueGuard.key.does_not_exist()))
        tx.add(f"old:{field}", lambda t: t.delete(UniqueGuard(old_key)))

    def update_identity(self, user: UserRecord, *, username: str, email: str, full_name: str | None) -> None:
        """Change username/email/full name, moving the uniqueness guards atomically."""
        tx = Transaction()
        for field, key_of, new, old in (
            ("username", username_key, username, user.username),
            ("email", email_key, email, user.email),
        ):
            if new.lower() != old.lower():
                self._move_guard(tx, field, key_of(new), key_of(old), user.id)
        user.username, user.email, user.full_name = username, email, full_name
        user.search_text = search_text(user)
        self._save(tx, user)

    def save_fields(self, user: UserRecord, deltas: list[CounterDelta] | None = None) -> None:
        """Persist in-memory changes to a user (role, active flag, hash...) with counter deltas."""
        tx = Transaction()
        if deltas:
            tx.counters(deltas)
        self._save(tx, user)

    def delete(self, user: UserRecord) -> None:
        tx = Transaction()
        tx.add("user", lambda t: t.delete(user))
        tx.add("guard-del:username", lambda t: t.delete(UniqueGuard(username_key(user.username))))
        tx.add("guard-del:email", lambda t: t.delete(UniqueGuard(email_key(user.email))))
        tx.counters(presence_deltas(user, -1))
        self._commit(tx)

    def scan(self) -> Iterator[UserRecord]:
        """Admin search only: the one request path allowed to scan."""
        return UserRecord.scan()

    def counters(self) -> dict[str, int]:
        values = {name: 0 for name in USER_COUNTERS}
        for item in Counter.batch_get(list(USER_COUNTERS)):
            values[item.name] = int(item.value)
        return values

    @staticmethod
    def _claim(tx: Transaction, user: UserRecord) -> None:
        for label, key in (
            ("guard:username", username_key(user.username)),
            ("guard:email", email_key(user.email)),
        ):
            tx.add(label, _claim_guard(key, user.id))

    @staticmethod
    def save_in(tx: Transaction, user: UserRecord) -> None:
        """Add the user's in-memory changes to a caller's transaction, labelled "user".

        save() carries PynamoDB's version condition: a concurrent change cancels the commit.
        """
        user.updated_at = now_iso()
        tx.add("user", lambda t: t.save(user))

    def _save(self, tx: Transaction, user: UserRecord) -> None:
        self.save_in(tx, user)
        self._commit(tx)

    @staticmethod
    def _commit(tx: Transaction) -> None:
        try:
            tx.commit()
        except ConditionFailed as failed:
            _raise_for(failed)


def _claim_guard(key: str, user_id: str) -> Callable[[TransactWrite], None]:
    def claim(tx: TransactWrite) -> None:
        tx.save(UniqueGuard(key, user_id=user_id), condition=UniqueGuard.key.does_not_exist())

    return claim
