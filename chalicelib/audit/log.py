"""The audit log of privileged actions (listed in actions.py): recorded by the services, newest first."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import PutError

from chalicelib.audit.actions import AuditAction
from chalicelib.cursor import CursorCodec
from chalicelib.db.models import AuditRecord, UserRecord
from chalicelib.ids import time_ordered_id
from chalicelib.schemas.admin import AuditEvent, AuditPage
from chalicelib.timeutil import now_iso

# Every event lives in one partition: privileged actions are rare, and newest-first paging is
# then a single Query on a time-ordered sort key (never a Scan).
LOG = "audit"
CURSOR_SCOPE = "audit"


def event_view(record: AuditRecord) -> AuditEvent:
    return AuditEvent(
        id=record.id,
        at=record.at,
        actor_id=record.actor_id,
        actor_username=record.actor_username,
        action=record.action,
        target=record.target,
        details=record.details or {},
    )


class AuditLog:
    def __init__(self, *, cursors: CursorCodec) -> None:
        self.cursors = cursors

    def record(
        self,
        actor: UserRecord,
        action: AuditAction,
        target: str,
        details: dict[str, Any],
        *,
        event_id: str | None = None,
        at: str | None = None,
    ) -> None:
        """One event per call, from the services built with this log (see ``chalicelib.services``).

        With ``event_id`` the event is recorded once however often it is reported.
        """
        event = AuditRecord(
            LOG,
            event_id or time_ordered_id(),
            at=at or now_iso(),
            actor_id=actor.id,
            actor_username=actor.username,
            action=action,
            target=target,
            details=details,
        )
        try:
            event.save(condition=AuditRecord.id.does_not_exist())
        except PutError as exc:
            if event_id is None or exc.cause_response_code != "ConditionalCheckFailedException":
                raise

    def page(self, admin: UserRecord, *, limit: int, cursor: str | None) -> AuditPage:
        start = None
        if cursor:
            last_id = str(self.cursors.decode(cursor, user_id=admin.id, scope=CURSOR_SCOPE))
            start = {"log": {"S": LOG}, "id": {"S": last_id}}
        items: list[AuditRecord] = []
        more = False
        for record in AuditRecord.query(
            LOG, scan_index_forward=False, last_evaluated_key=start, page_size=limit + 1
        ):
            if len(items) == limit:
                more = True
                break
            items.append(record)
        next_cursor = (
            self.cursors.encode(items[-1].id, user_id=admin.id, scope=CURSOR_SCOPE)
            if more and items
            else None
        )
        return AuditPage(events=[event_view(r) for r in items], next_cursor=next_cursor)
