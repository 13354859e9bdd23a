from __future__ import annotations

import secrets

from chalicelib.timeutil import utcnow


def time_ordered_id() -> str:
    """Sorts by creation time (microseconds), then 8 random hex digits."""
    return utcnow().strftime("%Y%m%dT%H%M%S%f") + secrets.token_hex(4)
