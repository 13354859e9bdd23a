"""A model's schema: the columns it was trained on, their rules, header matching and encoding.

Every model document carries its schema; the API validates customers, matches CSV headers,
builds forms, drift and averages from it. Its public JSON form (``GET /schema``) is::

    {model_version, id_column, features: [{name, label, type: "numeric"|"categorical",
      unit?, min?, max?, integer?, categories?, transform?: "none"|"log",
      display_only?, required?}]}

Display-only features (the bundled ``sex``) are accepted, normalised and stored, but the model
does not use them. Every other feature is required.

Encoding to the design matrix K-Means works on, one block of columns per model feature:

- numeric: one column, ``log1p(x)`` when ``transform == "log"`` (values must be >= 0), else x;
- categorical with categories c_1..c_m: m one-hot columns ``name=c_i`` (at most
  ``MAX_CATEGORIES`` categories; more is refused, not truncated).

The scaler (``fit_scaler``) then makes every feature weigh the same: a numeric column is
centred and divided by its standard deviation (variance 1); a categorical block is centred on
its training shares p_i and every column of the block is divided by ``sqrt(1 - sum p_i^2)``,
which makes the block's total variance ``sum p_i (1 - p_i) / (1 - sum p_i^2) = 1``. So each
feature, numeric or categorical, contributes on average the same to squared distances, and a
categorical column cannot dominate by having many categories.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, TypedDict

import numpy as np

from segcore.features import (
    FEATURES,
    SEX,
    SEX_HEADER_ALIASES,
    FeatureValueError,
    FieldError,
    normalise_header,
)

NUMERIC = "numeric"
CATEGORICAL = "categorical"
FEATURE_TYPES = (NUMERIC, CATEGORICAL)
NO_TRANSFORM = "none"
LOG = "log"
TRANSFORMS = (NO_TRANSFORM, LOG)
MIN_FEATURES = 2
MAX_FEATURES = 50
MAX_CATEGORIES = 20
MAX_CATEGORY_LENGTH = 100
SMALLEST_STORABLE = 1e-130
LARGEST_STORABLE = 1e126
CUSTOMER_ID = "customer_id"
MAX_CUSTOMER_ID_LENGTH = 128
# Headers that name a customer id when the schema's id column is absent (normalised form).
ID_HEADERS = frozenset(
    {
        "customerid",
        "customerref",
        "customer",
        "id",
        "clientid",
        "customernumber",
        "customerno",
        "custid",
        "userid",
        "memberid",
        "accountid",
    }
)
_UNITS = {"age": "years", "annual_income": "thousands", "purchase_frequency": "per year"}


class SchemaError(ValueError):
    """The schema (or a request for one) is not valid; the message says why."""


class HeaderError(ValueError):
    """A CSV header cannot be matched to the schema (missing or ambiguous columns)."""

    def __init__(self, message: str, missing: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.missing = tuple(missing)


class UnknownCategoryError(FeatureValueError):
    """A categorical value the model never saw; ``known`` lists the categories it knows."""

    def __init__(self, field_name: str, known: Sequence[str]) -> None:
        super().__init__(field_name, f"must be one of: {', '.join(known)}")
        self.known = tuple(known)


@dataclass(frozen=True)
class Feature:
    """One column of a schema and its rules."""

    name: str
    label: str
    type: str = NUMERIC
    unit: str | None = None
    min: float | None = None  # hard bounds: outside them a value is refused
    max: float | None = None
    integer: bool = False
    categories: tuple[str, ...] = ()
    transform: str = NO_TRANSFORM
    display_only: bool = False
    # Normalised header variants beyond the name and label (kept in the document, not public).
    aliases: frozenset[str] = frozenset()
    # Accepted spellings of categories (lower case -> category), e.g. "m" -> "Male".
    synonyms: Mapping[str, str] = field(default_factory=dict)

    @property
    def categorical(self) -> bool:
        return self.type == CATEGORICAL

    def design_columns(self) -> list[str]:
        if self.display_only:
            return []
        if self.categorical:
            return [f"{self.name}={category}" for category in self.categories]
        return [self.name]

    def header_keys(self) -> frozenset[str]:
        return frozenset({normalise_header(self.name), normalise_header(self.label), *self.aliases}) - {""}

    # ---- one value -------------------------------------------------------------------------

    def check(self, value: object) -> object:
        """The normalised value of a JSON value, or ``FeatureValueError``."""
        if value is None or (isinstance(value, str) and not value.strip() and self.display_only):
            if self.display_only:
                return None
            raise FeatureValueError(self.name, "is required")
        if self.categorical:
            return self._category(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FeatureValueError(self.name, "must be an integer" if self.integer else "must be a number")
        return self._number(value)

    def parse(self, text: str) -> object:
        """The normalised value of a CSV cell, or ``FeatureValueError``."""
        text = text.strip()
        if not text:
            if self.display_only:
                return None
            raise FeatureValueError(self.name, "is required")
        if self.categorical:
            return self._category(text)
        if "_" in text or not text.isascii():  # float() would accept "1_000" and non-ASCII digits
            raise FeatureValueError(self.name, "must be an integer" if self.integer else "must be a number")
        try:
            number: float = int(text) if text.isascii() and text.lstrip("+-").isdigit() else float(text)
        except ValueError:
            raise FeatureValueError(
                self.name, "must be an integer" if self.integer else "must be a number"
            ) from None
        return self._number(number)

    def _number(self, number: float) -> float:
        if isinstance(number, float):
            if not math.isfinite(number):
                raise FeatureValueError(self.name, "must be a finite number")
            if self.integer:
                if not number.is_integer():
                    raise FeatureValueError(self.name, "must be a whole number")
                number = int(number)
        if 0 < abs(number) < SMALLEST_STORABLE or abs(number) >= LARGEST_STORABLE:
            # DynamoDB stores numbers from 1e-130 to below 1e126 in magnitude: anything else would
            # fail (or round to 0) on the write, so it is refused here with a reason.
            raise FeatureValueError(self.name, "must be 0 or between 1e-130 and 1e126 in magnitude")
        low = self.min if self.min is not None else (0 if self.transform == LOG else None)
        if low is not None and number < low:
            raise FeatureValueError(self.name, self._range_message(low))
        if self.max is not None and number > self.max:
            raise FeatureValueError(self.name, self._range_message(low))
        return number

    def _range_message(self, low: float | None) -> str:
        if low is not None and self.max is not None:
            return f"must be between {_plain(low)} and {_plain(self.max)}"
        if low is not None:
            return f"must be at least {_plain(low)}"
        return f"must be at most {_plain(self.max or 0)}"

    def _category(self, value: object) -> str:
        if not isinstance(value, str) or isinstance(value, bool):
            raise UnknownCategoryError(self.name, self.categories)
        key = value.strip().casefold()
        for category in self.categories:
            if category.casefold() == key:
                return category
        if key in self.synonyms:
            return self.synonyms[key]
        raise UnknownCategoryError(self.name, self.categories)

    # ---- whole columns (vectorised) --------------------------------------------------------

    def valid_numbers(self, numbers: np.ndarray) -> np.ndarray:
        """Which of ``numbers`` pass this numeric feature's rules (what ``check`` accepts)."""
        valid = np.isfinite(numbers)
        low = self.min if self.min is not None else (0 if self.transform == LOG else None)
        if low is not None:
            valid &= numbers >= low
        if self.max is not None:
            valid &= numbers <= self.max
        if self.integer:
            valid &= numbers == np.floor(np.where(valid, numbers, 0))
        return valid

    def parse_column(self, cells: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Values of CSV cells (floats, or categories as text) and which cells are valid.

        Accepts exactly what ``parse`` accepts, a column at a time; ``cell_errors`` explains the
        invalid ones. An empty display-only cell is valid (None).
        """
        if self.categorical:
            lookup = {category.casefold(): category for category in self.categories}
            lookup.update(self.synonyms)
            values = np.array([lookup.get(cell.strip().casefold()) for cell in cells], dtype=object)
            valid = np.array([value is not None for value in values], dtype=bool)
        else:
            values = parse_numbers(cells)
            valid = self.valid_numbers(values)
        if self.display_only:
            valid |= np.array([not cell.strip() for cell in cells], dtype=bool)
        return values, valid

    def cell_error(self, cell: str) -> FieldError | None:
        try:
            self.parse(cell)
        except FeatureValueError as error:
            return error.as_field_error()
        return None

    # ---- JSON ------------------------------------------------------------------------------

    def public_json(self) -> dict[str, Any]:
        """The feature as ``GET /schema`` shows it."""
        out: dict[str, Any] = {"name": self.name, "label": self.label, "type": self.type}
        if self.unit:
            out["unit"] = self.unit
        if self.min is not None:
            out["min"] = _plain(self.min)
        if self.max is not None:
            out["max"] = _plain(self.max)
        if self.categorical:
            out["categories"] = list(self.categories)
        else:
            out["integer"] = self.integer
            out["transform"] = self.transform
        if self.display_only:
            out["display_only"] = True
            out["required"] = False
        return out

    def to_json(self) -> dict[str, Any]:
        """The feature as the model document stores it (public form plus header aliases)."""
        out = self.public_json()
        if self.aliases:
            out["aliases"] = sorted(self.aliases)
        if self.synonyms:
            out["synonyms"] = dict(sorted(self.synonyms.items()))
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Feature:
        if not isinstance(data, Mapping):
            raise SchemaError("each feature must be an object")
        name, label = data.get("name"), data.get("label", data.get("name"))
        kind = data.get("type", NUMERIC)
        transform = data.get("transform", NO_TRANSFORM)
        if not isinstance(name, str) or not name.strip() or not isinstance(label, str):
            raise SchemaError("a feature needs a name and a label")
        if kind not in FEATURE_TYPES:
            raise SchemaError(f"{name}: type must be numeric or categorical")
        if transform not in TRANSFORMS:
            raise SchemaError(f"{name}: transform must be none or log")
        categories = tuple(data.get("categories") or ())
        if kind == CATEGORICAL and not (
            0 < len(categories) <= MAX_CATEGORIES and all(isinstance(c, str) for c in categories)
        ):
            raise SchemaError(f"{name}: a categorical feature needs 1-{MAX_CATEGORIES} categories")
        bounds = [data.get("min"), data.get("max")]
        if any(b is not None and (isinstance(b, bool) or not isinstance(b, int | float)) for b in bounds):
            raise SchemaError(f"{name}: min and max must be numbers")
        return cls(
            name=name,
            label=label,
            type=kind,
            unit=data.get("unit"),
            min=bounds[0],
            max=bounds[1],
            integer=bool(data.get("integer", False)),
            categories=categories,
            transform=transform if kind == NUMERIC else NO_TRANSFORM,
            display_only=bool(data.get("display_only", False)),
            aliases=frozenset(data.get("aliases") or ()),
            synonyms=dict(data.get("synonyms") or {}),
        )


def parse_numbers(cells: Sequence[str]) -> np.ndarray:
    """Floats of CSV cells; NaN where a cell is empty or not a number.

    Only ASCII numbers count: float() would also accept "1_000" and Arabic-Indic or fullwidth
    digits, which no export means as a number here.
    """
    if not any("_" in cell or not cell.isascii() for cell in cells):
        try:
            return np.array(cells, dtype=np.str_).astype(np.float64)
        except ValueError:
            pass
    numbers = np.empty(len(cells), dtype=np.float64)
    for index, cell in enumerate(cells):
        try:
            numbers[index] = float(cell) if "_" not in cell and cell.isascii() else np.nan
        except ValueError:
            numbers[index] = np.nan
    return numbers


def find_column(headers: Sequence[str], name: str) -> int | None:
    """A column by its exact header, else by a unique header equal to it in normalised form."""
    if name in headers:
        return list(headers).index(name)
    key = normalise_header(name)
    matches = [index for index, header in enumerate(headers) if normalise_header(header) == key]
    return matches[0] if len(matches) == 1 else None


def find_id_column(headers: Sequence[str], id_column: str | None, used: Iterable[int] = ()) -> int | None:
    """Index of ``id_column`` (exact, else in normalised form), else of an id-like header."""
    taken = set(used)
    stripped = [header.replace("\ufeff", "").strip() for header in headers]
    if id_column is not None:
        if id_column in stripped:
            return stripped.index(id_column)
        key = normalise_header(id_column)
        for index, header in enumerate(stripped):
            if index not in taken and normalise_header(header) == key:
                return index
    for index, header in enumerate(stripped):
        if index not in taken and normalise_header(header) in ID_HEADERS:
            return index
    return None


def format_value(feature: Feature, value: float) -> str:
    """Short human form: ``98k`` for the bundled income, ``34``, ``12.5 months``."""
    if feature.unit == "thousands":
        return f"{value:.0f}k"
    text = f"{value:.0f}" if feature.integer or abs(value) >= 100 else f"{value:.3g}"
    return f"{text} {feature.unit}" if feature.unit and feature.unit not in ("years", "per year") else text


def _plain(number: float) -> float:
    """Whole floats as ints (``100`` rather than ``100.0``) for messages and JSON."""
    return int(number) if isinstance(number, float) and number.is_integer() else number


class SchemaJson(TypedDict):
    id_column: str | None
    features: list[dict[str, Any]]


@dataclass(frozen=True)
class Schema:
    """The features of a model (in order) and the column that identifies a customer."""

    features: tuple[Feature, ...]
    id_column: str | None = None

    def __post_init__(self) -> None:
        names = [f.name for f in self.features]
        if len(set(names)) != len(names):
            raise SchemaError("feature names must be unique")
        if not MIN_FEATURES <= len(self.model_features) <= MAX_FEATURES:
            raise SchemaError(f"a model needs {MIN_FEATURES}-{MAX_FEATURES} features")

    @property
    def model_features(self) -> tuple[Feature, ...]:
        return tuple(f for f in self.features if not f.display_only)

    @property
    def names(self) -> tuple[str, ...]:
        """Names of the features the model uses, in design order."""
        return tuple(f.name for f in self.model_features)

    def feature(self, name: str) -> Feature:
        for candidate in self.features:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    def design_columns(self) -> list[str]:
        return [column for f in self.model_features for column in f.design_columns()]

    def blocks(self) -> list[tuple[Feature, slice]]:
        """Each model feature with its columns in the design matrix."""
        out, start = [], 0
        for feature in self.model_features:
            width = len(feature.design_columns())
            out.append((feature, slice(start, start + width)))
            start += width
        return out

    def is_bundled_style(self) -> bool:
        """Every model feature is one of the replaced system's fields, under its own name."""
        return all(f.name in FEATURES for f in self.model_features)

    def compatible_with(self, other: Schema) -> bool:
        """Segments of two models can be matched: same features, types and transforms."""
        mine = {(f.name, f.type, f.transform) for f in self.model_features}
        return mine == {(f.name, f.type, f.transform) for f in other.model_features}

    # ---- JSON ------------------------------------------------------------------------------

    def public_json(self, model_version: str | None = None) -> dict[str, Any]:
        return {
            "model_version": model_version,
            "id_column": self.id_column,
            "features": [f.public_json() for f in self.features],
        }

    def to_json(self) -> SchemaJson:
        return {"id_column": self.id_column, "features": [f.to_json() for f in self.features]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Schema:
        if not isinstance(data, Mapping) or not isinstance(data.get("features"), list):
            raise SchemaError("the schema must be an object with a features list")
        id_column = data.get("id_column")
        if id_column is not None and not isinstance(id_column, str):
            raise SchemaError("id_column must be a string")
        return cls(tuple(Feature.from_json(f) for f in data["features"]), id_column)

    # ---- records ---------------------------------------------------------------------------

    def validate_record(
        self, record: Mapping[str, Any], *, extra: Iterable[str] = ()
    ) -> tuple[dict[str, Any], list[FieldError]]:
        """Normalised values of a JSON customer and its errors (empty when valid).

        Every model feature is required; display-only features are optional; a key that is no
        feature (nor one of ``extra``, e.g. ``customer_id``) is an error.
        """
        values: dict[str, Any] = {}
        errors: list[FieldError] = []
        known = {f.name for f in self.features} | set(extra)
        for key in record:
            if key not in known:
                errors.append({"field": str(key), "message": "is not a field of the active model's schema"})
        for feature in self.features:
            if feature.display_only and feature.name not in record:
                continue
            try:
                values[feature.name] = feature.check(record.get(feature.name))
            except FeatureValueError as error:
                errors.append(error.as_field_error())
        return values, errors

    def missing_fields(self, record: Mapping[str, Any]) -> list[str]:
        """Model features absent from ``record`` or whose value no longer passes the rules."""
        missing = []
        for feature in self.model_features:
            try:
                feature.check(record.get(feature.name))
            except FeatureValueError:
                missing.append(feature.name)
        return missing

    # ---- CSV headers -----------------------------------------------------------------------

    def resolve_headers(
        self, headers: Sequence[str], *, features: Sequence[Feature] | None = None
    ) -> dict[str, int]:
        """Feature name -> column index: exact name first, then name/label/alias variants.

        Display-only features are matched when present. A model feature without a column,
        or two columns for one feature, is a ``HeaderError``.
        """
        wanted = list(features if features is not None else self.features)
        found: dict[str, int] = {}
        stripped = [header.replace("\ufeff", "").strip() for header in headers]
        for feature in wanted:
            if stripped.count(feature.name) == 1:
                found[feature.name] = stripped.index(feature.name)
        taken = set(found.values())
        for feature in wanted:
            if feature.name in found:
                continue
            keys = feature.header_keys()
            matches = [i for i, h in enumerate(stripped) if i not in taken and normalise_header(h) in keys]
            if len(matches) > 1:
                shown = "' and '".join(stripped[i] for i in matches)
                raise HeaderError(f"Columns '{shown}' all look like {feature.name}; keep only one.")
            if matches:
                found[feature.name] = matches[0]
                taken.add(matches[0])
        missing = [f.name for f in wanted if not f.display_only and f.name not in found]
        if missing:
            raise HeaderError(f"The CSV is missing the column(s) {', '.join(missing)}.", missing)
        return found

    def id_index(self, headers: Sequence[str], used: Iterable[int] = ()) -> int | None:
        """The column holding the customer id: the schema's id column, else an id-like header."""
        return find_id_column(headers, self.id_column, used)

    # ---- encoding --------------------------------------------------------------------------

    def encode(self, columns: Mapping[str, Sequence[Any] | np.ndarray]) -> np.ndarray:
        """(n, design width) float64 matrix from validated values per model feature."""
        blocks = []
        for feature in self.model_features:
            values = columns[feature.name]
            if feature.categorical:
                texts = np.asarray(values, dtype=object)
                blocks.append(np.stack([texts == c for c in feature.categories], axis=1).astype(np.float64))
            else:
                numbers = np.asarray(values, dtype=np.float64)
                blocks.append((np.log1p(numbers) if feature.transform == LOG else numbers)[:, None])
        return np.concatenate(blocks, axis=1)

    def encode_rows(self, rows: Sequence[Mapping[str, Any]]) -> np.ndarray:
        """Design matrix of validated records (one dict per customer)."""
        return self.encode({f.name: [row[f.name] for row in rows] for f in self.model_features})

    @cached_property
    def _encoding_plan(self) -> tuple[tuple[str, tuple[str, ...] | None, bool], ...]:
        """Per model feature: name, categories (None for a number), log transform."""
        return tuple(
            (f.name, f.categories if f.categorical else None, f.transform == LOG) for f in self.model_features
        )

    @cached_property
    def plain_numeric(self) -> bool:
        """Every model feature is a number used as is: the design row is the values."""
        return all(categories is None and not log for _, categories, log in self._encoding_plan)

    def encode_one(self, record: Mapping[str, Any]) -> list[float]:
        """Design row of one validated record, in plain Python (the single-prediction path)."""
        out: list[float] = []
        for name, categories, log in self._encoding_plan:
            value = record[name]
            if categories is not None:
                out.extend([1.0 if value == category else 0.0 for category in categories])
            else:
                out.append(math.log1p(value) if log else value)
        return out

    def decode_numeric(self, name: str, encoded: float) -> float:
        """A numeric design value back in the feature's own units."""
        return math.expm1(encoded) if self.feature(name).transform == LOG else encoded


def fit_scaler(schema: Schema, design: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and scale per design column (see the module docstring): every feature weighs 1."""
    design = np.asarray(design, dtype=np.float64)
    mean = design.mean(axis=0)
    deviation = np.zeros(design.shape[1])
    for feature, block in schema.blocks():
        if not feature.categorical:
            deviation[block] = float(design[:, block].std())
    return mean, scaler_scale(schema, mean, deviation)


def scaler_scale(schema: Schema, mean: np.ndarray, deviation: np.ndarray) -> np.ndarray:
    """The scale per design column from its mean and standard deviation (whatever computed them)."""
    scale = np.ones(len(mean))
    for feature, block in schema.blocks():
        if feature.categorical:
            shares = mean[block]
            spread = math.sqrt(max(1.0 - float(np.sum(shares**2)), 0.0))
            scale[block] = spread if spread > 1e-12 else 1.0
        else:
            value = float(deviation[block][0])
            scale[block] = value if value > 1e-12 else 1.0
    return scale


# ---- the bundled schema: the replaced system's fields and rules ---------------------------


def _bundled_feature(name: str) -> Feature:
    spec = FEATURES[name]
    return Feature(
        name=name,
        label=spec.label,
        unit=_UNITS.get(name),
        min=spec.minimum,
        max=spec.maximum,
        integer=spec.integer,
        aliases=spec.header_aliases,
    )


SEX_FEATURE = Feature(
    name=SEX,
    label="Sex",
    type=CATEGORICAL,
    categories=("Male", "Female"),
    display_only=True,
    aliases=SEX_HEADER_ALIASES,
    synonyms={"m": "Male", "f": "Female"},
)
BUNDLED_FEATURES: dict[str, Feature] = {name: _bundled_feature(name) for name in FEATURES}
BUNDLED_SCHEMA = Schema((SEX_FEATURE, *BUNDLED_FEATURES.values()), id_column="CustomerID")


def bundled_schema(names: Sequence[str] | None = None) -> Schema:
    """The replaced system's schema, limited to the numeric fields ``names`` (all by default)."""
    chosen = [BUNDLED_FEATURES[n] for n in (names or BUNDLED_FEATURES)]
    return Schema((SEX_FEATURE, *chosen), id_column=BUNDLED_SCHEMA.id_column)


def input_schema(schema: Schema) -> Schema:
    """What a customer record may hold for a model: its schema and, for a model on some of the
    replaced system's fields, its other fields as optional (checked, stored, not modelled), so
    the replaced system's clients can keep sending all five."""
    if not schema.is_bundled_style():
        return schema
    present = {f.name for f in schema.features}
    extra = [replace(f, display_only=True) for name, f in BUNDLED_FEATURES.items() if name not in present]
    return Schema((*schema.features, *extra), schema.id_column) if extra else schema


def customer_id_of(value: object) -> str:
    """A customer id from JSON: a non-empty string or a whole number, as text; else ValueError."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_CUSTOMER_ID_LENGTH:
        raise FeatureValueError(CUSTOMER_ID, f"must be a text of 1-{MAX_CUSTOMER_ID_LENGTH} characters")
    return value.strip()


def bundled_rules(header: str) -> Feature | None:
    """The bundled field a column stands for when its header is that field's own name in any
    spelling (``Annual_Income``, ``annual income``), else None. Looser variants (``income``)
    keep the column's own name and rules, but still match the bundled field's header variants."""
    key = normalise_header(header)
    if key == normalise_header(SEX):
        return SEX_FEATURE
    for name, feature in BUNDLED_FEATURES.items():
        if key == normalise_header(name):
            return feature
    return None


def variant_aliases(header: str) -> frozenset[str]:
    """Header variants of a bundled field that a column named ``header`` also answers to."""
    key = normalise_header(header)
    for feature in (SEX_FEATURE, *BUNDLED_FEATURES.values()):
        if key in feature.aliases:
            return feature.aliases
    return frozenset()


def humanise(name: str) -> str:
    """``annual_income_thousands`` -> ``Annual income thousands``."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    text = re.sub(r"[_\-.\s]+", " ", words).strip().lower()
    return text[:1].upper() + text[1:] if text else name


# ---- training requests: which columns, how -------------------------------------------------


@dataclass(frozen=True)
class FeatureRequest:
    """One chosen column of a training request (``POST /train`` ``features``)."""

    name: str
    type: str | None = None  # None: inferred from the data
    transform: str | None = None
    label: str | None = None
    unit: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if value is not None}


_REQUEST_KEYS = frozenset({"name", "type", "transform", "label", "unit"})


def parse_feature_requests(value: object) -> tuple[FeatureRequest, ...]:
    """2+ distinct column names, or ``[{name, type?, transform?, label?, unit?}]``; else SchemaError."""
    if not isinstance(value, list) or not MIN_FEATURES <= len(value) <= MAX_FEATURES:
        raise SchemaError(f"features must be a list of {MIN_FEATURES}-{MAX_FEATURES} columns")
    requests = []
    for item in value:
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            raise SchemaError("each feature must be a column name or {name, type?, transform?, label?}")
        unknown = set(item) - _REQUEST_KEYS
        if unknown:
            raise SchemaError(f"unknown feature option(s): {', '.join(sorted(unknown))}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise SchemaError("each feature needs a column name")
        kind, transform = item.get("type"), item.get("transform")
        if kind is not None and kind not in FEATURE_TYPES:
            raise SchemaError(f"{name}: type must be numeric or categorical")
        if transform is not None and transform not in TRANSFORMS:
            raise SchemaError(f"{name}: transform must be none or log")
        if transform == LOG and kind == CATEGORICAL:
            raise SchemaError(f"{name}: a categorical feature cannot be log-transformed")
        for key in ("label", "unit"):
            if item.get(key) is not None and (not isinstance(item[key], str) or len(item[key]) > 100):
                raise SchemaError(f"{name}: {key} must be a text of at most 100 characters")
        requests.append(FeatureRequest(name.strip(), kind, transform, item.get("label"), item.get("unit")))
    names = [r.name for r in requests]
    if len(set(names)) != len(names):
        raise SchemaError("features must not repeat")
    return tuple(requests)
