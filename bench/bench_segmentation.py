"""Segmentation benchmarks, each against the baseline it replaces, measured in one run.

    .venv/bin/python bench/bench_segmentation.py            # prints and writes bench/results.txt
    .venv/bin/python bench/bench_segmentation.py --strict   # exit 1 if a target is missed

Baseline (the replaced system's approach, run here by the bench itself): scikit-learn
StandardScaler + KMeans(n_init=10) for every K in 2..10 with the silhouette on all rows; per
request ``scaler.transform`` + ``kmeans.predict``.

Each measurement runs in its own Python process (clean memory figures, and the trainer's
``chalicelib`` never meets the API's). To add one, write a function returning a
``Measurement`` and append it to ``MEASUREMENTS``; its figures join the final ``bench:`` line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from peak_memory import peak_mb

ROOT = Path(__file__).resolve().parents[1]
TRAINING_DIR = ROOT / "training"
RESULTS_FILE = ROOT / "bench" / "results.txt"

SEED = 42
BASELINE_K_RANGE = range(2, 11)
BASELINE_N_INIT = 10
LARGE_ROWS = 1_000_000
SINGLE_PREDICTIONS = 2_000
BATCH_REPEATS = 5


@dataclass
class Measurement:
    figures: dict[str, str]  # key -> formatted value, in the order of the bench: line
    checks: list[tuple[str, bool]] = field(default_factory=list)  # (target, met)
    details: list[str] = field(default_factory=list)  # lines shown above the bench: line


# ---- workers: run in a child process -----------------------------------------------------


def _use_trainer_modules() -> None:
    """Import path as in the trainer's Lambda package (training/ and its vendor/ first)."""
    sys.path[:0] = [str(TRAINING_DIR), str(TRAINING_DIR / "vendor"), str(ROOT)]


def _bundled_matrix() -> Any:
    from data.generate import generate_customers

    return generate_customers().feature_matrix()


