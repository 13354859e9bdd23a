"""Consecutive failed logins per account: after N failures, locked with a growing delay.

The same counter limits forgot-password requests per address and per client, where every
request counts as a "failure".
"""

from __future__ import annotations

import math
import time

from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.update import Action

from chalicelib.db.models import LoginThrottle
from chalicelib.errors import Throttled

_FORGET_AFTER_SECONDS = 24 * 3600


class LoginThrottler:
    def __init__(
        self,
        *,
        max_failures: int,
        base_lockout_seconds: int,
        message: str = "Too many failed sign-in attempts; try again later.",
        code: str = "too_many_attempts",
    ) -> None:
        self._max_failures = max_failures
        self._base = base_lockout_seconds
        self._message = message
        self._code = code

    def check(self, account: str) -> None:
        record = self._get(account)
        now = time.time()
        if record is not None and record.locked_until > now:
            raise Throttled(
                self._message,
                code=self._code,
                retry_after=math.ceil(record.locked_until - now),
            )

    def record_failure(self, account: str) -> None:
        now = time.time()
        record = self._get(account) or LoginThrottle(account, failures=0, lockouts=0, locked_until=0)
        failures = int(record.failures) + 1
        actions: list[Action] = [
            LoginThrottle.expires_at.set(int(now + _FORGET_AFTER_SECONDS)),
        ]
        if failures >= self._max_failures:
            lockouts = int(record.lockouts)
            actions += [
                LoginThrottle.failures.set(0),
                LoginThrottle.lockouts.set(lockouts + 1),
                LoginThrottle.locked_until.set(now + self._base * 2 ** min(lockouts, 10)),
            ]
        else:
            actions.append(LoginThrottle.failures.add(1))
        record.update(actions=actions)

    def record_success(self, account: str) -> None:
        record = self._get(account)
        if record is not None:
            record.delete()

    @staticmethod
    def _get(account: str) -> LoginThrottle | None:
        try:
            return LoginThrottle.get(account, consistent_read=True)
        except DoesNotExist:
            return None
