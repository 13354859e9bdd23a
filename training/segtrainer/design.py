"""The design matrix K-Means works on, kept as its columns and encoded only where needed.

A file of 10,000,000 rows x 16 design columns would take 1.3 GB as one float64 matrix; kept as
its columns (numbers as float64, categories as small integer codes) it takes 0.4 GB. Only the
fit sample is encoded (``ColumnDesign.take``, exactly what ``Schema.encode`` gives for the same
rows); the scaler's moments and every row's nearest centre are computed from the columns, a
block of ``BLOCK_ROWS`` rows at a time. ``ArrayDesign`` gives a matrix already in memory the
same interface.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol

import numpy as np

from segcore.schema import LOG, Schema, scaler_scale
from segtrainer.cluster_quality import nearest_centers

BLOCK_ROWS = 65_536


class Design(Protocol):
    """A design matrix: its size, some of its rows (``take``), the mean and standard deviation of
    its columns, and every row's nearest centre, without the whole matrix in memory."""

    @property
    def rows(self) -> int: ...

    @property
    def width(self) -> int: ...

    def take(self, rows: np.ndarray) -> np.ndarray: ...

    def moments(self) -> tuple[np.ndarray, np.ndarray]: ...

    def assign(
        self, mean: np.ndarray, scale: np.ndarray, centers: np.ndarray
    ) -> tuple[np.ndarray, float]: ...


class ArrayDesign:
    """A design matrix already in memory."""

    def __init__(self, values: np.ndarray) -> None:
        self.values = values

    @property
    def rows(self) -> int:
        return len(self.values)

    @property
    def width(self) -> int:
        return int(self.values.shape[1])

    def take(self, rows: np.ndarray) -> np.ndarray:
        if len(rows) == len(self.values):
            return np.asarray(self.values, dtype=np.float64)
        return np.asarray(self.values[rows], dtype=np.float64)

    def blocks(self) -> Iterator[tuple[slice, np.ndarray]]:
        for start in range(0, self.rows, BLOCK_ROWS):
            part = slice(start, min(start + BLOCK_ROWS, self.rows))
            yield part, np.asarray(self.values[part], dtype=np.float64)

    def moments(self) -> tuple[np.ndarray, np.ndarray]:
        """Mean and standard deviation of every column, two passes a block at a time."""
        total = np.zeros(self.width)
        for _, block in self.blocks():
            total += block.sum(axis=0)
        mean = total / max(self.rows, 1)
        squares = np.zeros(self.width)
        for _, block in self.blocks():
            offsets = block - mean
            squares += np.einsum("nd,nd->d", offsets, offsets)
        return mean, np.sqrt(squares / max(self.rows, 1))

    def assign(self, mean: np.ndarray, scale: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, float]:
        """Every row's nearest centre (standardized space) and the summed squared distances."""
        labels = np.empty(self.rows, dtype=np.int32)
        inertia = 0.0
        for rows, block in self.blocks():
            nearest, squared = nearest_centers((block - mean) / scale, centers)
            labels[rows] = nearest
            inertia += float(squared.sum())
        return labels, inertia


class ColumnDesign:
    """The design of ``schema`` from its model features' columns: numbers (own units) as floats,
    categories as integer codes into the feature's ``categories``."""

    def __init__(self, schema: Schema, columns: Mapping[str, np.ndarray]) -> None:
        self.schema = schema
        self.columns = columns
        self._rows = len(columns[schema.model_features[0].name])
        self._width = len(schema.design_columns())

    @property
    def rows(self) -> int:
        return self._rows

    @property
    def width(self) -> int:
        return self._width

    def take(self, rows: np.ndarray | slice) -> np.ndarray:
        picked = {feature.name: self.columns[feature.name][rows] for feature in self.schema.model_features}
        count = len(next(iter(picked.values())))
        out = np.zeros((count, self._width))
        for feature, block in self.schema.blocks():
            values = picked[feature.name]
            if feature.categorical:
                out[np.arange(count), block.start + values.astype(np.intp)] = 1.0
            else:
                numbers = np.asarray(values, dtype=np.float64)
                out[:, block.start] = np.log1p(numbers) if feature.transform == LOG else numbers
        return out

    def assign(self, mean: np.ndarray, scale: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, float]:
        """Every row's nearest centre and the summed squared distances, without encoding rows: a
        number adds ``(z - c)^2`` per centre, a category a looked-up term per (category, centre)
        (its one-hot block's squared distance, the same for every row with that category)."""
        k = len(centers)
        labels = np.empty(self._rows, dtype=np.int32)
        inertia = 0.0
        tables = {}
        for feature, block in self.schema.blocks():
            if feature.categorical:
                width = block.stop - block.start
                standardized = (np.eye(width) - mean[block]) / scale[block]  # row v: category v
                offsets = standardized[:, None, :] - centers[None, :, block]
                tables[feature.name] = np.einsum("vkd,vkd->vk", offsets, offsets)
        for start in range(0, self._rows, BLOCK_ROWS):
            rows = slice(start, min(start + BLOCK_ROWS, self._rows))
            squared = np.zeros((rows.stop - rows.start, k))
            for feature, block in self.schema.blocks():
                values = self.columns[feature.name][rows]
                if feature.categorical:
                    squared += tables[feature.name][values.astype(np.intp)]
                else:
                    numbers = np.asarray(values, dtype=np.float64)
                    encoded = np.log1p(numbers) if feature.transform == LOG else numbers
                    z = (encoded - mean[block.start]) / scale[block.start]
                    difference = z[:, None] - centers[:, block.start]
                    squared += difference * difference
            nearest = np.argmin(squared, axis=1)
            labels[rows] = nearest
            inertia += float(np.take_along_axis(squared, nearest[:, None], axis=1).sum())
        return labels, inertia

    def moments(self) -> tuple[np.ndarray, np.ndarray]:
        """Mean and standard deviation of every design column, from the columns themselves
        (a category's column: its share, and the spread of a 0/1 column with that share)."""
        mean = np.zeros(self._width)
        deviation = np.zeros(self._width)
        for feature, block in self.schema.blocks():
            values = self.columns[feature.name]
            if feature.categorical:
                shares = np.bincount(values, minlength=block.stop - block.start) / max(self._rows, 1)
                mean[block] = shares
                deviation[block] = np.sqrt(shares * (1.0 - shares))
            else:
                numbers = np.log1p(values) if feature.transform == LOG else np.asarray(values, np.float64)
                mean[block.start] = numbers.mean()
                deviation[block.start] = numbers.std()
        return mean, deviation


def as_design(values: np.ndarray | Design) -> Design:
    return ArrayDesign(values) if isinstance(values, np.ndarray) else values


def block_scaler(schema: Schema, design: Design) -> tuple[np.ndarray, np.ndarray]:
    """``segcore.schema.fit_scaler`` over every row, without the whole design in memory."""
    mean, deviation = design.moments()
    return mean, scaler_scale(schema, mean, deviation)
