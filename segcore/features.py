"""Canonical customer features: their rules, header matching and CSV/JSON validation.

Values that break a rule are rejected with a reason, never repaired. Row numbers in errors are
1-based positions of data rows (the header row is not counted; blank lines are skipped).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypedDict

import numpy as np

from segcore.csv_output import to_csv

SEX = "sex"
NUMERIC_FEATURES: tuple[str, ...] = ("age", "annual_income", "spending_score", "purchase_frequency")
CANONICAL_COLUMNS: tuple[str, ...] = (SEX, *NUMERIC_FEATURES)
MIN_FEATURES = 2

Number = int | float


@dataclass(frozen=True)
class NumericFeature:
    """Rules and wording of one numeric feature."""

    name: str
    label: str
    integer: bool
    minimum: Number
    maximum: Number
    phrase: str
    header_aliases: frozenset[str]
    suffix: str = ""
    phrase_for_one: str | None = None

    def format_value(self, value: float) -> str:
        """Short human form, e.g. ``98k`` for income, ``34`` for age."""
        return f"{value:.0f}{self.suffix}"

    def describe(self, value: float) -> str:
        """Phrase for a segment description, e.g. ``spending score 82``."""
        text = self.format_value(value)
        phrase = self.phrase_for_one if text == "1" and self.phrase_for_one else self.phrase
        return phrase.format(value=text)


FEATURES: dict[str, NumericFeature] = {
    spec.name: spec
    for spec in (
        NumericFeature(
            name="age",
            label="Age",
            integer=True,
            minimum=18,
            maximum=100,
            phrase="aged {value}",
            header_aliases=frozenset({"age", "ageyears", "customerage"}),
        ),
        NumericFeature(
            name="annual_income",
            label="Annual income",
            integer=False,
            minimum=0,
            maximum=10_000,
            phrase="average income {value}",
            suffix="k",
            header_aliases=frozenset(
                {
                    "annualincome",
                    "income",
                    "annualincomethousands",
                    "annualincomek",
                    "incomethousands",
                    "incomek",
                    "yearlyincome",
                }
            ),
        ),
        NumericFeature(
            name="spending_score",
            label="Spending score",
            integer=True,
            minimum=1,
            maximum=100,
            phrase="spending score {value}",
            header_aliases=frozenset({"spendingscore", "spending", "spendscore"}),
        ),
        NumericFeature(
            name="purchase_frequency",
            label="Purchase frequency",
            integer=True,
            minimum=0,
            maximum=365,
            phrase="{value} purchases a year",
            phrase_for_one="{value} purchase a year",
            header_aliases=frozenset(
                {
                    "purchasefrequency",
                    "frequency",
                    "purchasesperyear",
                    "purchases",
                    "annualpurchases",
                    "purchasecount",
                    "ordersperyear",
                }
            ),
        ),
    )
}

SEX_HEADER_ALIASES = frozenset({"sex", "gender"})
IGNORED_HEADER_ALIASES = frozenset({"customerid", "id", "customer", "clientid", "customernumber"})
_SEX_VALUES = {"male": "Male", "m": "Male", "female": "Female", "f": "Female"}


class FieldError(TypedDict):
    field: str
    message: str


class RowError(TypedDict):
    row: int
    errors: list[FieldError]


class FeatureValueError(ValueError):
    """One value breaks its feature's rule."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name} {message}")
        self.field = field_name
        self.message = message

    def as_field_error(self) -> FieldError:
        return {"field": self.field, "message": self.message}


class ColumnError(ValueError):
    """The CSV's header cannot be used (empty, ambiguous or missing columns)."""


class CsvFormatError(ColumnError):
    """The text is not readable as CSV (e.g. a field longer than the csv module's limit)."""


class MissingColumnsError(ColumnError):
    def __init__(self, message: str, missing: Sequence[str]) -> None:
        super().__init__(message)
        self.missing = tuple(missing)


def _check_range(spec: NumericFeature, number: Number) -> Number:
    if isinstance(number, float):
        if not math.isfinite(number):
            raise FeatureValueError(spec.name, "must be a finite number")
        if spec.integer:
            if not number.is_integer():
                raise FeatureValueError(spec.name, "must be a whole number")
            number = int(number)
    if not spec.minimum <= number <= spec.maximum:
        raise FeatureValueError(spec.name, f"must be between {spec.minimum} and {spec.maximum}")
    return number


