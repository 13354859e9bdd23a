"""RFM benchmark: 5,000,000 order lines aggregated and trained, against a plain baseline.

    .venv/bin/python bench/bench_rfm.py            # prints and writes bench/results_rfm.txt
    .venv/bin/python bench/bench_rfm.py --strict   # exit 1 if a target is missed

Targets (issue 12): aggregation + training of 5M order lines under 60 s, peak memory under
1.5 GB. Ours: ``segcore.rfm`` streaming over ``segcore.table`` chunks, then the trainer's
``fit_model`` + ``build_document`` on the RFM schema. Baseline (of our own design, no pandas):
``csv.reader`` row by row, one dict entry per customer (a set of its orders, sums, first and
last dates), dates parsed with ``datetime.strptime`` and cached per distinct text. Both run on
the same generated file, each in its own process (clean peak-memory figures); the baseline's
features are checked against ours.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from peak_memory import peak_mb

ROOT = Path(__file__).resolve().parents[1]
TRAINING_DIR = ROOT / "training"
RESULTS_FILE = ROOT / "bench" / "results_rfm.txt"
# Customers per behaviour: about 5.2 million order lines (segcore.rfm_sample).
COUNTS = {"loyal": 50_000, "one_off": 150_000, "lapsed_big": 20_000, "new": 30_000}
TARGET_SECONDS = 60.0
TARGET_PEAK_MB = 1536.0
SEED = 42


def _use_trainer_modules() -> None:
    sys.path[:0] = [str(TRAINING_DIR), str(TRAINING_DIR / "vendor"), str(ROOT)]


def worker_generate(path: str) -> dict[str, Any]:
    from segcore.rfm_sample import generate_orders

    lines, truth = generate_orders(COUNTS, seed=SEED)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
        handle.write("\n")
    return {"lines": len(lines) - 1, "customers": len(truth), "bytes": Path(path).stat().st_size}


def worker_ours(path: str) -> dict[str, Any]:
    from segtrainer.pipeline import TrainingOptions, build_document, fit_model

    from segcore.rfm import aggregate_source, rfm_schema
    from segcore.table import CsvSource, file_blocks

    started = time.perf_counter()
    result = aggregate_source(CsvSource(file_blocks(path)))
    aggregated = time.perf_counter()
    schema = rfm_schema(result)
    design = schema.encode(result.features)
    fitted = fit_model(design, schema, TrainingOptions(seed=SEED))
    doc = build_document(
        fitted,
        design,
        columns=result.features,
        version="bench",
        created_at="1970-01-01T00:00:00Z",
        dataset_id="bench",
    )
    finished = time.perf_counter()
    return {
        "seconds": finished - started,
        "aggregate_s": aggregated - started,
        "train_s": finished - aggregated,
        "customers": result.customers,
        "lines": result.report["lines"],
        "frequency_total": float(result.features["frequency"].sum()),
        "monetary_total": float(result.features["monetary"].sum()),
        "segments": [cluster["name"] for cluster in doc["clusters"]],
        "peak_mb": peak_mb(),
    }


def worker_baseline(path: str) -> dict[str, Any]:
    """csv module + dicts: the plain way, as a careful engineer would write it without numpy."""
    import csv
    import datetime as dt

    started = time.perf_counter()
    dates: dict[str, float] = {}
    orders: dict[str, dict[str, float]] = {}  # customer -> order -> net amount
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    epoch = dt.datetime(1970, 1, 1)
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        at = {name: index for index, name in enumerate(header)}
        i_order, i_qty, i_date, i_price, i_customer = (
            at["InvoiceNo"],
            at["Quantity"],
            at["InvoiceDate"],
            at["UnitPrice"],
            at["CustomerID"],
        )
        for row in reader:
            customer = row[i_customer]
            if not customer:
                continue
            quantity, price = float(row[i_qty]), float(row[i_price])
            if price == 0:
                continue
            text = row[i_date]
            day = dates.get(text)
            if day is None:
                day = dates[text] = (
                    dt.datetime.strptime(text, "%m/%d/%Y %H:%M") - epoch
                ).total_seconds() / 86400
            spent = orders.setdefault(customer, {})
            spent[row[i_order]] = spent.get(row[i_order], 0.0) + quantity * price
            if quantity > 0:
                if day > last.get(customer, -1e18):
                    last[customer] = day
                if day < first.get(customer, 1e18):
                    first[customer] = day
    reference = max(last.values())
    features = {
        customer: (
            reference - last[customer],
            sum(1 for value in spent.values() if value > 0),
            max(sum(spent.values()), 0.0),
            reference - first[customer],
        )
        for customer, spent in orders.items()
        if customer in last
    }
    finished = time.perf_counter()
    return {
        "seconds": finished - started,
        "customers": len(features),
        "frequency_total": float(sum(f[1] for f in features.values())),
        "monetary_total": float(sum(round(f[2], 2) for f in features.values())),
        "peak_mb": peak_mb(),
    }


WORKERS = {"generate": worker_generate, "ours": worker_ours, "baseline": worker_baseline}


def run_worker(name: str, *args: str) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, __file__, "--worker", name, *args], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"worker {name} failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--worker")
    parser.add_argument("args", nargs="*")
    options = parser.parse_args()
    if options.worker:
        _use_trainer_modules()
        print(json.dumps(WORKERS[options.worker](*options.args)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "orders.csv")
        generated = run_worker("generate", path)
        ours = run_worker("ours", path)
        baseline = run_worker("baseline", path)
    same = (
        ours["customers"] == baseline["customers"]
        and ours["frequency_total"] == baseline["frequency_total"]
        and abs(ours["monetary_total"] - baseline["monetary_total"]) < 0.01 * max(ours["customers"], 1)
    )
    checks = [
        (f"aggregate + train < {TARGET_SECONDS:.0f} s", ours["seconds"] < TARGET_SECONDS),
        (f"peak memory < {TARGET_PEAK_MB:.0f} MB", ours["peak_mb"] < TARGET_PEAK_MB),
        ("baseline's features agree", same),
    ]
    lines = [
        f"file: {generated['lines']:,} order lines, {generated['customers']:,} customers, "
        f"{generated['bytes'] / 1e6:.0f} MB",
        f"ours: {ours['seconds']:.1f} s (aggregate {ours['aggregate_s']:.1f} s, "
        f"train {ours['train_s']:.1f} s), peak {ours['peak_mb']:.0f} MB",
        f"segments: {', '.join(ours['segments'])}",
        f"baseline (csv + dicts, aggregation only): {baseline['seconds']:.1f} s, "
        f"peak {baseline['peak_mb']:.0f} MB",
        f"aggregation speed-up vs baseline: {baseline['seconds'] / ours['aggregate_s']:.1f}x; "
        f"peak memory ratio ours/baseline: {ours['peak_mb'] / baseline['peak_mb']:.2f}",
        *(f"target {target}: {'met' if met else 'MISSED'}" for target, met in checks),
    ]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    RESULTS_FILE.write_text(text, encoding="utf-8")
    return 1 if options.strict and not all(met for _, met in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