def baseline_training(values: Any) -> tuple[int, float]:
    """The replaced approach: KMeans(n_init=10) per K, silhouette on all rows; best K."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import StandardScaler

    standardized = StandardScaler().fit_transform(values)
    scores = {}
    for k in BASELINE_K_RANGE:
        labels = KMeans(n_clusters=k, n_init=BASELINE_N_INIT, random_state=SEED).fit_predict(standardized)
        scores[k] = float(silhouette_score(standardized, labels))
    best = max(scores, key=scores.__getitem__)
    return best, scores[best]


def _train(values: Any) -> Any:
    from segtrainer.pipeline import TrainingOptions, build_document, fit_model

    from segcore.schema import BUNDLED_SCHEMA

    fitted = fit_model(values, BUNDLED_SCHEMA, TrainingOptions(seed=SEED))
    return build_document(
        fitted, values, version="bench", created_at="1970-01-01T00:00:00Z", dataset_id="bench"
    )


def worker_train_5k() -> dict[str, Any]:
    from threadpoolctl import threadpool_limits

    values = _bundled_matrix()
    _train(values)  # warm-up: first-call costs are not training
    ours = []
    for _ in range(3):
        started = time.perf_counter()
        doc = _train(values)
        ours.append(time.perf_counter() - started)
    started = time.perf_counter()
    baseline_k, baseline_silhouette = baseline_training(values)
    baseline_seconds = time.perf_counter() - started
    with threadpool_limits(limits=1):
        started = time.perf_counter()
        baseline_training(values)
        baseline_one_thread = time.perf_counter() - started
    return {
        "ours_s": statistics.median(ours),
        "ours_k": len(doc["clusters"]),
        "ours_silhouette": doc["metrics"]["silhouette_score"],
        "baseline_s": baseline_seconds,
        "baseline_one_thread_s": baseline_one_thread,
        "baseline_k": baseline_k,
        "baseline_silhouette": baseline_silhouette,
    }


def worker_train_large(csv_path: str) -> dict[str, Any]:
    """From CSV text to the model document, as the trainer Lambda does after reading S3."""
    from segtrainer.dataset import parse_dataset

    started = time.perf_counter()
    dataset = parse_dataset(Path(csv_path).read_text(encoding="utf-8"))
    parsed = time.perf_counter()
    doc = _train(dataset.values)
    finished = time.perf_counter()
    return {
        "rows": dataset.rows,
        "seconds": finished - started,
        "parse_s": parsed - started,
        "train_s": finished - parsed,
        "k": len(doc["clusters"]),
        "silhouette": doc["metrics"]["silhouette_score"],
        "peak_mb": peak_mb(),
    }


def worker_predict() -> dict[str, Any]:
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler

    from data.generate import generate_customers
    from segcore.document import loads
    from segcore.features import NUMERIC_FEATURES
    from segcore.scoring import Scorer

    values = _bundled_matrix()
    scorer = Scorer(loads(json.dumps(_train(values))))
    scaler = StandardScaler().fit(values)
    kmeans = KMeans(n_clusters=scorer.n_clusters, n_init=BASELINE_N_INIT, random_state=SEED)
    kmeans.fit(scaler.transform(values))
    records = [dict(zip(NUMERIC_FEATURES, row, strict=True)) for row in values.tolist()]
    records = records[:SINGLE_PREDICTIONS]

    def per_call(predict: Callable[[dict[str, float]], object]) -> float:
        predict(records[0])
        started = time.perf_counter()
        for record in records:
            predict(record)
        return (time.perf_counter() - started) / len(records)

    def baseline_predict(record: dict[str, float]) -> object:
        row = np.array([[record[name] for name in NUMERIC_FEATURES]])
        return kmeans.predict(scaler.transform(row))

    baseline_s = per_call(baseline_predict)
    ours_s = per_call(scorer.classify_one)
    explained_s = per_call(scorer.predict_one)

    large = generate_customers(LARGE_ROWS, seed=SEED).feature_matrix()
    batch_times = []
    for _ in range(BATCH_REPEATS):
        started = time.perf_counter()
        scores = scorer.score_batch(large)
        batch_times.append(time.perf_counter() - started)
    started = time.perf_counter()
    kmeans.predict(scaler.transform(large))
    sklearn_batch_s = time.perf_counter() - started
    return {
        "baseline_us": baseline_s * 1e6,
        "ours_us": ours_s * 1e6,
        "explained_us": explained_s * 1e6,
        "batch_s": statistics.median(batch_times),
        "batch_rows": int(scores.labels.size),
        "sklearn_batch_s": sklearn_batch_s,
    }


WORKERS: dict[str, Callable[..., dict[str, Any]]] = {
    "train_5k": worker_train_5k,
    "train_large": worker_train_large,
    "predict": worker_predict,
}


# ---- customer data: reader, profile, train, scoring jobs ---------------------------------------

CRM_ROWS = int(os.environ.get("BENCH_CRM_ROWS", "10000000"))
CRM_CACHE = ROOT / "build" / "bench"
CRM_NUMERIC = ("tenure_months", "orders_12m", "avg_basket", "days_since_order", "support_tickets")
CRM_CATEGORICAL = ("channel", "region", "plan")


class FolderS3:
    """The S3 calls the trainer makes, served from a local folder (the bench measures the trainer's
    shipped code, not an S3 stand-in's memory). Each job status written is timed: its stages
    give the read and train times. Job records are compare-and-swap on the ETag
    (``segcore.records``), so objects carry S3's ETag (the body's MD5) and a PUT honours
    ``IfMatch``/``IfNoneMatch`` with S3's 412."""

    class _Events:
        """``segcore.records`` registers botocore hooks to send conditions an old SDK lacks; this
        client takes them as arguments, so there is nothing to hook."""

        def register(self, *_: Any, **__: Any) -> None:
            return None

    def __init__(self, root: Path) -> None:
        self.root = root
        self.stages: list[tuple[float, float, str]] = []  # (wall clock, CPU time, stage)
        self.meta = SimpleNamespace(events=FolderS3._Events())

    def _path(self, key: str) -> Path:
        return self.root / key

    def _error(self, code: str, operation: str) -> Exception:
        from botocore.exceptions import ClientError

        return ClientError({"Error": {"Code": code, "Message": code}}, operation)

    @staticmethod
    def _etag(path: Path) -> str:
        digest = hashlib.md5(usedforsecurity=False)
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
        return f'"{digest.hexdigest()}"'

    def get_object(self, Bucket: str, Key: str) -> dict[str, Any]:
        path = self._path(Key)
        if not path.exists():
            raise self._error("NoSuchKey", "GetObject")
        # Only records are read whole; a dataset is streamed and its ETag never asked for.
        etag = self._etag(path) if path.suffix == ".json" else '"-"'
        return {"Body": _FileBody(path), "ETag": etag}

    def head_object(self, Bucket: str, Key: str) -> dict[str, Any]:
        path = self._path(Key)
        if not path.exists():
            raise self._error("NoSuchKey", "HeadObject")
        return {"ContentLength": path.stat().st_size}

    def put_object(
        self,
        Bucket: str,
        Key: str,
        Body: bytes,
        ContentType: str,
        IfMatch: str | None = None,
        IfNoneMatch: str | None = None,
    ) -> dict[str, Any]:
        path = self._path(Key)
        if IfNoneMatch == "*" and path.exists():
            raise self._error("PreconditionFailed", "PutObject")
        if IfMatch is not None and (not path.exists() or self._etag(path) != IfMatch):
            raise self._error("PreconditionFailed", "PutObject")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(Body)
        if Key.startswith("jobs/"):
            stage = json.loads(Body).get("stage")
            if not self.stages or self.stages[-1][2] != stage:
                self.stages.append((time.perf_counter(), time.process_time(), str(stage)))
        return {"ETag": self._etag(path)}


