"""What is audited: every privileged action a service records, with what it means.

The services built with the audit log (accounts, password recovery, training, the model
registry; see ``chalicelib/services.py``) record only these actions.
"""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    ROLE_CHANGED = "user.role_changed"
    ACTIVATED = "user.activated"
    DEACTIVATED = "user.deactivated"
    DELETED = "user.deleted"
    PASSWORD_RESET_LINK = "user.password_reset_link"
    PASSWORD_RESET = "user.password_reset"
    TRAINING_STARTED = "model.training_started"
    TRAINING_CANCELLED = "model.training_cancelled"
    MODEL_ACTIVATED = "model.activated"
    SEGMENT_RENAMED = "segment.renamed"


MEANING: dict[AuditAction, str] = {
    AuditAction.ROLE_CHANGED: "an admin changed a user's role",
    AuditAction.ACTIVATED: "an admin activated a user",
    AuditAction.DEACTIVATED: "an admin deactivated a user",
    AuditAction.DELETED: "an admin deleted a user",
    AuditAction.PASSWORD_RESET_LINK: "an admin issued a one-time reset link; never the link itself",
    AuditAction.PASSWORD_RESET: "a user set a new password with a link; details.channel is admin or email",
    AuditAction.TRAINING_STARTED: "an analyst or admin started training",
    AuditAction.TRAINING_CANCELLED: "an admin cancelled a training job",
    AuditAction.MODEL_ACTIVATED: "an admin or a finished training job put a model live",
    AuditAction.SEGMENT_RENAMED: "an analyst renamed or redescribed a segment",
}


def describe() -> str:
    """The actions in words, for the audit route's OpenAPI description."""
    return "; ".join(f"{action.value} ({MEANING[action]})" for action in AuditAction)
