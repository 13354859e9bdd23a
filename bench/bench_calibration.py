"""Is the confidence calibrated, and are customers who fit no segment flagged?

    .venv/bin/python bench/bench_calibration.py            # prints and writes bench/calibration.txt
    .venv/bin/python bench/bench_calibration.py --strict   # exit 1 if a target is missed

Method. For each population with known generating segments: draw a training set, train with
the real trainer (``fit_model`` + ``build_document``, automatic K), then draw a fresh test set
from the same generator and score it with the API's scorer (``segcore.scoring``). A test
customer counts as correct when its predicted segment is the one its generating segment
became: the model segment holding most of that generating segment's training members (when
the trainer finds fewer segments than were generated, merged ones share a model segment; when
it finds more, each model segment stands for the generating segment most of its members came
from, and the probabilities of the segments standing for the same generating one are added, so
the confidence is the probability of the generating segment). When the automatic K differs
from the generated count, the population is also measured with the analyst's override ``k``
set to the generated count. Confidences are put in ``BINS`` equal-width bins; the reliability
curve is, per bin, the mean confidence against the share correct, and the expected
calibration error (ECE) is the customer-weighted mean gap between them. Target: ECE < 0.05
on every population.

Out-of-distribution customers, drawn from no segment:
- between: the midpoint of two generating centres, plus noise of a tenth of a standard deviation;
- centre: the population average (the issue's "40 years, 60k, score 50, 15 a year" customer);
- beyond: a generating centre pushed outwards along a random direction to 1.5x the range of
  the training data (so some value leaves the training range).
Reported: the share flagged ``atypical``, the share flagged atypical or between segments
(runner-up at least half as likely as the top segment), and the share of in-distribution test customers
flagged (the false-alarm rate; about 2.5 % by construction plus range misses).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
TRAINING_DIR = ROOT / "training"
RESULTS_FILE = ROOT / "bench" / "calibration.txt"
sys.path[:0] = [str(TRAINING_DIR), str(TRAINING_DIR / "vendor"), str(ROOT)]

from segtrainer.pipeline import TrainingOptions, build_document, fit_model  # noqa: E402

from data.generate import PERSONAS, generate_customers  # noqa: E402
from segcore.quality import BETWEEN_RATIO  # noqa: E402
from segcore.schema import BUNDLED_SCHEMA  # noqa: E402
from segcore.scoring import Scorer  # noqa: E402

BINS = 10
TRAIN_ROWS = 5_000
TEST_ROWS = 20_000
OOD_ROWS = 2_000
TARGET_ECE = 0.05
SEED = 42

# Draws (rows, seed) -> original-unit values (rows x 4 bundled features) and generating segment.
Generator = Callable[[int, int], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class Population:
    name: str
    draw: Generator
    centres: np.ndarray  # generating centres, original units
    spread: np.ndarray  # per-feature standard deviation within a segment, original units


def _personas(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    customers = generate_customers(rows, seed)
    return customers.feature_matrix(), customers.persona


PERSONA_CENTRES = np.array([[p.age[0], p.income[0], p.spending[0], p.frequency[0]] for p in PERSONAS])
PERSONA_SPREAD = np.array(
    [np.mean([getattr(p, name)[1] for p in PERSONAS]) for name in ("age", "income", "spending", "frequency")]
)
# Overlapping populations live on the bundled features' scale: value = offset + unit * u.
OFFSET = np.array([45.0, 70.0, 50.0, 20.0])
UNIT = np.array([8.0, 20.0, 15.0, 6.0])


def _blobs(centres_u: np.ndarray, shares: np.ndarray) -> Generator:
    def draw(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(seed)
        truth = rng.choice(len(centres_u), size=rows, p=shares)
        u = centres_u[truth] + rng.normal(size=(rows, centres_u.shape[1]))
        return OFFSET + UNIT * u, truth

    return draw


# Four segments 3 SD apart on two features (a square), the other two features pure noise.
SQUARE_U = 1.5 * np.array([[1, 1, 0, 0], [1, -1, 0, 0], [-1, 1, 0, 0], [-1, -1, 0, 0]], dtype=float)
# Three segments of unequal size, 3.5 SD apart, spread over all four features.
TRIANGLE_U = (
    np.array([[0, 0, 0, 0], [3.5, 0, 0, 0], [1.75, 3.03, 0, 0]], dtype=float)
    @ (np.linalg.qr(np.random.default_rng(1).normal(size=(4, 4)))[0])
)

POPULATIONS = (
    Population("bundled personas (well separated)", _personas, PERSONA_CENTRES, PERSONA_SPREAD),
    Population(
        "four overlapping segments (3 SD apart)",
        _blobs(SQUARE_U, np.full(4, 0.25)),
        OFFSET + UNIT * SQUARE_U,
        UNIT,
    ),
    Population(
        "three overlapping segments of unequal size (3.5 SD apart)",
        _blobs(TRIANGLE_U, np.array([0.6, 0.3, 0.1])),
        OFFSET + UNIT * TRIANGLE_U,
        UNIT,
    ),
)


@dataclass(frozen=True)
class Result:
    name: str
    k: int
    k_fixed: bool
    true_k: int
    accuracy: float
    ece: float
    curve: list[tuple[float, float, float, int]]  # (bin low, mean confidence, share correct, n)
    flagged_in_distribution: float
    flagged: dict[str, float]
    flagged_or_between: dict[str, float]


def reliability(
    confidence: np.ndarray, correct: np.ndarray
) -> tuple[float, list[tuple[float, float, float, int]]]:
    edges = np.linspace(0.0, 1.0, BINS + 1)
    index = np.clip(np.digitize(confidence, edges[1:-1]), 0, BINS - 1)
    ece = 0.0
    curve = []
    for b in range(BINS):
        members = index == b
        count = int(members.sum())
        if count == 0:
            continue
        mean_confidence = float(confidence[members].mean())
        share_correct = float(correct[members].mean())
        ece += count / len(confidence) * abs(mean_confidence - share_correct)
        curve.append((float(edges[b]), mean_confidence, share_correct, count))
    return ece, curve


def _out_of_distribution(
    population: Population, train: np.ndarray, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    centres = population.centres
    pairs = [(a, b) for a in range(len(centres)) for b in range(a + 1, len(centres))]
    chosen = [pairs[i] for i in rng.integers(len(pairs), size=OOD_ROWS)]
    midpoints = np.array([(centres[a] + centres[b]) / 2 for a, b in chosen])
    between = midpoints + rng.normal(size=midpoints.shape) * population.spread * 0.1
    mean = train.mean(axis=0)
    centre = mean + rng.normal(size=(OOD_ROWS, train.shape[1])) * population.spread * 0.1
    directions = rng.normal(size=(OOD_ROWS, train.shape[1]))
    directions /= np.linalg.norm(directions / (train.max(axis=0) - train.min(axis=0)), axis=1, keepdims=True)
    origin = centres[rng.integers(len(centres), size=OOD_ROWS)]
    beyond = origin + 1.5 * directions
    return {"between two segments": between, "population centre": centre, "beyond the segments": beyond}


def measure(population: Population, k: int | None = None) -> Result:
    train, train_truth = population.draw(TRAIN_ROWS, SEED)
    fitted = fit_model(train, BUNDLED_SCHEMA, TrainingOptions(k=k, seed=SEED))
    doc = build_document(
        fitted, train, version="bench", created_at="1970-01-01T00:00:00Z", dataset_id="bench"
    )
    scorer = Scorer(doc)
    model_k, true_k = len(doc["clusters"]), int(train_truth.max()) + 1
    table = np.zeros((model_k, true_k))
    np.add.at(table, (fitted.labels, train_truth), 1)
    test, test_truth = population.draw(TEST_ROWS, SEED + 1)
    scores = scorer.score_batch(test)
    confidence = scores.confidence
    if model_k <= true_k:
        correct = scores.labels == table.argmax(axis=0)[test_truth]
    else:
        merged = scorer.probabilities(test) @ np.eye(true_k)[table.argmax(axis=1)]  # (n, true_k)
        confidence = merged.max(axis=1)
        correct = merged.argmax(axis=1) == test_truth
    ece, curve = reliability(confidence, correct)
    fit = scorer.fit_batch(test, scores.labels)
    assert fit is not None
    flagged, flagged_or_between = {}, {}
    for kind, rows in _out_of_distribution(population, train, np.random.default_rng(SEED + 2)).items():
        row_scores = scorer.score_batch(rows)
        rows_fit = scorer.fit_batch(rows, row_scores.labels)
        assert rows_fit is not None
        top_two = np.sort(scorer.probabilities(rows), axis=1)[:, -2:]
        between = top_two[:, 0] >= BETWEEN_RATIO * top_two[:, 1]
        flagged[kind] = float(rows_fit.atypical.mean())
        flagged_or_between[kind] = float((rows_fit.atypical | between).mean())
    return Result(
        name=population.name,
        k=model_k,
        k_fixed=k is not None,
        true_k=true_k,
        accuracy=float(correct.mean()),
        ece=ece,
        curve=curve,
        flagged_in_distribution=float(fit.atypical.mean()),
        flagged=flagged,
        flagged_or_between=flagged_or_between,
    )


def measure_all() -> list[Result]:
    results = []
    for population in POPULATIONS:
        automatic = measure(population)
        results.append(automatic)
        if automatic.k != automatic.true_k:
            results.append(measure(population, k=automatic.true_k))
    return results


def report(results: list[Result]) -> tuple[list[str], bool]:
    lines = [
        f"calibration: train {TRAIN_ROWS} rows with the real trainer, score {TEST_ROWS} fresh rows "
        f"with segcore.scoring; {BINS} confidence bins",
    ]
    met = True
    for result in results:
        ok = result.ece < TARGET_ECE
        met = met and ok
        lines.append("")
        lines.append(
            f"{result.name}: K {result.k} ({'analyst k' if result.k_fixed else 'automatic'}; "
            f"generated {result.true_k}), accuracy {result.accuracy:.3f}, "
            f"ECE {result.ece:.4f} -> {'met' if ok else 'MISSED'} (< {TARGET_ECE})"
        )
        lines.append("  reliability: bin      mean confidence  share correct  customers")
        for low, confidence, share, count in result.curve:
            lines.append(
                f"{'':15}{low:.1f}-{low + 1 / BINS:.1f}  {confidence:15.3f}  {share:13.3f}  {count:9d}"
            )
        lines.append(
            f"  in-distribution test customers flagged atypical: {result.flagged_in_distribution:.1%}"
        )
        for kind, share in result.flagged.items():
            lines.append(
                f"  {kind} ({OOD_ROWS}): atypical {share:.1%}, "
                f"atypical or between segments {result.flagged_or_between[kind]:.1%}"
            )
    figures = " ".join(f"ece{index + 1}={result.ece:.4f}" for index, result in enumerate(results))
    lines.append("")
    lines.append(f"bench: {figures}")
    return lines, met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    lines, met = report(measure_all())
    text = "\n".join(lines) + "\n"
    print(text, end="")
    RESULTS_FILE.write_text(text, encoding="utf-8")
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    raise SystemExit(main())