class _FileBody:
    def __init__(self, path: Path) -> None:
        self._path = path

    def read(self) -> bytes:
        return self._path.read_bytes()

    def iter_chunks(self, chunk_size: int) -> Any:
        with self._path.open("rb") as handle:
            while block := handle.read(chunk_size):
                yield block


CRM_BUCKET = "bench"
CRM_DATASET = "crm"


def worker_profile(folder: str) -> dict[str, Any]:
    """The trainer's profile task on the dataset in ``folder`` (segtrainer.profile_task)."""
    from datetime import UTC, datetime

    from segtrainer.profile_task import run_profile
    from segtrainer.storage import ArtifactStore

    from segcore.layout import dataset_meta_key

    store = ArtifactStore(FolderS3(Path(folder)), CRM_BUCKET)
    store.put_json(dataset_meta_key(CRM_DATASET), {"dataset_id": CRM_DATASET, "status": "profiling"})
    started, cpu = time.perf_counter(), time.process_time()
    record = run_profile({"dataset_id": CRM_DATASET}, store=store, clock=lambda: datetime.now(UTC))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if record["status"] != "ready":
        raise RuntimeError(f"profiling failed: {record.get('error')}")
    return {
        "rows": record["rows"],
        "columns": len(record["columns"]),
        "seconds": seconds,
        "cpu_s": cpu,
        "peak_mb": peak_mb(),
    }


def worker_train_job(folder: str) -> dict[str, Any]:
    """The trainer's training job (segtrainer.jobs.run_job) on the profile's suggested features."""
    from segtrainer.jobs import run_job
    from segtrainer.settings import Settings

    from segcore.layout import dataset_meta_key, model_document_key

    client = FolderS3(Path(folder))
    record = json.loads((Path(folder) / dataset_meta_key(CRM_DATASET)).read_bytes())
    columns = {column["name"]: column for column in record["columns"]}
    features = [
        {"name": name, "type": columns[name]["type"]}
        | ({"transform": "log"} if columns[name].get("suggested_transform") == "log" else {})
        for name in record["features"]
    ]
    event = {"job_id": "bench-job", "dataset_id": CRM_DATASET, "features": features, "seed": SEED}
    started, cpu = time.perf_counter(), time.process_time()
    status = run_job(event, s3_client=client, settings=Settings(CRM_BUCKET, "us-east-1", None))
    finished, cpu_end = time.perf_counter(), time.process_time()
    if status["status"] != "succeeded":
        raise RuntimeError(f"training failed: {status.get('error')}")
    scaling, scaling_cpu = next((wall, used) for wall, used, stage in client.stages if stage == "scaling")
    doc = json.loads((Path(folder) / model_document_key(status["model_version"])).read_bytes())
    return {
        "rows": status["metrics"]["rows"],
        "features": len(features),
        "categorical": sum(1 for f in features if f["type"] == "categorical"),
        "read_s": scaling - started,
        "train_s": finished - scaling,
        "seconds": finished - started,
        "read_cpu_s": scaling_cpu - cpu,
        "train_cpu_s": cpu_end - scaling_cpu,
        "k": status["metrics"]["n_clusters"],
        "width": len(doc["scaler"]["mean"]),
        "fit_rows": doc["k_selection"]["fit_sample_size"],
        "peak_mb": peak_mb(),
    }


