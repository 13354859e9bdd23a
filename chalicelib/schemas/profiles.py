from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from chalicelib.schemas.common import FeatureValue, Out, PageQuery, Schema, Whole

ProfileName = Annotated[str, StringConstraints(min_length=1, max_length=100)]
Notes = Annotated[str, StringConstraints(max_length=1000)]
FLAT_FIELDS = ("sex", "age", "annual_income", "spending_score", "purchase_frequency")


class _ProfileBody(Schema):
    """Features go in `features`; for a model on the replaced system's fields they may also be
    sent flat (`age`, `annual_income`, ...). Every value is checked against the active schema
    (`GET /schema`); any other field is 422."""

    model_config = ConfigDict(
        extra="allow",
        str_strip_whitespace=True,
        json_schema_extra={"additionalProperties": {"type": ["number", "string", "null"]}},
    )

    features: dict[str, Any] | None = Field(default=None, description="The active schema's features by name")
    customer_id: str | int | None = Field(default=None, description="The customer's id in your systems")
    notes: Notes | None = None

    def feature_values(self) -> dict[str, Any]:
        """``features`` with the flat fields sent beside them (flat fields win)."""
        return {**(self.features or {}), **(self.model_extra or {})}


class ProfileCreate(_ProfileBody):
    """A saved customer: every model feature of the active schema is required."""

    name: ProfileName


class ProfileUpdate(_ProfileBody):
    """Partial update: only the fields sent change. `version` (optional) must be the current one."""

    name: ProfileName | None = None
    version: Whole | None = Field(default=None, ge=1, description="Optimistic lock")

    @field_validator("name")
    @classmethod
    def _not_null(cls, value: str | None) -> str:
        # Only runs for values sent (defaults are not validated): an explicit null is refused.
        if value is None:
            raise ValueError("may not be null")
        return value


class ProfileOut(Out):
    id: str
    user_id: str
    name: str
    customer_id: str | None
    features: dict[str, FeatureValue]
    notes: str | None
    model_version: str | None
    fits_active_model: bool = Field(description="False when the active schema needs fields it lacks")
    missing_fields: list[str] = Field(description="Fields of the active schema it lacks or no longer passes")
    sex: str | None = Field(default=None, description="Flat field of the replaced system, when present")
    age: int | None = None
    annual_income: float | None = None
    spending_score: int | None = None
    purchase_frequency: int | None = None
    version: int
    created_at: str
    updated_at: str


class ProfileList(Out):
    profiles: list[ProfileOut]
    next_cursor: str | None


class ProfileQuery(PageQuery):
    pass
