"""Generate a CRM-like customer export: an id, numbers and categories, from a persona mixture.

Columns: ``customer_id`` (``C0000001``), ``signup_date`` (ISO), five numbers (``tenure_months``,
``orders_12m``, ``avg_basket`` (skewed, money), ``days_since_order``, ``support_tickets``)
and three categories (``channel``, ``region``, ``plan``). Four personas differ in their numbers
and in their channel/plan mix; region is noise. Written in blocks, so any size fits in memory.

    python data/generate_crm.py --rows 1000000 --out /tmp/crm.csv [--delimiter ';'] [--seed 7]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

NUMERIC_COLUMNS = ("tenure_months", "orders_12m", "avg_basket", "days_since_order", "support_tickets")
CATEGORICAL_COLUMNS = ("channel", "region", "plan")
HEADER = ("customer_id", "signup_date", *NUMERIC_COLUMNS, *CATEGORICAL_COLUMNS)
CHANNELS = ("online", "store", "mixed")
REGIONS = ("North", "South", "East", "West", "Central")
PLANS = ("basic", "plus", "premium")
BLOCK_ROWS = 250_000


@dataclass(frozen=True)
class CrmPersona:
    share: float
    tenure: tuple[float, float]  # months: mean, sd
    orders: float  # Poisson mean per year
    basket_log: tuple[float, float]  # log of the average basket: mean, sd
    recency: float  # exponential mean in days
    tickets: float  # Poisson mean
    channel: tuple[float, float, float]
    plan: tuple[float, float, float]


PERSONAS = (
    CrmPersona(0.35, (60, 12), 24, (3.2, 0.25), 12, 0.5, (0.7, 0.1, 0.2), (0.1, 0.4, 0.5)),  # loyal online
    CrmPersona(0.30, (8, 4), 3, (3.9, 0.3), 90, 1.5, (0.2, 0.7, 0.1), (0.7, 0.25, 0.05)),  # new in store
    CrmPersona(0.20, (30, 10), 8, (4.8, 0.2), 35, 0.3, (0.3, 0.2, 0.5), (0.2, 0.3, 0.5)),  # big baskets
    CrmPersona(0.15, (40, 15), 1, (3.0, 0.3), 300, 4.0, (0.4, 0.4, 0.2), (0.6, 0.3, 0.1)),  # lapsing
)


def _pick(
    rng: np.random.Generator, labels: np.ndarray, options: tuple[str, ...], weights: list[tuple]
) -> np.ndarray:
    table = np.array([np.cumsum(w) for w in weights])
    draws = rng.random(len(labels))
    index = (draws[:, None] > table[labels]).sum(axis=1)
    return np.array(options)[np.minimum(index, len(options) - 1)]


def _decimal(values: np.ndarray, comma: bool) -> np.ndarray:
    cents = np.round(values * 100).astype(np.int64)
    whole = (cents // 100).astype(str)
    fraction = np.strings.zfill((cents % 100).astype(str), 2)
    return np.strings.add(np.strings.add(whole, "," if comma else "."), fraction)


def blocks(
    rows: int, *, seed: int = 7, delimiter: str = ",", block_rows: int = BLOCK_ROWS
) -> Iterator[bytes]:
    """The file's bytes, header first, in blocks of ``block_rows`` rows."""
    rng = np.random.default_rng(seed)
    shares = np.array([p.share for p in PERSONAS])
    yield (delimiter.join(HEADER) + "\n").encode()
    start = 0
    epoch = np.datetime64("2015-01-01")
    while start < rows:
        n = min(block_rows, rows - start)
        labels = rng.choice(len(PERSONAS), size=n, p=shares)
        p = PERSONAS
        tenure = np.clip(
            rng.normal([x.tenure[0] for x in p], [x.tenure[1] for x in p], (n, len(p)))[np.arange(n), labels],
            1,
            120,
        ).astype(np.int64)
        orders = rng.poisson(np.array([x.orders for x in p])[labels])
        basket = np.exp(
            rng.normal(
                np.array([x.basket_log[0] for x in p])[labels], np.array([x.basket_log[1] for x in p])[labels]
            )
        )
        recency = np.minimum(rng.exponential(np.array([x.recency for x in p])[labels]), 900).astype(np.int64)
        tickets = rng.poisson(np.array([x.tickets for x in p])[labels])
        channel = _pick(rng, labels, CHANNELS, [x.channel for x in p])
        plan = _pick(rng, labels, PLANS, [x.plan for x in p])
        region = np.array(REGIONS)[rng.integers(0, len(REGIONS), n)]
        ids = np.strings.add("C", np.strings.zfill(np.arange(start + 1, start + n + 1).astype(str), 7))
        signup = (epoch + rng.integers(0, 3650, n).astype("timedelta64[D]")).astype(str)
        columns = [
            ids,
            signup,
            tenure.astype(str),
            orders.astype(str),
            _decimal(basket, delimiter == ";"),
            recency.astype(str),
            tickets.astype(str),
            channel,
            region,
            plan,
        ]
        line = columns[0]
        for column in columns[1:]:
            line = np.strings.add(np.strings.add(line, delimiter), column)
        yield ("\n".join(line.tolist()) + "\n").encode()
        start += n


def write(path: Path, rows: int, *, seed: int = 7, delimiter: str = ",") -> Path:
    with open(path, "wb") as handle:
        for block in blocks(rows, seed=seed, delimiter=delimiter):
            handle.write(block)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--delimiter", default=",", choices=[",", ";"])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write(args.out, args.rows, seed=args.seed, delimiter=args.delimiter)


if __name__ == "__main__":
    main()
