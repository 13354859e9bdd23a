from typing import Annotated

from pydantic import (
    AfterValidator,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    model_validator,
)

from chalicelib.roles import Role
from chalicelib.schemas.common import Out, PageQuery, StrictBody

Username = Annotated[str, StringConstraints(min_length=3, max_length=32, pattern=r"^[A-Za-z0-9_.\-]+$")]
FullName = Annotated[str, StringConstraints(max_length=100)]
# Length is checked by the password policy so the message can say why in words.
Password = Annotated[str, StringConstraints(min_length=1, max_length=1024)]


def _normalise_email(value: str) -> str:
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


Email = Annotated[EmailStr, StringConstraints(max_length=254), AfterValidator(_normalise_email)]


class User(Out):
    id: str
    email: str
    username: str
    full_name: str | None
    role: Role
    is_active: bool
    created_at: str
    updated_at: str


class UserWithTotals(User):
    total_predictions: int
    total_saved_profiles: int


class RegisterBody(StrictBody):
    email: Email
    username: Username
    password: Password
    full_name: FullName | None = None


class LoginBody(StrictBody):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    username: Annotated[str, StringConstraints(min_length=1, max_length=254)] = Field(
        description="Username or email"
    )
    password: Password


class LoginResponse(Out):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    user: User


class UpdateMeBody(StrictBody):
    """At least one field; an empty object (or no body) changes nothing and is refused."""

    email: Email | None = None
    username: Username | None = None
    full_name: FullName | None = None

    @model_validator(mode="after")
    def _something(self) -> "UpdateMeBody":
        if not self.model_fields_set:
            raise ValueError("send at least one of email, username, full_name")
        return self


class ChangePasswordBody(StrictBody):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    current_password: Password
    new_password: Password


class DeleteMeBody(StrictBody):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    password: Password


class RoleBody(StrictBody):
    role: Role


class AdminUserQuery(PageQuery):
    search: Annotated[str, StringConstraints(max_length=100)] | None = None
    role: Role | None = None
    is_active: bool | None = None


class UserList(Out):
    users: list[UserWithTotals]
    total: int
    next_cursor: str | None


class ForgotPasswordBody(StrictBody):
    email: Email


class ForgotPasswordAccepted(Out):
    message: str


class ResetPasswordBody(StrictBody):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    token: Annotated[str, StringConstraints(min_length=1, max_length=256)] = Field(
        description="The token from the reset link (after `#token=`)"
    )
    new_password: Password


class PasswordResetLink(Out):
    reset_url: str = Field(description="One-time link to the SPA's reset page; shown once")
    expires_at: str
