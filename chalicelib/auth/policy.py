"""The password policy: length, not common, not predictable, not the user's own name.

Used wherever a password is chosen: registration (auth), a password change (accounts) and a
reset (recovery).
"""

from __future__ import annotations

from functools import lru_cache

from chalicelib.errors import ValidationFailed

MIN_LENGTH = 15
MAX_LENGTH = 128


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    # zxcvbn ships the 30,000 most common passwords from leaked-password corpora.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def _is_common(lowered: str) -> bool:
    common = _common_passwords()
    core = lowered.rstrip("0123456789!@#$%^&*.?_- ")
    period = _repetition_period(lowered)
    return lowered in common or core in common or lowered[:period] in common or len(set(lowered)) <= 3


# zxcvbn's estimate of guesses needed; 10^8 is its "safely unguessable" floor for online attacks.
_MIN_GUESSES_LOG10 = 8
_ZXCVBN_MAX_LENGTH = 72


def _is_predictable(password: str) -> bool:
    from zxcvbn import zxcvbn

    estimate = zxcvbn(password[:_ZXCVBN_MAX_LENGTH])
    return float(estimate["guesses_log10"]) < _MIN_GUESSES_LOG10


def _repetition_period(text: str) -> int:
    """Length of the shortest block the text repeats ("abcabcabc" -> 3)."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return size
    return len(text)


def password_problems(password: str, *, username: str, email: str) -> list[str]:
    """Reasons a password is refused, in words for the user; empty when it is acceptable."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(f"Password must be at least {MIN_LENGTH} characters long.")
    if len(password) > MAX_LENGTH:
        problems.append(f"Password must be at most {MAX_LENGTH} characters long.")
    lowered = password.lower()
    if _is_common(lowered):
        problems.append("Password is too common; choose a less predictable one.")
    elif _is_predictable(password):
        problems.append(
            "Password is too predictable (a sequence, keyboard pattern or repetition); "
            "a few unrelated words work well."
        )
    email_name = email.split("@", 1)[0].lower()
    for label, word in (("username", username.lower()), ("email name", email_name)):
        if len(word) >= 3 and word in lowered:
            problems.append(f"Password must not contain your {label}.")
    return problems


def check_password_policy(password: str, *, username: str, email: str, field: str) -> None:
    problems = password_problems(password, username=username, email=email)
    if problems:
        raise ValidationFailed(" ".join(problems), details=[{"field": field, "message": p} for p in problems])
