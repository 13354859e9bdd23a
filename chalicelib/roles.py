from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    USER = "user"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def allows(self, required: Role) -> bool:
        return self.rank >= required.rank


_RANK = {Role.USER: 0, Role.ANALYST: 1, Role.ADMIN: 2}
