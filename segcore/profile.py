"""Segment profiles a marketer reads: colours, standout features, movement between versions.

All in standardized units (a centroid's value per model column is its z-score against the
training population), so it holds whatever the feature encoding.

- ``color``: one colour per segment from ``PALETTE``, carried across retrains with the name (a
  segment that inherits its predecessor's name inherits its colour), the first unused colour
  otherwise.
- ``standout``: the columns whose centroid lies at least ``STANDOUT_Z`` SD from the population
  mean, strongest first; ``defined_by`` says it in words.
- ``movement``: the new training rows scored by the previous model against their new segment,
  as a matrix (rows: previous segments, columns: new ones).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

import numpy as np

from segcore.features import FEATURES

# Colour-blind-safe first (Okabe-Ito), then distinct Tableau hues; as many as MAX_K (15).
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#8C564B",
    "#7F7F7F",
    "#BCBD22",
    "#332288",
    "#AA4499",
    "#117733",
    "#882255",
    "#44AA99",
    "#999933",
)
STANDOUT_Z = 0.5
MAX_STANDOUT = 4


class Standout(TypedDict):
    feature: str
    label: str
    z: float


def column_label(name: str) -> str:
    spec = FEATURES.get(name)
    return spec.label if spec else name


def assign_colors(inherited: Sequence[str | None]) -> list[str]:
    """Colours for new segments: the inherited one where given, else the first palette colour
    no other segment uses (cycling when there are more segments than colours)."""
    used = {color for color in inherited if color}
    free = [color for color in PALETTE if color not in used]
    result = []
    for index, color in enumerate(inherited):
        if color:
            result.append(color)
        elif free:
            result.append(free.pop(0))
        else:
            result.append(PALETTE[index % len(PALETTE)])
    return result


def standout(
    z_centroid: Sequence[float], columns: Sequence[str], labels: Sequence[str] | None = None
) -> list[Standout]:
    """Columns at least ``STANDOUT_Z`` SD from the population mean, strongest first; ``labels``
    are the columns' words (default: the bundled features' labels)."""
    words = list(labels) if labels is not None else [column_label(name) for name in columns]
    ranked = sorted(
        (
            (name, word, float(z))
            for name, word, z in zip(columns, words, z_centroid, strict=True)
            if abs(z) >= STANDOUT_Z
        ),
        key=lambda item: (-abs(item[2]), item[0]),
    )
    items: list[Standout] = [{"feature": name, "label": word, "z": round(z, 2)} for name, word, z in ranked]
    return items[:MAX_STANDOUT]


def defined_by(items: Sequence[Standout]) -> str:
    """``Defined by higher annual income (+1.6 SD) and lower spending score (-1.3 SD).``"""
    if not items:
        return "Close to the population average on every feature."
    phrases = [
        f"{'higher' if item['z'] > 0 else 'lower'} {item['label'].lower()} ({item['z']:+.1f} SD)"
        for item in items
    ]
    listed = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + f" and {phrases[-1]}"
    return f"Defined by {listed}."


def movement(
    previous_labels: np.ndarray,
    labels: np.ndarray,
    previous_names: Sequence[str],
    names: Sequence[str],
    previous_version: str,
) -> dict[str, Any]:
    """How the training customers moved: ``matrix[i][j]`` customers were in previous segment
    ``i`` (by the previous model) and are in new segment ``j``."""
    table = np.zeros((len(previous_names), len(names)), dtype=np.int64)
    np.add.at(table, (np.asarray(previous_labels), np.asarray(labels)), 1)
    total = int(table.sum())
    same_name = sum(
        int(table[i, j])
        for i, old in enumerate(previous_names)
        for j, new in enumerate(names)
        if old.casefold() == new.casefold()
    )
    return {
        "previous_version": previous_version,
        "previous_names": list(previous_names),
        "names": list(names),
        "matrix": table.tolist(),
        "customers": total,
        "stayed": same_name,
        "moved_share": round(1 - same_name / total, 4) if total else 0.0,
    }


def axis_label(
    component: Sequence[float], columns: Sequence[str], labels: Sequence[str] | None = None
) -> str:
    """What moving along a map axis means: the columns that load on it most, with direction."""
    words = list(labels) if labels is not None else [column_label(name) for name in columns]
    weights = np.asarray(component, dtype=np.float64)
    strongest = float(np.abs(weights).max()) if weights.size else 0.0
    if strongest == 0.0:
        return "no feature"
    order = sorted(range(len(weights)), key=lambda j: (-abs(weights[j]), columns[j]))
    named = [j for j in order if abs(weights[j]) >= 0.5 * strongest][:2]
    return ", ".join(
        f"{'higher' if weights[j] > 0 else 'lower'} {words[j].lower()}" for j in named
    ).capitalize()


def z_profile(z_centroid: Sequence[float], columns: Sequence[str]) -> dict[str, float]:
    return {name: round(float(z), 4) for name, z in zip(columns, z_centroid, strict=True)}
