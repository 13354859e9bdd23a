"""The variances behind the confidence: a shared diagonal Gaussian fitted to the segments by EM.

K-Means gives centres and hard labels; the pooled variance of hard-labelled members is biased
low (each segment is cut off at its Voronoi boundary), and one spherical variance cannot say
that segments are narrow along some columns and wide along others. Both make the posterior
mis-state its confidence. With the centres and shares held fixed, EM fits one variance per
standardized column that maximises the mixture's likelihood:

    r_nk = posterior of segment k for row n under the current variances
    sigma_j^2 = sum_n sum_k r_nk (z_nj - mu_kj)^2 / n

It starts from the K-Means pooled variance and runs on a fixed sample of at most
``SAMPLE_SIZE`` rows until the variances change by less than ``TOLERANCE`` (relative).
bench/bench_calibration.py measures the result.
"""

from __future__ import annotations

import numpy as np

SAMPLE_SIZE = 20_000
MAX_ITERATIONS = 200
TOLERANCE = 1e-7
FLOOR = 1e-12


def tied_diagonal_variances(standardized: np.ndarray, centers: np.ndarray, priors: np.ndarray) -> np.ndarray:
    """One variance per column (length d) of the mixture with fixed ``centers`` and ``priors``.

    Works segment by segment so memory stays O(n d) whatever K.
    """
    n = len(standardized)
    squared = [(standardized - center) ** 2 for center in centers]  # K arrays of (n, d)
    distances = np.stack([rows.sum(axis=1) for rows in squared], axis=1)
    nearest = distances[np.arange(n), distances.argmin(axis=1)]
    variances = np.full(standardized.shape[1], max(float(nearest.mean()) / standardized.shape[1], FLOOR))
    log_priors = np.log(priors)
    for _ in range(MAX_ITERATIONS):
        precision = 1.0 / variances
        logits = np.stack(
            [log_priors[k] - 0.5 * (rows @ precision) for k, rows in enumerate(squared)], axis=1
        )
        logits -= logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        weights /= weights.sum(axis=1, keepdims=True)
        updated = sum(weights[:, k] @ rows for k, rows in enumerate(squared)) / n
        updated = np.maximum(updated, FLOOR)
        converged = bool(np.all(np.abs(updated - variances) <= TOLERANCE * variances))
        variances = updated
        if converged:
            break
    return variances
