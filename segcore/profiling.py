"""Profile a CSV file of any size in one streaming pass (numpy only; the API and trainer use it).

Column types are inferred from the first chunk of records (up to ``CHUNK_BYTES``), then every
chunk is checked against them: a cell a numeric column cannot take rejects its row, with the
reason, and rejected rows count in no statistic. Per column:

- ``missing``: empty cells and the usual tokens (``NA``, ``null``...);
- ``distinct``: exact up to ``EXACT_DISTINCT`` values, then a K-minimum-values estimate from
  64-bit hashes (relative error about ``1 / sqrt(KMV_SIZE)``), flagged ``distinct_exact: false``;
- numbers: ``min, max, mean, std`` exactly (shifted sums), ``quantiles`` and a ``histogram``
  from a uniform sample of at most ``SAMPLE_SIZE`` values (bottom-k on random keys), ``integer``
  and ``skewness``;
- other types: ``top_values`` (the most frequent values with their counts) while the column has
  at most ``TRACKED_VALUES`` distinct values;
- ``suggested``: ``id`` for identifiers, ``feature`` for usable numbers and categories,
  ``ignore`` otherwise; ``suggested_transform: "log"`` for skewed non-negative numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from segcore.table import (
    CHUNK_BYTES,
    MAX_REPORTED_ERRORS,
    Chunk,
    CsvSource,
    FieldError,
    RowError,
    TableError,
    first_rows,
    malformed_error,
    mix64,
    slow_number,
    sorted_unique,
)

EXACT_DISTINCT = 100_000
KMV_SIZE = 4096
SAMPLE_SIZE = 100_000
TRACKED_VALUES = 1_000
TOP_VALUES = 20
MAX_FEATURE_CATEGORIES = 50
TYPE_SHARE = 0.98
HISTOGRAM_BINS = 20
LOG_SKEWNESS = 1.0
MAX_FEATURE_MISSING_SHARE = 0.5
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
ID_TOKENS = frozenset({"id", "uuid", "guid", "number", "no", "nr", "num", "key", "ref"})
ID_NAMES = frozenset({"customer", "client", "account", "user", "member", "contact"})
_DATE_PATTERNS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"), (0, 1, 2)),
    (re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})"), (2, 1, 0)),
)
DATE_SAMPLE = 500

ProgressCallback = Callable[[int], None]


def header_tokens(name: str) -> list[str]:
    """``CustomerID`` -> [customer, id]; ``client_no`` -> [client, no]."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [token for token in re.split(r"[^a-z0-9]+", spaced.lower()) if token]


def looks_like_id(name: str) -> bool:
    tokens = header_tokens(name)
    return bool(tokens) and (tokens[-1] in ID_TOKENS or (len(tokens) == 1 and tokens[0] in ID_NAMES))


def _is_date(text: str) -> bool:
    for pattern, (y, m, d) in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            parts = match.groups()
            try:
                date(int(parts[y]), int(parts[m]), int(parts[d]))
            except ValueError:
                return False
            return True
    return False


class DistinctCounter:
    """Exact distinct count of 64-bit hashes up to ``EXACT_DISTINCT``, then a KMV estimate."""

    def __init__(self) -> None:
        self.exact: np.ndarray | None = np.empty(0, dtype=np.uint64)
        self.smallest = np.empty(0, dtype=np.uint64)

    def add(self, hashes: np.ndarray, *, unique: bool = False) -> None:
        """Count ``hashes`` (already distinct and sorted when ``unique``)."""
        if self.exact is not None:
            # Only the chunk's values not seen yet are merged (found by binary search), so a
            # column with few values costs one sort of the chunk, not a sort of the set.
            fresh = hashes if unique else sorted_unique(hashes)[0]
            at = np.minimum(np.searchsorted(self.exact, fresh), max(len(self.exact) - 1, 0))
            new = fresh[self.exact[at] != fresh] if len(self.exact) else fresh
            if len(new):
                self.exact = sorted_unique(np.concatenate([self.exact, new]))[0]
            if len(self.exact) <= EXACT_DISTINCT:
                return
            hashes, self.exact = self.exact, None
        if len(self.smallest) == KMV_SIZE:  # only hashes below the current k-th can matter
            hashes = hashes[hashes < self.smallest[-1]]
        self.smallest = sorted_unique(np.concatenate([self.smallest, hashes]))[0][:KMV_SIZE]

    @property
    def is_exact(self) -> bool:
        return self.exact is not None

    def count(self) -> int:
        if self.exact is not None:
            return len(self.exact)
        kth = float(self.smallest[-1]) / 2.0**64
        return round((KMV_SIZE - 1) / kth)


