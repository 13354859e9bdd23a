"""The columns a training job uses: read from the dataset, checked, and the schema built from them.

``load_training_columns`` is the one place that reads a dataset's cells: it returns the header
and the cells of the columns the caller picks. ``build_training_set`` then resolves the chosen
columns, infers what the request left open (numeric or categorical, whole numbers, the
categories), rejects rows whose values break a feature's rule (counted, the first
``REPORTED_REJECTIONS`` kept with row number, customer id and reasons; never repaired), and
encodes the rest with the schema. Row numbers are 1-based data rows (blank lines skipped).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from segcore.features import FEATURES, FieldError
from segcore.layout import dataset_key, is_valid_id
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
    parse_numbers,
    variant_aliases,
)
from segtrainer.errors import TrainingError
from segtrainer.storage import ArtifactStore

REPORTED_REJECTIONS = 20

# Given the header, the indices of the columns to read.
ColumnPicker = Callable[[list[str]], list[int]]


@dataclass(frozen=True)
class TableColumns:
    headers: list[str]
    cells: dict[int, list[str]]  # column index -> one cell per data row
    rows: int


def load_training_columns(store: ArtifactStore, dataset_id: str, pick: ColumnPicker) -> TableColumns:
    """The header and the picked columns' cells of a stored dataset (UTF-8 CSV, BOM allowed)."""
    if not is_valid_id(dataset_id):
        raise TrainingError(f"'{dataset_id}' is not a valid dataset id.")
    body = store.get_bytes(dataset_key(dataset_id))
    if body is None:
        raise TrainingError(f"Dataset '{dataset_id}' was not found.")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TrainingError(f"Dataset '{dataset_id}' is not UTF-8 text.") from None
    del body
    reader = csv.reader(io.StringIO(text))
    headers = next(reader, None)
    if headers is None or not any(cell.strip() for cell in headers):
        raise TrainingError(f"Dataset '{dataset_id}' is empty; it needs a header row.")
    headers = [header.strip() for header in headers]
    indices = pick(headers)
    cells: dict[int, list[str]] = {index: [] for index in indices}
    appenders = [(index, cells[index].append) for index in indices]
    rows = 0
    for row in reader:
        if not "".join(row).strip():
            continue
        rows += 1
        width = len(row)
        for index, append in appenders:
            append(row[index] if index < width else "")
    return TableColumns(headers=headers, cells=cells, rows=rows)


@dataclass(frozen=True)
class TrainingSet:
    schema: Schema
    values: dict[str, np.ndarray]  # per model feature, valid rows only (floats or categories)
    design: np.ndarray  # (rows, design width)
    rejected_rows: int
    rejections: list[dict[str, Any]]

    @property
    def rows(self) -> int:
        return int(self.design.shape[0])


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


def _looks_numeric(cells: list[str]) -> bool:
    filled = [cell for cell in cells if cell.strip()]
    return bool(filled) and float(np.isfinite(parse_numbers(filled)).mean()) >= NUMERIC_SHARE


def _categories(feature: Feature, cells: list[str]) -> tuple[np.ndarray, tuple[str, ...]]:
    """Each cell's category (None when empty) and the categories found, sorted.

    Spellings that differ only in case are one category, written the way most cells write it;
    the feature's synonyms (``M`` for ``Male``) apply.
    """
    keys = np.empty(len(cells), dtype=object)
    spellings: dict[str, Counter[str]] = {}
    for index, cell in enumerate(cells):
        text = cell.strip()
        if not text:
            keys[index] = None
            continue
        key = text.casefold()
        if key in feature.synonyms:
            text, key = feature.synonyms[key], feature.synonyms[key].casefold()
        keys[index] = key
        spellings.setdefault(key, Counter())[text] += 1
    spelling = {key: max(counts, key=lambda t: (counts[t], t)) for key, counts in spellings.items()}
    values = np.array([None if key is None else spelling[key] for key in keys], dtype=object)
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
    return values, categories


def _feature_for(request: FeatureRequest, header: str, cells: list[str]) -> Feature:
    """The feature a requested column becomes: the replaced system's rules when the column is one
    of its fields under its own name (``Annual_Income``), otherwise inferred from the data."""
    rules = bundled_rules(header)
    if rules is not None and request.type in (None, rules.type):
        feature = replace(rules, display_only=False) if rules is SEX_FEATURE else rules
    else:
        kind = request.type or (NUMERIC if _looks_numeric(cells) else CATEGORICAL)
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


def build_training_set(
    table: TableColumns, plan: ColumnPlan, *, display: Sequence[Feature] = ()
) -> TrainingSet:
    """The schema of the chosen columns, the valid rows' values and their design matrix.

    ``display`` features (the bundled ``sex``) join the schema without being read.
    """
    features: list[Feature] = []
    raw: dict[str, np.ndarray] = {}
    valid = np.ones(table.rows, dtype=bool)
    for request, index in zip(plan.requests, plan.indices, strict=True):
        cells = table.cells[index]
        feature = _feature_for(request, table.headers[index], cells)
        if feature.categorical:
            values, categories = _categories(feature, cells)
            if not categories:
                raise TrainingError(f"Column '{feature.name}' has no usable values.")
            feature = replace(feature, categories=categories)
            column_valid = np.array([value is not None for value in values], dtype=bool)
        else:
            values, column_valid = feature.parse_column(cells)
            if not column_valid.any():
                raise TrainingError(f"Column '{feature.name}' has no usable values.")
            if feature.name not in FEATURES:
                feature = replace(feature, integer=bool((values[column_valid] % 1 == 0).all()))
        features.append(feature)
        raw[feature.name] = values
        valid &= column_valid
    try:
        schema = Schema(
            (*display, *features),
            id_column=table.headers[plan.id_index] if plan.id_index is not None else None,
        )
    except SchemaError as error:
        raise TrainingError(f"The chosen features cannot make a model: {error}.") from None
    rejected = np.flatnonzero(~valid)
    rejections = [_rejection(table, plan, schema, int(row)) for row in rejected[:REPORTED_REJECTIONS]]
    kept = {name: column[valid] for name, column in raw.items()}
    return TrainingSet(
        schema=schema,
        values=kept,
        design=schema.encode(kept),
        rejected_rows=int(rejected.size),
        rejections=rejections,
    )


def _rejection(table: TableColumns, plan: ColumnPlan, schema: Schema, row: int) -> dict[str, Any]:
    errors: list[FieldError] = []
    for feature, index in zip(schema.model_features, plan.indices, strict=True):
        error = feature.cell_error(table.cells[index][row])
        if error is not None:
            errors.append(error)
    rejection: dict[str, Any] = {"row": row + 1, "errors": errors}
    if plan.id_index is not None:
        rejection["customer_id"] = table.cells[plan.id_index][row].strip()
    return rejection
