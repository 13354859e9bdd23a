from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict


def _integral_float_to_int(value: Any) -> Any:
    """55.0 is the integer 55 (JSON does not distinguish them); 55.5, "55" and true stay refused."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# An integer field: a whole number, written with or without ".0"; never a string or a boolean.
Whole = Annotated[int, BeforeValidator(_integral_float_to_int), Strict()]


# A customer's value for one feature as responses echo it: a number, a category, a flag or null.
# (bool first: smart-mode unions keep each value's own type, so 55 stays 55 and true stays true.)
FeatureValue = bool | int | float | str | None


class Schema(BaseModel):
    """Every request and response model: its validator is built when first used, not at import
    (about 60 models; building them all took a good part of a cold start)."""

    model_config = ConfigDict(defer_build=True)


class StrictBody(Schema):
    """Request bodies: unknown fields are refused (mass assignment), strings trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Out(Schema):
    """Response bodies: the router validates what a handler returns against its route's Out
    model and sends the model's dump, so every field that goes out is declared (and documented
    in /openapi.json); an undeclared one is a bug (500), never silently sent or dropped."""

    # A service may fill an optional field after building the model (a batch's counts): the
    # value is validated as at construction.
    model_config = ConfigDict(
        defer_build=True, from_attributes=True, extra="forbid", validate_assignment=True
    )


class ErrorDetail(Schema):
    field: str
    message: str


class Error(Schema):
    code: str = Field(description="snake_case error code")
    message: str = Field(description="A sentence for a person")
    details: list[ErrorDetail] | None = None
    request_id: str


class PageQuery(Schema):
    model_config = ConfigDict(extra="ignore")

    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = None