@dataclass
class NumberStats:
    shift: float = 0.0
    count: int = 0
    total: float = 0.0
    squares: float = 0.0
    cubes: float = 0.0
    minimum: float = np.inf
    maximum: float = -np.inf
    integer: bool = True
    sample: np.ndarray = field(default_factory=lambda: np.empty(0))
    keys: np.ndarray = field(default_factory=lambda: np.empty(0))

    def add(self, values: np.ndarray, rng: np.random.Generator) -> None:
        if not len(values):
            return
        if self.count == 0:
            self.shift = float(values.mean())
        centred = values - self.shift
        self.count += len(values)
        self.total += float(centred.sum())
        squared = centred * centred
        self.squares += float(squared.sum())
        self.cubes += float((squared * centred).sum())
        self.minimum = min(self.minimum, float(values.min()))
        self.maximum = max(self.maximum, float(values.max()))
        self.integer = self.integer and bool((values == np.round(values)).all())
        keys = rng.random(len(values))
        if len(self.keys) >= SAMPLE_SIZE:  # a full sample: only smaller keys can enter it
            entering = keys < self.keys.max()
            keys, values = keys[entering], values[entering]
        keys = np.concatenate([self.keys, keys])
        sample = np.concatenate([self.sample, values])
        if len(keys) > SAMPLE_SIZE:
            keep = np.argpartition(keys, SAMPLE_SIZE)[:SAMPLE_SIZE]
            keys, sample = keys[keep], sample[keep]
        self.keys, self.sample = keys, sample

    def summary(self) -> dict[str, Any]:
        if self.count == 0:
            return {}
        mean_shifted = self.total / self.count
        variance = max(self.squares / self.count - mean_shifted**2, 0.0)
        std = variance**0.5
        third = self.cubes / self.count - 3 * mean_shifted * self.squares / self.count + 2 * mean_shifted**3
        skewness = third / std**3 if std > 0 else 0.0
        quantiles = np.quantile(self.sample, QUANTILES)
        counts, edges = np.histogram(self.sample, bins=HISTOGRAM_BINS, range=(self.minimum, self.maximum))
        scale = self.count / len(self.sample)
        return {
            "min": _number(self.minimum),
            "max": _number(self.maximum),
            "mean": _number(mean_shifted + self.shift),
            "std": _number(std),
            "skewness": round(float(skewness), 4),
            "integer": self.integer,
            "quantiles": {
                f"p{round(q * 100):02d}": _number(v) for q, v in zip(QUANTILES, quantiles, strict=True)
            },
            "histogram": {
                "edges": [_number(edge) for edge in edges],
                "counts": [round(float(c) * scale) for c in counts],
                "sampled": len(self.sample) < self.count,
            },
        }


def _number(value: float) -> float | int:
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 2**53 else round(value, 6)


@dataclass
class ValueCounts:
    """Counts per value while there are at most ``TRACKED_VALUES`` of them."""

    counts: dict[int, int] | None = field(default_factory=dict)
    text: dict[int, str] = field(default_factory=dict)

    def add(self, chunk_strings: Any, rows: np.ndarray) -> np.ndarray | None:
        """Count the values of ``rows``; their distinct hashes (sorted), or None once the
        column has too many values to track."""
        if self.counts is None:
            return None
        hashes = chunk_strings.hashes[rows]
        unique, counts = sorted_unique(hashes)
        new = np.array([value for value in unique.tolist() if value not in self.counts], dtype=np.uint64)
        if len(self.counts) + len(new) > TRACKED_VALUES:
            self.counts = None
            return unique
        for value, row in zip(new.tolist(), rows[first_rows(hashes, new)].tolist(), strict=True):
            self.text[value] = chunk_strings.decode(row) or ""
            self.counts[value] = 0
        for value, count in zip(unique.tolist(), counts.tolist(), strict=True):
            self.counts[value] += count
        return unique

    def top(self) -> list[dict[str, Any]] | None:
        if self.counts is None:
            return None
        ranked = sorted(self.counts.items(), key=lambda item: (-item[1], self.text[item[0]]))
        return [{"value": self.text[h], "count": c} for h, c in ranked[:TOP_VALUES]]

    def minmax(self) -> tuple[str, str] | None:
        if not self.counts:
            return None
        values = sorted(self.text[h] for h in self.counts)
        return values[0], values[-1]


