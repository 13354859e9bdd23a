"""The local stack (`make run`) under load, against the system this product replaces.

    .venv/bin/python bench/bench_local.py            # prints and writes bench/results-local.txt
    .venv/bin/python bench/bench_local.py --strict   # exit 1 if a goal is missed

1. Throughput: 10 closed-loop clients on loopback for 20 s, each signs in once and then calls
   `POST /predict` again and again: predictions/s and p50/p95/p99, for the local stack and, when
   REPLACED_SYSTEM_DIR names its `backend/` folder (FastAPI + SQLite, public repository
   Barento999/customer-segmentation), for that system in the same run. It runs from a copy of
   that folder with REPLACED_SYSTEM_PYTHON (a virtualenv with its requirements.txt plus
   email-validator; default: REPLACED_SYSTEM_DIR/.venv/bin/python), is trained with its own
   `POST /train` when the copy has no model, and listens on a free loopback port. Its code is
   never part of this repository; without REPLACED_SYSTEM_DIR only ours is measured.
2. Growth: one client's `/predict` p50 on a fresh stack and again with 100,000 history
   entries stored (written straight to the stack's DynamoDB, as many users' predictions).
3. Mixed: 50 users for 60 s (sign in, then predict, history, save a profile, list profiles):
   no failure, and `/admin/stats` counts exactly the predictions acknowledged.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.api import STRONG_PASSWORD  # noqa: E402
from tests.support.load import (  # noqa: E402
    Connection,
    LoadResult,
    Timer,
    registered_clients,
    run_clients,
    run_mixed,
    sign_in,
)
from tests.support.stack import LocalStack, free_port  # noqa: E402

RESULTS_FILE = ROOT / "bench" / "results-local.txt"
CUSTOMER = {"sex": "Female", "age": 34, "annual_income": 98.0, "spending_score": 82, "purchase_frequency": 14}
ADMIN_PASSWORD = "bench operator secret phrase 5"
THROUGHPUT_CLIENTS, THROUGHPUT_SECONDS = 10, 20.0
SINGLE_CALLS = 200
HISTORY_ENTRIES = 100_000
MIXED_USERS, MIXED_SECONDS = 50, 60.0
LOAD = f"{THROUGHPUT_CLIENTS} clients x {THROUGHPUT_SECONDS:.0f} s"


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        print(line, flush=True)
        self.lines.append(line)

    def check(self, goal: str, met: bool) -> None:
        self.add(f"{'met   ' if met else 'MISSED'} {goal}")
        if not met:
            self.missed.append(goal)


def summary(result: LoadResult, op: str) -> str:
    return (
        f"{result.rate(op):.1f}/s, p50 {result.percentile_ms(op, 0.50):.0f} ms, "
        f"p95 {result.percentile_ms(op, 0.95):.0f} ms, p99 {result.percentile_ms(op, 0.99):.0f} ms, "
        f"{len(result.latencies[op])} ok, {failures(result)}"
    )


def failures(result: LoadResult) -> str:
    if not result.failures:
        return "0 failed"
    by_kind = Counter(f"{op} {status}" for op, status, _ in result.failures)
    return f"{len(result.failures)} failed ({dict(by_kind)}; first: {str(result.failures[0][2])[:200]})"


def predict_loop(conn: Connection, index: int, timer: Timer) -> None:
    timer("predict", conn, "POST", "/predict", CUSTOMER)


# ---- ours ----------------------------------------------------------------------------------


def single_client_p50(stack: LocalStack) -> float:
    (conn,) = registered_clients(stack.api, 1, "single")
    sign_in(conn)
    for _ in range(10):
        conn.request("POST", "/predict", CUSTOMER)
    latencies = []
    for _ in range(SINGLE_CALLS):
        started = time.perf_counter()
        status, reply = conn.request("POST", "/predict", CUSTOMER)
        latencies.append(time.perf_counter() - started)
        if status != 200:
            raise RuntimeError(f"/predict failed: {status} {reply}")
    latencies.sort()
    return latencies[len(latencies) // 2] * 1000


def store_history(stack: LocalStack, entries: int) -> float:
    """History entries of 1,000 other users, written with BatchWriteItem from 4 threads."""
    from concurrent.futures import ThreadPoolExecutor

    import boto3

    env = stack.aws_env()
    dynamodb = boto3.client(
        "dynamodb",
        endpoint_url=env["AWS_ENDPOINT_URL"],
        region_name=env["AWS_DEFAULT_REGION"],
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    table = f"{env['TABLE_PREFIX']}-history"
    started = time.monotonic()

    def item(n: int) -> dict[str, Any]:
        return {
            "user_id": {"S": f"bench-owner-{n % 1000:04d}"},
            "id": {"S": f"h{n:09d}"},
            "kind": {"S": "single"},
            "customer_data": {"S": '{"age": 40, "annual_income": 60.0, "spending_score": 50}'},
            "cluster": {"N": str(n % 5)},
            "cluster_name": {"S": "Bench"},
            "confidence": {"N": "0.9"},
            "model_version": {"S": "bench"},
            "created_at": {"S": "2026-01-01T00:00:00Z"},
        }

    def write(start: int) -> None:
        pending: dict[str, Any] = {
            table: [{"PutRequest": {"Item": item(n)}} for n in range(start, min(start + 25, entries))]
        }
        while pending:
            pending = dynamodb.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(write, range(0, entries, 25)))
    return time.monotonic() - started


def measure_ours(report: Report, folder: Path) -> dict[str, Any]:
    stack = LocalStack(folder / "ours", admin_password=ADMIN_PASSWORD)
    report.add(f"local stack: started in {stack.start():.1f} s")
    try:
        empty_p50 = single_client_p50(stack)
        connections = registered_clients(stack.api, THROUGHPUT_CLIENTS, "tp")
        for conn in connections:
            sign_in(conn)
        throughput = run_clients(connections, predict_loop, THROUGHPUT_SECONDS)
        report.add(f"ours, {LOAD} /predict: {summary(throughput, 'predict')}")
        seconds = store_history(stack, HISTORY_ENTRIES)
        report.add(f"stored {HISTORY_ENTRIES:,} history entries in {seconds:.1f} s")
        full_p50 = single_client_p50(stack)
        report.add(
            f"one client /predict p50: fresh stack {empty_p50:.1f} ms, with {HISTORY_ENTRIES:,} history "
            f"entries {full_p50:.1f} ms ({full_p50 / empty_p50:.2f}x)"
        )
        mixed = measure_mixed(report, stack)
    finally:
        stack.stop()
    return {"throughput": throughput, "empty_p50": empty_p50, "full_p50": full_p50, **mixed}


def measure_mixed(report: Report, stack: LocalStack) -> dict[str, Any]:
    admin = Connection(stack.api)
    status, login = admin.request("POST", "/auth/login", {"username": "admin", "password": ADMIN_PASSWORD})
    if status != 200:
        raise RuntimeError(f"admin sign-in failed: {status} {login}")
    admin.token = login["access_token"]
    before = admin.request("GET", "/admin/stats")[1]["predictions"]["total"]
    result = run_mixed(registered_clients(stack.api, MIXED_USERS, "mx"), MIXED_SECONDS, CUSTOMER)
    after = admin.request("GET", "/admin/stats")[1]["predictions"]["total"]
    predicted = result.acknowledged["predict"]
    report.add(
        f"mixed, {MIXED_USERS} users x {MIXED_SECONDS:.0f} s: "
        + ", ".join(
            f"{op} {len(result.latencies[op])} (p95 {result.percentile_ms(op, 0.95):.0f} ms)"
            for op in sorted(result.latencies)
        )
        + f"; {failures(result)}; /admin/stats counted {after - before} predictions, "
        + f"{predicted} acknowledged"
    )
    return {"mixed": result, "mixed_counted": after - before}


# ---- the replaced system -------------------------------------------------------------------


def replaced_python(source: Path) -> Path:
    configured = os.environ.get("REPLACED_SYSTEM_PYTHON")
    candidates = (
        [Path(configured)]
        if configured
        else [source / ".venv" / "bin" / "python", source.parent / "venv" / "bin" / "python"]
    )
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise SystemExit(
        f"no Python for the replaced system: set REPLACED_SYSTEM_PYTHON (looked at {candidates})"
    )


def measure_replaced(report: Report, source: Path, folder: Path) -> LoadResult:
    copy = folder / "replaced"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("*.db", "__pycache__", ".venv"))
    port = free_port()
    log = open(folder / "replaced.log", "wb")  # noqa: SIM115 - closed below
    env = {
        **os.environ,
        "SECRET_KEY": uuid.uuid4().hex,
        "DATABASE_URL": "sqlite:///./customer_segmentation.db",
    }
    process = subprocess.Popen(
        [
            str(replaced_python(source)),
            "-m",
            "uvicorn",
            "app.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=copy,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until(
            lambda: Connection(base, timeout=2).request("GET", "/")[0] == 200, 180, "the replaced system"
        )
        if not (copy / "models" / "kmeans.pkl").exists():
            started = time.monotonic()
            status, trained = Connection(base, timeout=900).request("POST", "/train")
            if status != 200:
                raise RuntimeError(f"the replaced system's /train failed: {status} {trained}")
            report.add(
                f"replaced system: POST /train {time.monotonic() - started:.0f} s, K={trained['n_clusters']}"
            )
        connections = registered_clients(base, THROUGHPUT_CLIENTS, "bench")
        for conn in connections:
            status, login = conn.request(
                "POST", "/auth/login", form={"username": conn.username or "", "password": STRONG_PASSWORD}
            )
            if status != 200:
                raise RuntimeError(f"replaced system sign-in failed: {status} {login}")
            conn.token = login["access_token"]
        result = run_clients(connections, predict_loop, THROUGHPUT_SECONDS)
        report.add(f"replaced system, {LOAD} /predict: {summary(result, 'predict')}")
        return result
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def wait_until(ready: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not answer within {timeout:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description="The local stack under load.")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a goal is missed")
    args = parser.parse_args()
    report = Report()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    report.add(f"machine: {os.cpu_count()} cores, load average {load}, Python {sys.version.split()[0]}")
    source = os.environ.get("REPLACED_SYSTEM_DIR")
    with tempfile.TemporaryDirectory(prefix="bench-local-") as tmp:
        folder = Path(tmp)
        theirs = measure_replaced(report, Path(source).resolve(), folder) if source else None
        ours = measure_ours(report, folder)
    tp = ours["throughput"]
    if theirs is not None:
        report.check(
            f"throughput >= the replaced system's ({tp.rate('predict'):.1f} vs "
            f"{theirs.rate('predict'):.1f}/s)",
            tp.rate("predict") >= theirs.rate("predict"),
        )
        report.check(
            f"p95 below the replaced system's ({tp.percentile_ms('predict', 0.95):.0f} vs "
            f"{theirs.percentile_ms('predict', 0.95):.0f} ms)",
            tp.percentile_ms("predict", 0.95) < theirs.percentile_ms("predict", 0.95),
        )
    else:
        report.add("REPLACED_SYSTEM_DIR not set: the replaced system was not measured")
    report.check("no failed request under load", not tp.failures)
    ratio = ours["full_p50"] / ours["empty_p50"]
    report.check(
        f"/predict p50 with {HISTORY_ENTRIES:,} history entries within 1.5x of a fresh stack's "
        f"({ratio:.2f}x)",
        ratio <= 1.5,
    )
    mixed = ours["mixed"]
    report.check(f"mixed run: 0 failures ({len(mixed.failures)})", not mixed.failures)
    report.check(
        f"/admin/stats counts the predictions acknowledged ({ours['mixed_counted']} counted, "
        f"{mixed.acknowledged['predict']} acknowledged)",
        ours["mixed_counted"] == mixed.acknowledged["predict"],
    )
    figures = {
        "ours_rps": f"{tp.rate('predict'):.1f}",
        "ours_p50_ms": f"{tp.percentile_ms('predict', 0.5):.0f}",
        "ours_p95_ms": f"{tp.percentile_ms('predict', 0.95):.0f}",
        "ours_p99_ms": f"{tp.percentile_ms('predict', 0.99):.0f}",
    }
    if theirs is not None:
        figures.update(
            {
                "replaced_rps": f"{theirs.rate('predict'):.1f}",
                "replaced_p50_ms": f"{theirs.percentile_ms('predict', 0.5):.0f}",
                "replaced_p95_ms": f"{theirs.percentile_ms('predict', 0.95):.0f}",
                "replaced_p99_ms": f"{theirs.percentile_ms('predict', 0.99):.0f}",
            }
        )
    figures["growth_ratio"] = f"{ratio:.2f}"
    report.add("bench: " + " ".join(f"{k}={v}" for k, v in figures.items()))
    RESULTS_FILE.write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    return 1 if args.strict and report.missed else 0


if __name__ == "__main__":
    sys.exit(main())