def _type_message(spec: NumericFeature) -> str:
    return "must be an integer" if spec.integer else "must be a number"


def _cell_parser(spec: NumericFeature) -> Callable[[str], Number]:
    """A parser of CSV cells for one feature (the hot loop of large uploads: kept lean)."""
    name, minimum, maximum = spec.name, spec.minimum, spec.maximum
    type_message = _type_message(spec)

    def parse(text: str) -> Number:
        text = text.strip()
        if text.isdigit() and text.isascii():
            number = int(text)
            if minimum <= number <= maximum:
                return number
            return _check_range(spec, number)  # raises the range error
        if not text:
            raise FeatureValueError(name, "is required")
        # float() would accept "1_000" and non-ASCII digits such as Arabic-Indic or fullwidth.
        if "_" in text or not text.isascii():
            raise FeatureValueError(name, type_message)
        try:
            return _check_range(spec, float(text))
        except ValueError as error:
            if isinstance(error, FeatureValueError):
                raise
            raise FeatureValueError(name, type_message) from None

    return parse


_CELL_PARSERS = {name: _cell_parser(spec) for name, spec in FEATURES.items()}


def parse_value(feature: str, text: str) -> Number:
    """Validate a CSV cell of a numeric feature."""
    return _CELL_PARSERS[feature](text)


def normalise_sex(value: object) -> str | None:
    """``Male``/``Female`` from M/F/Male/Female in any case; None for null or empty."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise FeatureValueError(SEX, "must be Male or Female")
    text = value.strip()
    if not text:
        return None
    try:
        return _SEX_VALUES[text.lower()]
    except KeyError:
        raise FeatureValueError(SEX, "must be Male or Female") from None


def normalise_header(header: str) -> str:
    """``Annual Income (k$)`` -> ``annualincome``: lower case, no units, letters and digits."""
    without_units = re.sub(r"\([^)]*\)", " ", header.replace("\ufeff", ""))
    return re.sub(r"[^a-z0-9]+", "", without_units.lower())


def canonical_column(header: str) -> str | None:
    """The canonical column a header stands for, or None (identifiers, unknown columns)."""
    key = normalise_header(header)
    if key in SEX_HEADER_ALIASES:
        return SEX
    for spec in FEATURES.values():
        if key in spec.header_aliases:
            return spec.name
    return None


def resolve_columns(headers: Sequence[str]) -> dict[str, int]:
    """Map canonical column -> index in ``headers``; two headers for one column is an error."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        canonical = canonical_column(header)
        if canonical is None:
            continue
        if canonical in found:
            first = headers[found[canonical]]
            raise ColumnError(f"Columns '{first}' and '{header}' both look like {canonical}; keep only one.")
        found[canonical] = index
    return found


def _required_numeric(found: Mapping[str, int], features: Sequence[str] | None) -> list[str]:
    present = [name for name in NUMERIC_FEATURES if name in found]
    if features is not None:
        missing = [name for name in features if name not in found]
        if missing:
            raise MissingColumnsError(f"The CSV is missing the column(s) {', '.join(missing)}.", missing)
        return list(features)
    if len(present) < MIN_FEATURES:
        missing = [name for name in NUMERIC_FEATURES if name not in found]
        shown = ", ".join(present) or "none"
        raise MissingColumnsError(
            f"The CSV needs at least {MIN_FEATURES} of the columns "
            f"{', '.join(NUMERIC_FEATURES)}; found: {shown}.",
            missing,
        )
    return present


class ParsedRow(NamedTuple):
    """One data row: its values (None when rejected) and its errors."""

    row: int
    values: dict[str, object] | None
    errors: list[FieldError]


CellParser = Callable[[str], object]