@dataclass
class ColumnProfile:
    name: str
    index: int
    type: str
    missing: int = 0
    distinct: DistinctCounter = field(default_factory=DistinctCounter)
    numbers: NumberStats = field(default_factory=NumberStats)
    values: ValueCounts = field(default_factory=ValueCounts)

    def view(self, rows: int) -> dict[str, Any]:
        distinct = self.distinct.count()
        kind = self.type
        if kind == "categorical" and self.values.counts is None:
            kind = "text"
        result: dict[str, Any] = {
            "name": self.name,
            "type": kind,
            "missing": self.missing,
            "distinct": distinct,
            "distinct_exact": self.distinct.is_exact,
        }
        usable = rows - self.missing
        missing_ok = rows > 0 and self.missing <= MAX_FEATURE_MISSING_SHARE * rows
        suggested = "ignore"
        if kind == "numeric":
            result.update(self.numbers.summary())
            if missing_ok and distinct >= 2:
                suggested = "feature"
                skewed = result.get("skewness", 0) > LOG_SKEWNESS and result.get("min", -1) >= 0
                result["suggested_transform"] = "log" if skewed else "none"
        else:
            top = self.values.top()
            if top is not None:
                result["top_values"] = top
            if kind == "date" and (bounds := self.values.minmax()):
                result["min"], result["max"] = bounds
            if kind == "categorical" and missing_ok and 2 <= distinct <= MAX_FEATURE_CATEGORIES:
                suggested = "feature"
        if kind == "id":
            suggested = "id"
        result["suggested"] = suggested
        if usable <= 0:
            result["suggested"] = "ignore"
        return result


def infer_type(name: str, chunk: Chunk, index: int) -> str:
    strings = chunk.strings(index)
    present = ~strings.missing
    count = int(present.sum())
    if count == 0:
        return "text"
    distinct = len(sorted_unique(strings.hashes[present])[0])
    if looks_like_id(name) and distinct == count:
        return "id"
    sample = [strings.decode(int(row)) for row in np.flatnonzero(present)[:DATE_SAMPLE]]
    if sum(1 for text in sample if text and slow_number(text, chunk.dialect.decimal_comma) is not None) < (
        TYPE_SHARE * len(sample)
    ):
        return _text_type(sample, distinct, count)
    numbers = chunk.numbers(index)
    numeric = int((present & ~numbers.invalid & ~np.isnan(numbers.values)).sum())
    if numeric >= TYPE_SHARE * count:
        return "numeric"
    return _text_type(sample, distinct, count)


def _text_type(sample: list[str | None], distinct: int, count: int) -> str:
    if sum(1 for text in sample if text and _is_date(text)) >= TYPE_SHARE * len(sample):
        return "date"
    if distinct <= TRACKED_VALUES and (distinct <= MAX_FEATURE_CATEGORIES or distinct <= 0.5 * count):
        return "categorical"
    return "text"


@dataclass
class Profile:
    header: list[str]
    delimiter: str
    decimal_comma: bool
    encoding: str
    rows: int
    rejected_rows: int
    columns: list[dict[str, Any]]
    errors: list[RowError]
    id_column: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "rejected_rows": self.rejected_rows,
            "columns": self.columns,
            "errors": self.errors,
            "dialect": {
                "delimiter": self.delimiter,
                "decimal_comma": self.decimal_comma,
                "encoding": self.encoding,
            },
            "id_column": self.id_column,
        }


