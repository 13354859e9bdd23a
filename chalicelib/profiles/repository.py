"""Saved customer profiles and their owner's `total_saved_profiles`, changed in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from pynamodb.exceptions import DoesNotExist, PutError
from pynamodb.transactions import TransactWrite

from chalicelib.db.models import ProfileRecord, UserRecord
from chalicelib.db.transactions import ConditionFailed, Transaction
from chalicelib.errors import Conflict

# A transaction holds at most 100 items: the owner's counter and 99 profile deletions.
PURGE_CHUNK = 99


class StaleProfile(Exception):
    """The profile changed (or went) between read and write; the caller re-reads."""


class AccountDeleting(Conflict):
    code = "account_deleting"
    default_message = "This account is being deleted."


def _owner_total(tx: Transaction, user_id: str, delta: int, *, live: bool) -> None:
    """ADD ``delta`` to the owner's saved-profile total, in ``tx``.

    A known version (any) makes PynamoDB ADD 1 to the user's version with the total, so a
    concurrent read-modify-save of the user (role, password...) fails its version condition and
    re-reads instead of writing back the old total. ``live`` also requires the user not to be
    flagged for deletion, so nothing new is attached to an account being purged.
    """
    owner = UserRecord(user_id, version=0)
    condition = UserRecord.id.exists()
    if live:
        condition &= UserRecord.deleting == False  # noqa: E712 - a DynamoDB condition
    tx.add(
        "owner",
        lambda t: t.update(
            owner,
            actions=[UserRecord.total_saved_profiles.add(delta)],
            condition=condition,
            add_version_condition=False,
        ),
    )


class ProfileRepository:
    def get(self, user_id: str, profile_id: str) -> ProfileRecord | None:
        try:
            return ProfileRecord.get(user_id, profile_id, consistent_read=True)
        except DoesNotExist:
            return None

    def create(self, record: ProfileRecord) -> None:
        tx = Transaction()
        tx.add("profile", lambda t: t.save(record, condition=ProfileRecord.id.does_not_exist()))
        _owner_total(tx, record.user_id, +1, live=True)
        try:
            tx.commit()
        except ConditionFailed as exc:
            # The id is new for each request: if it exists, this request's own commit landed and
            # only its answer was lost (a retry met the first attempt's writes).
            stored = self.get(record.user_id, record.id) if "profile" in exc.failed_labels else None
            if stored is not None:
                record.version = stored.version
                return
            raise AccountDeleting() from exc

    def save(self, record: ProfileRecord) -> None:
        """Write changed fields; PynamoDB's version condition refuses a concurrent change."""
        try:
            record.save()
        except PutError as exc:
            if exc.cause_response_code == "ConditionalCheckFailedException":
                raise StaleProfile() from exc
            raise

    def delete(self, record: ProfileRecord) -> None:
        tx = Transaction()
        tx.add(
            "profile",
            lambda t: t.delete(record, condition=ProfileRecord.id.exists(), add_version_condition=False),
        )
        _owner_total(tx, record.user_id, -1, live=False)
        try:
            tx.commit()
        except ConditionFailed as exc:
            raise StaleProfile() from exc

    def page(self, user_id: str, *, limit: int, after: str | None) -> tuple[list[ProfileRecord], bool]:
        start = {"user_id": {"S": user_id}, "id": {"S": after}} if after else None
        items: list[ProfileRecord] = []
        for record in ProfileRecord.query(
            user_id, scan_index_forward=False, last_evaluated_key=start, page_size=limit + 1
        ):
            if len(items) == limit:
                return items, True
            items.append(record)
        return items, False

    def purge_user(self, user_id: str) -> None:
        """Cascade delete: every profile of the user, the owner's total with them. Idempotent."""
        while True:
            chunk = [
                r.id
                for r in ProfileRecord.query(
                    user_id, consistent_read=True, limit=PURGE_CHUNK, attributes_to_get=["user_id", "id"]
                )
            ]
            if not chunk:
                return
            owner_exists = _exists(user_id)
            tx = Transaction()
            for profile_id in chunk:
                tx.add(f"profile:{profile_id}", _delete_if_present(user_id, profile_id))
            if owner_exists:
                _owner_total(tx, user_id, -len(chunk), live=False)
            try:
                tx.commit()
            except ConditionFailed:
                continue  # a profile went meanwhile (a concurrent delete): read again


def _exists(user_id: str) -> bool:
    try:
        UserRecord.get(user_id, consistent_read=True, attributes_to_get=["id"])
    except DoesNotExist:
        return False
    return True


def _delete_if_present(user_id: str, profile_id: str) -> Callable[[TransactWrite], None]:
    def delete(tx: TransactWrite) -> None:
        tx.delete(
            ProfileRecord(user_id, profile_id),
            condition=ProfileRecord.id.exists(),
            add_version_condition=False,
        )

    return delete
