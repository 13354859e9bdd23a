"""Load a dataset CSV from S3 into a numeric matrix, validating every row with segcore."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np

from segcore.features import ColumnError, CsvReader, RowError
from segtrainer.errors import TrainingError

REPORTED_REJECTIONS = 20


@dataclass(frozen=True)
class Dataset:
    features: tuple[str, ...]
    values: np.ndarray  # (rows, len(features)) float64, original units
    rejected_rows: int
    rejections: list[RowError]  # the first REPORTED_REJECTIONS rejected rows

    @property
    def rows(self) -> int:
        return int(self.values.shape[0])


def parse_dataset(text: str, features: Sequence[str] | None = None) -> Dataset:
    """Valid rows as a matrix; invalid rows are left out and counted, never repaired.

    A clean file is checked a column at a time (fast); a file with any invalid row is checked
    row by row, which names each row's errors.
    """
    try:
        reader = CsvReader(text, features=features)
        rows = list(reader.data_rows())
    except ColumnError as error:
        raise TrainingError(str(error)) from None
    matrix = reader.numeric_columns(rows)
    if matrix is not None:
        return Dataset(reader.features, matrix, 0, [])
    flat = array("d")
    rejected = 0
    rejections: list[RowError] = []
    for row in reader.validate(rows):
        if row.values is None:
            rejected += 1
            if len(rejections) < REPORTED_REJECTIONS:
                rejections.append({"row": row.row, "errors": row.errors})
            continue
        numbers = cast(dict[str, float], row.values)  # the features read are all numbers
        flat.extend([numbers[name] for name in reader.features])
    matrix = np.frombuffer(flat, dtype=np.float64).reshape(-1, len(reader.features))
    return Dataset(reader.features, matrix, rejected, rejections)