def profile_csv(
    blocks: Iterable[bytes],
    *,
    chunk_bytes: int = CHUNK_BYTES,
    on_progress: ProgressCallback | None = None,
    seed: int = 0,
) -> Profile:
    """Profile the CSV in ``blocks``; raises ``TableError`` when the file cannot be read as CSV."""
    source = CsvSource(blocks, chunk_bytes=chunk_bytes)
    chunks = source.chunks()
    first = next(chunks, None)
    if first is None or (first.rows == 0 and not first.malformed):
        raise TableError("The file has a header row but no data rows.")
    columns = [ColumnProfile(name, i, infer_type(name, first, i)) for i, name in enumerate(source.header)]
    id_index = next((c.index for c in columns if c.type == "id"), None)
    rng = np.random.default_rng(seed)
    rows = rejected = 0
    errors: list[RowError] = []
    for chunk in _chain_one(first, chunks):
        chunk_errors = [
            malformed_error(row, count, source.n_columns, cell, id_index == 0)
            for row, count, cell in chunk.malformed[:MAX_REPORTED_ERRORS]
        ]
        rejected += len(chunk.malformed)
        parsed = [_parse_column(chunk, column) for column in columns]
        bad = np.zeros(chunk.rows, dtype=bool)
        for _, _, problems in parsed:
            for mask, _ in problems:
                bad |= mask
        rejected += int(bad.sum())
        for row in np.flatnonzero(bad)[:MAX_REPORTED_ERRORS].tolist():
            chunk_errors.append(_row_error(chunk, row, columns, parsed, id_index))
        chunk_errors.sort(key=lambda error: error["row"])
        errors += chunk_errors[: max(MAX_REPORTED_ERRORS - len(errors), 0)]
        good = ~bad
        rows += int(good.sum())
        for column, (missing, cells, _) in zip(columns, parsed, strict=True):
            present = good & ~missing
            column.missing += int((good & missing).sum())
            if column.type == "numeric":
                values = cells.values[present]
                column.numbers.add(values, rng)
                column.distinct.add(_number_hashes(values))
            else:
                unique = column.values.add(cells, np.flatnonzero(present)) if column.type != "id" else None
                if unique is not None:
                    column.distinct.add(unique, unique=True)
                else:
                    column.distinct.add(cells.hashes[present])
        if on_progress is not None:
            on_progress(source.bytes_read)
    return Profile(
        header=source.header,
        delimiter=source.dialect.delimiter,
        decimal_comma=source.dialect.decimal_comma,
        encoding=source.dialect.encoding,
        rows=rows,
        rejected_rows=rejected,
        columns=[column.view(rows) for column in columns],
        errors=errors,
        id_column=source.header[id_index] if id_index is not None else None,
    )


def _chain_one(first: Chunk, rest: Iterable[Chunk]) -> Iterable[Chunk]:
    yield first
    yield from rest


def _parse_column(
    chunk: Chunk, column: ColumnProfile
) -> tuple[np.ndarray, Any, list[tuple[np.ndarray, str]]]:
    """(missing mask, parsed column, problems) of one column of a chunk."""
    if column.type == "numeric":
        numbers = chunk.numbers(column.index)
        return numbers.missing, numbers, [(numbers.invalid, "must be a number")]
    strings = chunk.strings(column.index)
    return strings.missing, strings, [(strings.invalid, "is not UTF-8 text")]


def _number_hashes(values: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return mix64((values + 0.0).view(np.uint64).copy())


def _row_error(
    chunk: Chunk,
    row: int,
    columns: list[ColumnProfile],
    parsed: list[tuple[np.ndarray, Any, list[tuple[np.ndarray, str]]]],
    id_index: int | None,
) -> RowError:
    errors: list[FieldError] = []
    for column, (_, _, problems) in zip(columns, parsed, strict=True):
        for mask, message in problems:
            if mask[row]:
                value = chunk.cell(row, column.index)
                errors.append({"field": column.name, "message": f"{message} (got '{value[:40]}')"})
                break
    error: RowError = {"row": int(chunk.row_numbers[row]), "errors": errors}
    if id_index is not None and (identifier := chunk.cell(row, id_index)):
        error["customer_id"] = identifier
    return error
