"""The columns a training job uses: read from the dataset, checked, and the schema built from them.

``preview_table`` reads the header and the first chunk of records; the caller resolves the
chosen columns (``ColumnPlan``). ``read_training_set`` then infers what the request left open
(numeric or categorical, from the first ``TYPE_SAMPLE_ROWS`` rows; whole numbers and the
categories, from every row), reads the chosen columns in one streaming pass with
``segcore.table.read_columns`` (numbers straight to float arrays, categories to integer
codes), rejects rows whose values break a
feature's rule (counted, the first ``REPORTED_REJECTIONS`` kept with row number, customer id
and reasons; never repaired), and keeps the rest as the columns of the design matrix
(``segtrainer.design``). Row numbers are 1-based data rows (blank lines skipped).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from segcore.features import FEATURES, FeatureValueError
from segcore.schema import (
    CATEGORICAL,
    LOG,
    MAX_CATEGORIES,
    MAX_CATEGORY_LENGTH,
    NUMERIC,
    SEX_FEATURE,
    Feature,
    FeatureRequest,
    Schema,
    SchemaError,
    bundled_rules,
    find_column,
    find_id_column,
    humanise,
    variant_aliases,
)
from segcore.table import (
    MISSING_TOKENS,
    Categories,
    Chunk,
    ColumnKind,
    ColumnLimitError,
    CsvSource,
    TableError,
    read_columns,
    slow_number,
)
from segtrainer.design import ColumnDesign, Design, as_design
from segtrainer.errors import TrainingError

REPORTED_REJECTIONS = 20
# Distinct spellings a categorical column may show while it is read; past this it is refused
# without reading further (its exact count is given up to here).
READ_CATEGORY_LIMIT = 1_000


@dataclass(frozen=True)
class TablePreview:
    headers: list[str]
    first: Chunk | None  # the first chunk of records, None when there is none


def preview_table(blocks: Iterable[bytes]) -> TablePreview:
    """The header and first chunk of a CSV; ``TrainingError`` when it cannot be read as CSV."""
    try:
        source = CsvSource(blocks)
        first = next(source.chunks(), None)
    except TableError as error:
        raise TrainingError(str(error)) from None
    return TablePreview(source.header, first)


@dataclass(frozen=True)
class TrainingSet:
    schema: Schema
    # Per model feature, valid rows only: floats, or categories (as text, or as integer codes
    # into the feature's categories).
    values: dict[str, np.ndarray]
    design: np.ndarray | Design  # (rows, design width)
    rejected_rows: int
    rejections: list[dict[str, Any]]

    @property
    def rows(self) -> int:
        return as_design(self.design).rows


@dataclass(frozen=True)
class ColumnPlan:
    """Which dataset columns a job reads: one per requested feature, and the id column."""

    requests: tuple[FeatureRequest, ...]
    indices: tuple[int, ...]
    id_index: int | None

    @classmethod
    def resolve(
        cls, headers: list[str], requests: Sequence[FeatureRequest], id_column: str | None
    ) -> ColumnPlan:
        indices = []
        for request in requests:
            index = find_column(headers, request.name)
            if index is None:
                raise TrainingError(
                    f"The dataset has no column '{request.name}'; its columns are: {', '.join(headers)}."
                )
            indices.append(index)
        if len(set(indices)) != len(indices):
            raise TrainingError("Two chosen features are the same column of the dataset.")
        if id_column is not None:
            id_index = find_column(headers, id_column)
            if id_index is None:
                raise TrainingError(f"The dataset has no id column '{id_column}'.")
        else:
            id_index = find_id_column(headers, None, used=indices)
        if id_index is not None and id_index in indices:
            raise TrainingError(f"'{headers[id_index]}' cannot be both the id column and a feature.")
        return cls(tuple(requests), tuple(indices), id_index)

    def columns(self) -> list[int]:
        return [*self.indices, *([self.id_index] if self.id_index is not None else [])]


# A column whose filled cells are numbers at least this often is numeric (the rest are rejected).
NUMERIC_SHARE = 0.9
TYPE_SAMPLE_ROWS = 1_000


def _looks_numeric(first: Chunk | None, index: int) -> bool:
    """Whether the column's filled cells among the first ``TYPE_SAMPLE_ROWS`` rows are numbers
    (at least ``NUMERIC_SHARE`` of them)."""
    if first is None:
        return True
    cells = [first.cell(row, index) for row in range(min(first.rows, TYPE_SAMPLE_ROWS))]
    filled = [cell for cell in cells if cell.strip().casefold() not in MISSING_TOKENS]
    numbers = sum(1 for cell in filled if slow_number(cell, first.dialect.decimal_comma) is not None)
    return numbers >= NUMERIC_SHARE * len(filled) if filled else True


@dataclass(frozen=True)
class FeatureRule:
    """A numeric feature's rules as ``segcore.table.read_columns`` applies them."""

    feature: Feature

    @property
    def invalid_message(self) -> str:
        return "must be an integer" if self.feature.integer else "must be a number"

    def valid_numbers(self, numbers: np.ndarray) -> np.ndarray:
        return self.feature.valid_numbers(numbers)

    def number_error(self, number: float) -> str:
        try:
            self.feature.check(number)
        except FeatureValueError as error:
            return error.as_field_error()["message"]
        return "is not valid"


