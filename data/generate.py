"""Generate the bundled customer dataset from a documented mixture of personas.

Each persona is a multivariate normal with independent features (means and standard deviations
below), clipped to the ranges of the system this product replaces. The personas are far apart in
standardized space, so K-Means with silhouette-based K selection recovers them.

    python data/generate.py            # writes data/customers.csv and data/customers_personas.csv
    python data/generate.py --rows 20000 --seed 7 --out /tmp/customers.csv

The same mixture is importable (``generate_customers``) for benchmarks and tests that need
more rows than the bundled file has.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DEFAULT_ROWS = 5_000
DEFAULT_SEED = 20_261_123
DATA_DIR = Path(__file__).resolve().parent

# Ranges of the replaced system's table (the API accepts wider ones).
AGE_RANGE = (18, 70)
INCOME_RANGE = (15.0, 150.0)
SPENDING_RANGE = (1, 100)
FREQUENCY_RANGE = (1, 50)

CSV_COLUMNS = ("CustomerID", "Sex", "Age", "Annual_Income", "Spending_Score", "Purchase_Frequency")


@dataclass(frozen=True)
class Persona:
    """One customer persona: its share of the population and (mean, sd) of each feature."""

    name: str
    share: float
    male_share: float
    age: tuple[float, float]
    income: tuple[float, float]
    spending: tuple[float, float]
    frequency: tuple[float, float]


# Named as segcore.naming names the segment each persona becomes.
PERSONAS: tuple[Persona, ...] = (
    Persona("High-Value Customers", 0.20, 0.48, (38, 7), (118, 11), (83, 6), (24, 4)),
    Persona("Budget Shoppers", 0.22, 0.45, (52, 8), (32, 7), (20, 6), (10, 3)),
    Persona("Potential Targets", 0.18, 0.58, (46, 7), (122, 11), (18, 6), (7, 2.5)),
    Persona("Loyal Customers", 0.21, 0.40, (57, 6), (72, 10), (54, 6), (40, 4)),
    Persona("Young Impulsive Spenders", 0.19, 0.52, (24, 3), (34, 7), (82, 6), (23, 4)),
)


@dataclass(frozen=True)
class Customers:
    """Generated customers as column arrays; ``persona`` indexes ``PERSONAS``."""

    persona: np.ndarray
    sex: np.ndarray
    age: np.ndarray
    annual_income: np.ndarray
    spending_score: np.ndarray
    purchase_frequency: np.ndarray

    def feature_matrix(self) -> np.ndarray:
        """(n, 4) float64 matrix in the canonical order age, income, spending, frequency."""
        return np.column_stack(
            [self.age, self.annual_income, self.spending_score, self.purchase_frequency]
        ).astype(np.float64)

    def persona_names(self) -> list[str]:
        return [PERSONAS[index].name for index in self.persona]


def persona_counts(rows: int) -> np.ndarray:
    """Exact persona sizes for ``rows`` customers (largest remainders get the spare rows)."""
    shares = np.array([persona.share for persona in PERSONAS])
    exact = shares / shares.sum() * rows
    counts = np.floor(exact).astype(np.int64)
    spare = rows - int(counts.sum())
    counts[np.argsort(-(exact - counts), kind="stable")[:spare]] += 1
    return counts


def _draw(rng: np.random.Generator, persona_ids: np.ndarray, attribute: str) -> np.ndarray:
    means = np.array([getattr(persona, attribute)[0] for persona in PERSONAS])
    sds = np.array([getattr(persona, attribute)[1] for persona in PERSONAS])
    return rng.normal(means[persona_ids], sds[persona_ids])


def _clipped_integers(values: np.ndarray, bounds: tuple[int, int]) -> np.ndarray:
    return np.clip(np.rint(values), *bounds).astype(np.int64)


def generate_customers(rows: int = DEFAULT_ROWS, seed: int = DEFAULT_SEED) -> Customers:
    """Draw ``rows`` customers from the persona mixture, reproducibly for a given seed."""
    rng = np.random.default_rng(seed)
    persona_ids = rng.permutation(np.repeat(np.arange(len(PERSONAS)), persona_counts(rows)))
    male_share = np.array([persona.male_share for persona in PERSONAS])
    is_male = rng.random(rows) < male_share[persona_ids]
    income = np.clip(np.round(_draw(rng, persona_ids, "income"), 1), *INCOME_RANGE)
    return Customers(
        persona=persona_ids,
        sex=np.where(is_male, "Male", "Female"),
        age=_clipped_integers(_draw(rng, persona_ids, "age"), AGE_RANGE),
        annual_income=income,
        spending_score=_clipped_integers(_draw(rng, persona_ids, "spending"), SPENDING_RANGE),
        purchase_frequency=_clipped_integers(_draw(rng, persona_ids, "frequency"), FREQUENCY_RANGE),
    )


def write_customers_csv(customers: Customers, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        columns = zip(
            customers.sex,
            customers.age.tolist(),
            customers.annual_income.tolist(),
            customers.spending_score.tolist(),
            customers.purchase_frequency.tolist(),
            strict=True,
        )
        for customer_id, (sex, age, income, spending, frequency) in enumerate(columns, start=1):
            writer.writerow([customer_id, sex, age, f"{income:g}", spending, frequency])


def write_personas_csv(customers: Customers, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["CustomerID", "persona"])
        for customer_id, name in enumerate(customers.persona_names(), start=1):
            writer.writerow([customer_id, name])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DATA_DIR / "customers.csv")
    parser.add_argument(
        "--personas-out",
        type=Path,
        default=None,
        help="persona of each customer (default: <out stem>_personas.csv beside --out)",
    )
    args = parser.parse_args()
    customers = generate_customers(args.rows, args.seed)
    personas_out = args.personas_out or args.out.with_name(f"{args.out.stem}_personas.csv")
    write_customers_csv(customers, args.out)
    write_personas_csv(customers, personas_out)
    print(f"wrote {args.rows} customers to {args.out} and their personas to {personas_out}")


if __name__ == "__main__":
    main()