def worker_reader(csv_path: str) -> dict[str, Any]:
    """The trainer's old row-by-row CSV validation against segcore.table on the same file."""
    import numpy as np
    from segtrainer.dataset import parse_dataset

    from segcore.features import NUMERIC_FEATURES
    from segcore.table import file_blocks, read_columns

    started = time.perf_counter()
    columns = read_columns(file_blocks(csv_path), dict.fromkeys(NUMERIC_FEATURES, "numeric"))  # type: ignore[arg-type]
    ours = time.perf_counter() - started
    started = time.perf_counter()
    np.loadtxt(csv_path, delimiter=",", skiprows=1, usecols=(2, 3, 4, 5))
    loadtxt = time.perf_counter() - started
    started = time.perf_counter()
    old = parse_dataset(Path(csv_path).read_text(encoding="utf-8"))
    baseline = time.perf_counter() - started
    same = bool(np.array_equal(np.column_stack([columns.numeric[n] for n in NUMERIC_FEATURES]), old.values))
    return {"rows": columns.rows, "ours_s": ours, "loadtxt_s": loadtxt, "baseline_s": baseline, "same": same}


def worker_scoring_job(csv_path: str) -> dict[str, Any]:
    """A scoring job's work on a file: parse, validate, score, write every row with its segment."""
    from segtrainer.score_task import score_blocks

    from segcore.features import parse_csv
    from segcore.table import file_blocks

    doc = _train(_bundled_matrix())
    written = [0]

    def sink(data: bytes) -> None:
        written[0] += len(data)

    started = time.perf_counter()
    rows, failed, _ = score_blocks(doc, file_blocks(csv_path), sink)
    ours = time.perf_counter() - started
    sample = "\n".join(Path(csv_path).read_text(encoding="utf-8").splitlines()[:100_001]) + "\n"
    started = time.perf_counter()
    parsed = parse_csv(sample)
    baseline_rows = len(parsed.rows) + len(parsed.errors)
    baseline = time.perf_counter() - started
    return {
        "rows": rows,
        "failed": failed,
        "seconds": ours,
        "rows_per_s": rows / ours,
        "baseline_rows_per_s": baseline_rows / baseline,
        "output_mb": written[0] / 1e6,
        "peak_mb": peak_mb(),
    }


WORKERS.update(
    profile=worker_profile, train_job=worker_train_job, reader=worker_reader, scoring_job=worker_scoring_job
)