def _merge_categories(feature: Feature, found: Categories) -> tuple[np.ndarray, tuple[str, ...]]:
    """Codes into the feature's categories, and the categories, sorted.

    Spellings that differ only in case are one category, written the way most cells write it;
    the feature's synonyms (``M`` for ``Male``) apply.
    """
    keys = []
    spellings: dict[str, Counter[str]] = {}
    for text, count in zip(found.values, found.counts.tolist(), strict=True):
        key = text.casefold()
        if key in feature.synonyms:
            text, key = feature.synonyms[key], feature.synonyms[key].casefold()
        keys.append(key)
        spellings.setdefault(key, Counter())[text] += count
    spelling = {key: max(counts, key=lambda t: (counts[t], t)) for key, counts in spellings.items()}
    categories = tuple(sorted(spelling.values(), key=str.casefold))
    if len(categories) > MAX_CATEGORIES:
        raise TrainingError(
            f"Column '{feature.name}' has {len(categories)} distinct values; a categorical feature "
            f"may have at most {MAX_CATEGORIES}. Choose another column or treat it as numeric."
        )
    if any(len(category) > MAX_CATEGORY_LENGTH for category in categories):
        raise TrainingError(
            f"Column '{feature.name}' has values longer than {MAX_CATEGORY_LENGTH} characters."
        )
    position = {category: code for code, category in enumerate(categories)}
    remap = np.array([position[spelling[key]] for key in keys], dtype=np.int16)
    return remap[found.codes] if len(found.codes) else found.codes.astype(np.int16), categories


def _feature_for(request: FeatureRequest, header: str, numeric: bool) -> Feature:
    """The feature a requested column becomes: the replaced system's rules when the column is one
    of its fields under its own name (``Annual_Income``), otherwise inferred from the data."""
    rules = bundled_rules(header)
    if rules is not None and request.type in (None, rules.type):
        feature = replace(rules, display_only=False) if rules is SEX_FEATURE else rules
    else:
        kind = request.type or (NUMERIC if numeric else CATEGORICAL)
        feature = Feature(name=header, label=humanise(header), type=kind, aliases=variant_aliases(header))
    changes: dict[str, Any] = {}
    if request.label:
        changes["label"] = request.label
    if request.unit:
        changes["unit"] = request.unit
    if request.transform and not feature.categorical:
        changes["transform"] = request.transform
        if request.transform == LOG and feature.min is None:
            changes["min"] = 0
    return replace(feature, **changes) if changes else feature


def read_training_set(
    blocks: Iterable[bytes],
    preview: TablePreview,
    plan: ColumnPlan,
    *,
    display: Sequence[Feature] = (),
) -> TrainingSet:
    """The schema of the chosen columns, the valid rows' values and their design.

    ``blocks`` is the whole file (read once, streamed); ``preview`` its header and first chunk.
    ``display`` features (the bundled ``sex``) join the schema without being read.
    """
    headers = preview.headers
    chosen = [headers[index] for index in plan.indices]
    features = [
        _feature_for(request, header, _looks_numeric(preview.first, index))
        for request, header, index in zip(plan.requests, chosen, plan.indices, strict=True)
    ]
    kinds: dict[str, ColumnKind] = {
        header: "categorical" if feature.categorical else "numeric"
        for header, feature in zip(chosen, features, strict=True)
    }
    try:
        table = read_columns(
            blocks,
            kinds,
            id_column=headers[plan.id_index] if plan.id_index is not None else None,
            max_categories=READ_CATEGORY_LIMIT,
            rules={h: FeatureRule(f) for h, f in zip(chosen, features, strict=True) if not f.categorical},
        )
    except ColumnLimitError as error:
        if kinds.get(error.column) == "categorical":
            raise TrainingError(
                f"Column '{error.column}' has more than {READ_CATEGORY_LIMIT} distinct values; a "
                f"categorical feature may have at most {MAX_CATEGORIES}. Choose another column or "
                "treat it as numeric."
            ) from None
        raise TrainingError(str(error)) from None
    except TableError as error:
        raise TrainingError(str(error)) from None
    values: dict[str, np.ndarray] = {}
    for position, (header, feature) in enumerate(zip(chosen, features, strict=True)):
        if table.usable[header] == 0:
            raise TrainingError(f"Column '{feature.name}' has no usable values.")
        if feature.categorical:
            codes, categories = _merge_categories(feature, table.categorical.pop(header))
            feature = replace(feature, categories=categories)
            values[feature.name] = codes
        else:
            numbers = table.numeric.pop(header)
            if feature.name not in FEATURES:
                feature = replace(feature, integer=bool((numbers % 1 == 0).all()))
            values[feature.name] = numbers
        features[position] = feature
    try:
        schema = Schema(
            (*display, *features),
            id_column=headers[plan.id_index] if plan.id_index is not None else None,
        )
    except SchemaError as error:
        raise TrainingError(f"The chosen features cannot make a model: {error}.") from None
    by_header = dict(zip(chosen, features, strict=True))
    return TrainingSet(
        schema=schema,
        values=values,
        design=ColumnDesign(schema, values),
        rejected_rows=table.rejected_rows,
        rejections=[_rejection(error, by_header) for error in table.errors[:REPORTED_REJECTIONS]],
    )


def _rejection(error: Any, by_header: dict[str, Feature]) -> dict[str, Any]:
    """A rejected row as the job reports it: reasons named by feature, in the feature's terms."""
    reasons = []
    for reason in error["errors"]:
        feature = by_header.get(reason["field"])
        message = reason["message"]
        if feature is not None and feature.integer and message == "must be a number":
            message = "must be an integer"
        reasons.append({"field": feature.name if feature else reason["field"], "message": message})
    rejection: dict[str, Any] = {"row": error["row"], "errors": reasons}
    if "customer_id" in error:
        rejection["customer_id"] = error["customer_id"]
    return rejection
