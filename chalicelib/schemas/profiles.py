from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints, field_validator

from chalicelib.schemas.common import PageQuery, Whole
from chalicelib.schemas.segmentation import Age, CustomerFeatures, Frequency, Income, Spending

ProfileName = Annotated[str, StringConstraints(min_length=1, max_length=100)]
Notes = Annotated[str, StringConstraints(max_length=1000)]

# Fields a partial update may not set to null (sex and notes may: null clears them).
REQUIRED_FIELDS = ("name", "age", "annual_income", "spending_score", "purchase_frequency")


class ProfileCreate(CustomerFeatures):
    """A saved customer: the /predict rules, with every numeric feature required."""

    name: ProfileName
    age: Age
    annual_income: Income = Field(description="Annual income in thousands")
    spending_score: Spending
    purchase_frequency: Frequency = Field(description="Purchases per year")
    notes: Notes | None = None


class ProfileUpdate(CustomerFeatures):
    """Partial update: only the fields sent change. `version` (optional) must be the current one."""

    name: ProfileName | None = None
    notes: Notes | None = None
    version: Whole | None = Field(default=None, ge=1, description="Optimistic lock")

    @field_validator(*REQUIRED_FIELDS)
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # Only runs for values sent (defaults are not validated): an explicit null is refused.
        if value is None:
            raise ValueError("may not be null")
        return value

    def changes(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.model_fields_set if k != "version"}


class ProfileOut(BaseModel):
    id: str
    user_id: str
    name: str
    sex: str | None
    age: int
    annual_income: float
    spending_score: int
    purchase_frequency: int
    notes: str | None
    version: int
    created_at: str
    updated_at: str


class ProfileList(BaseModel):
    profiles: list[ProfileOut]
    next_cursor: str | None


class ProfileQuery(PageQuery):
    pass