class CsvReader:
    """Streams a customer CSV: resolves the header, then validates row by row.

    ``features`` names the numeric columns to read (all must be present); without it, every
    numeric column present is read and at least two are required. ``sex`` is read when present.
    """

    def __init__(self, text: str, *, features: Sequence[str] | None = None) -> None:
        # newline="": the csv module itself splits rows, so CR, LF and CRLF endings all work.
        self._reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
        headers = next(self._rows(), None)
        if headers is None or not any(cell.strip() for cell in headers):
            raise ColumnError("The CSV is empty; it needs a header row.")
        self.headers = headers
        found = resolve_columns(headers)
        self.features = tuple(_required_numeric(found, features))
        read = ([SEX] if SEX in found else []) + list(self.features)
        self.columns: dict[str, str] = {name: headers[found[name]].strip() for name in read}
        self._cells: list[tuple[str, int, CellParser]] = [
            (name, found[name], normalise_sex if name == SEX else _CELL_PARSERS[name]) for name in read
        ]

    def __iter__(self) -> Iterator[ParsedRow]:
        return self.validate(self.data_rows())

    def _rows(self) -> Iterator[list[str]]:
        try:
            yield from self._reader
        except csv.Error as error:
            line = self._reader.line_num
            raise CsvFormatError(f"The CSV cannot be read at line {line}: {error}.") from None

    def data_rows(self) -> Iterator[list[str]]:
        """The cells of each data row; blank lines are skipped (and not numbered)."""
        return (cells for cells in self._rows() if "".join(cells).strip())

    def validate(self, rows: Iterable[list[str]]) -> Iterator[ParsedRow]:
        """Check each row's cells, numbering rows from 1."""
        width = len(self.headers)
        for row_number, cells in enumerate(rows, start=1):
            values: dict[str, object] = {}
            errors: list[FieldError] = []
            if len(cells) > width:
                errors.append({"field": "row", "message": f"has {len(cells)} values; the header has {width}"})
            for name, index, parse in self._cells:
                try:
                    values[name] = parse(cells[index] if index < len(cells) else "")
                except FeatureValueError as error:
                    errors.append(error.as_field_error())
            yield ParsedRow(row_number, None if errors else values, errors)

    def numeric_columns(self, rows: Sequence[list[str]]) -> np.ndarray | None:
        """(rows, features) matrix when every row is valid, checked column by column; else None.

        The whole-column checks accept exactly what ``validate`` accepts, so a None only means
        "some row needs the row-by-row check" (which then says what is wrong).
        """
        width = len(self.headers)
        if any(length != width for length in set(map(len, rows))):
            return None
        for name, index, parse in self._cells:
            if name == SEX:
                try:
                    for value in {cells[index] for cells in rows}:
                        parse(value)
                except FeatureValueError:
                    return None
        columns = []
        for name in self.features:
            spec = FEATURES[name]
            index = self._cells[[cell[0] for cell in self._cells].index(name)][1]
            texts = [cells[index] for cells in rows]
            joined = "".join(texts)
            if "_" in joined or not joined.isascii():  # see _cell_parser
                return None
            try:
                numbers = np.fromiter(map(float, texts), dtype=np.float64, count=len(texts))
            except ValueError:  # empty or not a number
                return None
            valid = np.isfinite(numbers) & (numbers >= spec.minimum) & (numbers <= spec.maximum)
            if spec.integer:
                valid &= numbers == np.floor(numbers)
            if not valid.all():
                return None
            columns.append(numbers)
        return np.column_stack(columns) if columns else np.empty((len(rows), 0))


@dataclass
class ParsedCsv:
    """A whole CSV: the valid rows (with their row numbers), the rejected rows and the mapping."""

    columns: dict[str, str]
    features: tuple[str, ...]
    rows: list[dict[str, object]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def parse_csv(text: str, *, features: Sequence[str] | None = None) -> ParsedCsv:
    """Parse CSV text into canonical rows, per-row errors and ``{canonical: header found}``."""
    reader = CsvReader(text, features=features)
    parsed = ParsedCsv(columns=reader.columns, features=reader.features)
    for row in reader:
        if row.values is None:
            parsed.errors.append({"row": row.row, "errors": row.errors})
        else:
            parsed.rows.append(row.values)
            parsed.row_numbers.append(row.row)
    return parsed


def to_canonical_csv(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> str:
    """CSV with canonical headers (in canonical order) for rows as ``parse_csv`` returns them."""
    ordered = [name for name in CANONICAL_COLUMNS if name in columns]
    return to_csv([ordered, *([row.get(name) for name in ordered] for row in rows)])