def run_worker(name: str, *args: str) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", name, *args]
    completed = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if completed.returncode != 0:
        raise RuntimeError(f"bench worker {name} failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# ---- measurements: run in the parent --------------------------------------------------------


def measure_training_5k() -> Measurement:
    result = run_worker("train_5k")
    speedup = result["baseline_s"] / result["ours_s"]
    speedup_one_thread = result["baseline_one_thread_s"] / result["ours_s"]
    silhouette_gap = abs(result["ours_silhouette"] - result["baseline_silhouette"])
    return Measurement(
        figures={"train5k_speedup": f"{speedup:.1f}x", "train5k_k": str(result["ours_k"])},
        checks=[
            ("automatic-K training on 5,000 rows >= 10x faster", speedup >= 10),
            ("same K as the baseline", result["ours_k"] == result["baseline_k"]),
            ("silhouette within 0.02 of the baseline", silhouette_gap <= 0.02),
        ],
        details=[
            f"train 5k rows: ours {result['ours_s']:.3f} s (median of 3), baseline "
            f"{result['baseline_s']:.2f} s -> {speedup:.1f}x (baseline limited to one thread: "
            f"{result['baseline_one_thread_s']:.2f} s -> {speedup_one_thread:.1f}x)",
            f"train 5k rows: K ours {result['ours_k']} / baseline {result['baseline_k']}, "
            f"silhouette ours {result['ours_silhouette']:.4f} (2,000-row sample) / baseline "
            f"{result['baseline_silhouette']:.4f} (all rows)",
        ],
    )


def measure_training_1m() -> Measurement:
    sys.path.insert(0, str(ROOT))
    from data.generate import generate_customers, write_customers_csv

    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "customers.csv"
        write_customers_csv(generate_customers(LARGE_ROWS, seed=SEED), csv_path)
        result = run_worker("train_large", str(csv_path))
    return Measurement(
        figures={
            "train1m_s": f"{result['seconds']:.1f}",
            "train1m_peak_mb": f"{result['peak_mb']:.0f}",
        },
        checks=[
            ("automatic-K training on 1,000,000 rows < 60 s", result["seconds"] < 60),
            ("its peak memory < 2 GB", result["peak_mb"] < 2048),
        ],
        details=[
            f"train {result['rows']:,} rows from CSV text: {result['seconds']:.1f} s "
            f"(parse and validate {result['parse_s']:.1f} s, train {result['train_s']:.1f} s), "
            f"K {result['k']}, silhouette {result['silhouette']:.4f}, "
            f"peak RSS {result['peak_mb']:.0f} MB",
        ],
    )


def measure_prediction() -> Measurement:
    result = run_worker("predict")
    speedup = result["baseline_us"] / result["ours_us"]
    return Measurement(
        figures={"predict_speedup": f"{speedup:.0f}x", "batch1m_s": f"{result['batch_s']:.3f}"},
        checks=[
            ("one prediction's arithmetic >= 30x faster than scikit-learn", speedup >= 30),
            ("1,000,000 rows scored in < 0.5 s", result["batch_s"] < 0.5),
        ],
        details=[
            f"one prediction: ours {result['ours_us']:.1f} us (segment + probabilities; with "
            f"explanation and point {result['explained_us']:.1f} us), scikit-learn transform + "
            f"predict {result['baseline_us']:.0f} us -> {speedup:.0f}x",
            f"batch: {result['batch_rows']:,} rows scored (segment + confidence) in "
            f"{result['batch_s']:.3f} s (median of {BATCH_REPEATS}); scikit-learn transform + "
            f"predict (segment only) {result['sklearn_batch_s']:.3f} s",
        ],
    )


def measure_api() -> Measurement:
    from bench_api import PREDICTIONS, run_api_bench

    result = run_api_bench()
    return Measurement(
        figures={
            "coldstart_s": f"{result['coldstart_s']:.2f}",
            "predict_p50_ms": f"{result['p50_ms']:.1f}",
            "predict_p95_ms": f"{result['p95_ms']:.1f}",
        },
        checks=[
            ("import app.py + first /predict (model read from S3) < 1 s", result["coldstart_s"] < 1),
            ("importing app.py loads no sklearn, scipy or pandas", not result["forbidden_imports"]),
        ],
        details=[
            f"API cold start: import app.py {result['import_s']:.2f} s + first /predict "
            f"{result['first_predict_s']:.2f} s (reads the model from S3 on a moto server)",
            f"/predict through chalice's test client against a moto server, {PREDICTIONS} calls: "
            f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms",
        ],
    )


PACKAGE_RUNS = 5
# main before the cold-start work of issue 13 (services, botocore, numpy loaded at import; the
# package already shipped bytecode): its code in the same package, compiled the same way, same run.
PACKAGE_BASELINE = "340e561"
API_BUDGET_MB = 60.0


def measure_package() -> Measurement:
    """Cold start of the API zip from `make package`, run as Lambda runs it (local/lambda_check.py)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "local.lambda_check",
            "--bench",
            str(PACKAGE_RUNS),
            "--baseline",
            PACKAGE_BASELINE,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"lambda_check failed (run `make package` first):\n{done.stdout}\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    ours, base = result["package"], result["baseline"]
    zip_path = ROOT / "build" / "package" / "api" / "deployment.zip"
    with zipfile.ZipFile(zip_path) as archive:
        unzipped_mb = sum(i.file_size for i in archive.infolist()) / 1e6
    zipped_mb = zip_path.stat().st_size / 1e6
    total_speedup = (base["import_s"] + base["first_predict_s"]) / (
        ours["import_s"] + ours["first_predict_s"]
    )
    return Measurement(
        figures={
            "pkg_import_s": f"{ours['import_s']:.2f}",
            "pkg_first_predict_s": f"{ours['first_predict_s']:.3f}",
            "pkg_import_speedup": f"{base['import_s'] / ours['import_s']:.1f}x",
            "api_package_mb": f"{unzipped_mb:.1f}",
        },
        checks=[
            ("packaged API: import < 0.4 s", ours["import_s"] < 0.4),
            ("packaged API: first /predict after the import < 0.1 s", ours["first_predict_s"] < 0.1),
            (f"API package <= {API_BUDGET_MB:.0f} MB unzipped", unzipped_mb <= API_BUDGET_MB),
        ],
        details=[
            f"packaged API as Lambda runs it (clean Python, runtime SDK only, read-only, moto), median of "
            f"{PACKAGE_RUNS} fresh containers: import {ours['import_s']:.2f} s, first /predict "
            f"{ours['first_predict_s']:.3f} s; {PACKAGE_BASELINE}'s code in the same package: import "
            f"{base['import_s']:.2f} s, first /predict {base['first_predict_s']:.3f} s "
            f"-> import {base['import_s'] / ours['import_s']:.1f}x faster, import + first /predict "
            f"{total_speedup:.1f}x",
            f"API package: {unzipped_mb:.1f} MB unzipped ({zipped_mb:.1f} MB zipped) of the "
            f"{API_BUDGET_MB:.0f} MB budget",
            *result["lines"],
        ],
    )


def _crm_file(rows: int) -> Path:
    """The generated CRM export, kept in build/bench/ (deterministic by seed) between runs."""
    sys.path.insert(0, str(ROOT))
    from data.generate_crm import write

    CRM_CACHE.mkdir(parents=True, exist_ok=True)
    path = CRM_CACHE / f"crm-{rows}-seed7.csv"
    if not path.exists():
        partial = path.with_suffix(".partial")
        write(partial, rows)
        partial.rename(path)
    return path


def _bundled_file(rows: int, folder: str) -> Path:
    sys.path.insert(0, str(ROOT))
    from data.generate import generate_customers, write_customers_csv

    path = Path(folder) / "customers.csv"
    write_customers_csv(generate_customers(rows, seed=SEED), path)
    return path


def measure_profile_train() -> Measurement:
    """The trainer's profile task, then its training job on the suggested features, each in its
    own process (as two Lambda invocations), on the same file."""
    with tempfile.TemporaryDirectory() as folder:
        dataset = Path(folder) / "datasets" / CRM_DATASET / "data.csv"
        dataset.parent.mkdir(parents=True)
        dataset.symlink_to(_crm_file(CRM_ROWS).resolve())
        profile = run_worker("profile", folder)
        train = run_worker("train_job", folder)
    seconds = profile["seconds"] + train["seconds"]
    cpu = profile["cpu_s"] + train["read_cpu_s"] + train["train_cpu_s"]
    peak = max(profile["peak_mb"], train["peak_mb"])
    return Measurement(
        figures={
            "profile_train_s": f"{seconds:.1f}",
            "profile_train_cpu_s": f"{cpu:.1f}",
            "profile_train_peak_mb": f"{peak:.0f}",
        },
        checks=[
            (f"profile + train of {CRM_ROWS:,} rows x 8 columns < 60 s", seconds < 60),
            ("its peak memory < 1.5 GB", peak < 1536),
        ],
        details=[
            f"customer data through the trainer's tasks: {profile['rows']:,} rows x {profile['columns']} "
            f"columns profiled in {profile['seconds']:.1f} s (CPU {profile['cpu_s']:.1f} s; peak RSS "
            f"{profile['peak_mb']:.0f} MB); training job on the {train['features']} suggested features "
            f"({train['categorical']} categorical, {train['width']} design columns): columns read and "
            f"checked in {train['read_s']:.1f} s (CPU {train['read_cpu_s']:.1f} s), K chosen and K-Means "
            f"fitted on {train['fit_rows']:,} sampled rows, every row assigned, document written in "
            f"{train['train_s']:.1f} s (CPU {train['train_cpu_s']:.1f} s; K={train['k']}); peak RSS "
            f"{train['peak_mb']:.0f} MB",
            f"profile + train: {seconds:.1f} s wall clock, {cpu:.1f} s of CPU (one core; the wall clock "
            f"is about the CPU time on an idle machine, more when the 2 cores are shared; load average "
            f"{os.getloadavg()[0]:.1f})",
        ],
    )


def measure_reader() -> Measurement:
    with tempfile.TemporaryDirectory() as folder:
        result = run_worker("reader", str(_bundled_file(LARGE_ROWS, folder)))
    speedup = result["baseline_s"] / result["ours_s"]
    return Measurement(
        figures={"reader_speedup": f"{speedup:.1f}x"},
        checks=[("segcore.table reads the same numbers as the old validator", result["same"])],
        details=[
            f"CSV reader, {result['rows']:,} rows x 4 numbers: segcore.table {result['ours_s']:.2f} s, "
            f"old row-by-row validation {result['baseline_s']:.1f} s -> {speedup:.1f}x "
            f"(numpy.loadtxt, no validation: {result['loadtxt_s']:.2f} s)",
        ],
    )


def measure_scoring_job() -> Measurement:
    with tempfile.TemporaryDirectory() as folder:
        result = run_worker("scoring_job", str(_bundled_file(LARGE_ROWS, folder)))
    speedup = result["rows_per_s"] / result["baseline_rows_per_s"]
    return Measurement(
        figures={"scoring_rows_per_s": f"{result['rows_per_s']:.0f}"},
        checks=[("a scoring job scores every row", result["failed"] == 0)],
        details=[
            f"scoring job: {result['rows']:,} rows parsed, scored and written ({result['output_mb']:.0f} MB) "
            f"in {result['seconds']:.1f} s = {result['rows_per_s']:,.0f} rows/s; the batch endpoint's "
            f"CSV validation alone: {result['baseline_rows_per_s']:,.0f} rows/s -> {speedup:.1f}x; "
            f"peak RSS {result['peak_mb']:.0f} MB",
        ],
    )


MEASUREMENTS: list[Callable[[], Measurement]] = [
    measure_training_5k,
    measure_training_1m,
    measure_prediction,
    measure_api,
    measure_package,
    measure_reader,
    measure_profile_train,
    measure_scoring_job,
]


def main() -> int:
    parser = argparse.ArgumentParser(description="Segmentation benchmarks.")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--only", help="run the measurements whose name contains this (results not saved)")
    args = parser.parse_args()
    if args.worker:
        _use_trainer_modules()
        name, *worker_args = args.worker
        print(json.dumps(WORKERS[name](*worker_args)))
        return 0

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [f"machine: {os.cpu_count()} cores, load average {load}, Python {sys.version.split()[0]}"]
    figures: dict[str, str] = {}
    missed = []
    chosen = [m for m in MEASUREMENTS if not args.only or args.only in m.__name__]
    for measure in chosen:
        measurement = measure()
        figures.update(measurement.figures)
        lines.extend(measurement.details)
        for target, met in measurement.checks:
            lines.append(f"{'met   ' if met else 'MISSED'} {target}")
            if not met:
                missed.append(target)
        print("\n".join(lines[-len(measurement.details) - len(measurement.checks) :]), flush=True)
    final = "bench: " + " ".join(f"{key}={value}" for key, value in figures.items())
    lines.append(final)
    print(final)
    if not args.only:
        RESULTS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
