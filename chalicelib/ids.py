"""Record ids that sort by creation time: history entries, batches, audit events, saved profiles."""

from __future__ import annotations

import secrets
from datetime import datetime

from chalicelib.timeutil import utcnow


def time_ordered_id(moment: datetime | None = None) -> str:
    """Sorts by creation time (microseconds; ``moment`` or now), then 8 random hex digits."""
    return (moment or utcnow()).strftime("%Y%m%dT%H%M%S%f") + secrets.token_hex(4)
