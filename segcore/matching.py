"""Keep segments stable across retrains: match new clusters to the previous model's.

Centroids are compared in original units divided by the new model's scaler scale (so one unit
is one standard deviation of the new training data), over the features both models use. The
pairing minimises the total distance (Hungarian algorithm, no scipy). A new segment whose
partner moved at most ``MAX_CARRY_SHIFT`` takes over its name (analyst renames included) and,
for a renamed segment, its description; every other segment keeps its generated name, made
unique against the carried ones.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from segcore.document import Cluster, MovedSegment
from segcore.naming import SegmentLabel, make_unique

MAX_CARRY_SHIFT = 1.0


@dataclass(frozen=True)
class SegmentMatch:
    cluster_id: int
    previous_cluster_id: int | None
    centroid_shift: float | None


@dataclass(frozen=True)
class CarriedLabel:
    name: str
    description: str
    renamed: bool


def min_cost_assignment(cost: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Pairs (row, column) of a minimum-cost assignment; rectangular matrices pair
    ``min(rows, columns)`` items. O(n^2 m) shortest augmenting paths with potentials."""
    rows = len(cost)
    columns = len(cost[0]) if rows else 0
    if rows == 0 or columns == 0:
        return []
    if rows > columns:
        transposed = [[cost[r][c] for r in range(rows)] for c in range(columns)]
        return sorted((r, c) for c, r in min_cost_assignment(transposed))
    infinity = math.inf
    row_potential = [0.0] * (rows + 1)
    column_potential = [0.0] * (columns + 1)
    owner = [0] * (columns + 1)  # owner[c] = 1-based row assigned to column c; column 0 is virtual
    previous_column = [0] * (columns + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        current = 0
        slack = [infinity] * (columns + 1)
        visited = [False] * (columns + 1)
        while owner[current] != 0:
            visited[current] = True
            current_row = owner[current]
            delta = infinity
            next_column = 0
            for column in range(1, columns + 1):
                if visited[column]:
                    continue
                reduced = (
                    cost[current_row - 1][column - 1] - row_potential[current_row] - column_potential[column]
                )
                if reduced < slack[column]:
                    slack[column] = reduced
                    previous_column[column] = current
                if slack[column] < delta:
                    delta = slack[column]
                    next_column = column
            for column in range(columns + 1):
                if visited[column]:
                    row_potential[owner[column]] += delta
                    column_potential[column] -= delta
                else:
                    slack[column] -= delta
            current = next_column
        while current != 0:
            before = previous_column[current]
            owner[current] = owner[before]
            current = before
    return sorted((owner[c] - 1, c - 1) for c in range(1, columns + 1) if owner[c] != 0)


def match_segments(
    centroids: Sequence[Mapping[str, float]],
    previous_centroids: Sequence[Mapping[str, float]],
    scale: Mapping[str, float],
) -> list[SegmentMatch]:
    """Match new ``centroids`` to ``previous_centroids`` (original units, keyed by feature)."""
    common = [
        feature
        for feature in scale
        if all(feature in centroid for centroid in (*centroids, *previous_centroids))
    ]
    matches = {index: SegmentMatch(index, None, None) for index in range(len(centroids))}
    if not common or not previous_centroids:
        return list(matches.values())
    distances = [
        [math.sqrt(sum(((new[f] - old[f]) / scale[f]) ** 2 for f in common)) for old in previous_centroids]
        for new in centroids
    ]
    for new_index, old_index in min_cost_assignment(distances):
        matches[new_index] = SegmentMatch(new_index, old_index, distances[new_index][old_index])
    return list(matches.values())


def carry_labels(
    labels: Sequence[SegmentLabel],
    profiles: Sequence[Mapping[str, float]],
    matches: Sequence[SegmentMatch],
    previous_clusters: Sequence[Cluster],
    *,
    max_shift: float = MAX_CARRY_SHIFT,
) -> tuple[list[CarriedLabel], list[MovedSegment]]:
    """Final labels of the new segments and how each moved against the previous model.

    ``labels`` are the generated ones and ``profiles`` the z-score centroids used to make
    colliding generated names unique.
    """
    carried: list[Cluster | None] = [
        previous_clusters[m.previous_cluster_id]
        if m.previous_cluster_id is not None
        and m.centroid_shift is not None
        and m.centroid_shift <= max_shift
        else None
        for m in matches
    ]
    names = make_unique(
        [cluster["name"] if cluster else None for cluster in carried],
        profiles,
        [label.name for label in labels],
    )
    final = []
    for name, label, cluster in zip(names, labels, carried, strict=True):
        analyst_edited = bool(cluster and cluster["renamed"])
        description = cluster["description"] if cluster and analyst_edited else label.description
        final.append(CarriedLabel(name=name, description=description, renamed=analyst_edited))
    moved: list[MovedSegment] = [
        {
            "cluster_id": match.cluster_id,
            "name": final[match.cluster_id].name,
            "previous_cluster_id": match.previous_cluster_id,
            "previous_name": (
                previous_clusters[match.previous_cluster_id]["name"]
                if match.previous_cluster_id is not None
                else None
            ),
            "centroid_shift": match.centroid_shift,
        }
        for match in matches
    ]
    return final, moved
