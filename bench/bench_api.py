"""API benchmarks: cold start (import app.py + first /predict reading the model from S3) and
/predict latency through chalice's test client, against a moto server on this machine.

Run by bench/bench_segmentation.py (``measure_api``); ``python bench/bench_api.py --worker X``
runs one step in a fresh process with the API's import path.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PREDICTIONS = 300
CUSTOMER = {
    "sex": "Female",
    "age": 34,
    "annual_income": 98.0,
    "spending_score": 82,
    "purchase_frequency": 14,
}
FORBIDDEN_MODULES = ("sklearn", "scipy", "pandas")


def _setup() -> dict[str, Any]:
    """Tables, bucket, bundled dataset, a model trained by the real trainer, a signed-in user."""
    from chalicelib.bootstrap import create_resources
    from chalicelib.services import services
    from local.seed_model import ensure_model

    create_resources()
    ensure_model(root=ROOT)
    auth = services().auth
    auth.register(username="bench", email="bench@example.com", password="quiet river lantern 77 x")
    token, _ = auth.login("bench", "quiet river lantern 77 x")
    return {"token": token.token}


def _measure(token: str) -> dict[str, Any]:
    from chalice.test import Client  # the test harness, not part of the Lambda's cold start

    started = time.perf_counter()
    from app import app

    imported = time.perf_counter()
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    body = json.dumps(CUSTOMER)
    latencies = []
    with Client(app, stage_name="local") as client:
        first_started = time.perf_counter()
        response = client.http.post("/predict", headers=headers, body=body)
        first_done = time.perf_counter()
        assert response.status_code == 200, response.body
        for _ in range(PREDICTIONS):
            t0 = time.perf_counter()
            response = client.http.post("/predict", headers=headers, body=body)
            latencies.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.body
    latencies.sort()
    return {
        "import_s": imported - started,
        "first_predict_s": first_done - first_started,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(0.95 * len(latencies)) - 1] * 1000,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(env: dict[str, str], *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench_api worker {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run_api_bench() -> dict[str, Any]:
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        with tempfile.TemporaryDirectory() as state:
            env = {
                **os.environ,
                "APP_STAGE": "local",
                "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
                "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_ACCESS_KEY_ID": "bench",
                "AWS_SECRET_ACCESS_KEY": "bench",
                "TABLE_PREFIX": "bench",
                "ARTIFACTS_BUCKET": "bench-artifacts",
                "LOCAL_STATE_DIR": state,
                "JWT_SECRET": "bench-secret-" + "x" * 40,
            }
            token = _run(env, "setup")["token"]
            result = _run(env, "measure", token)
            imports = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", "import app"],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stderr
    finally:
        server.stop()
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in imports.splitlines() if "|" in line}
    result["forbidden_imports"] = sorted(set(FORBIDDEN_MODULES) & imported)
    result["coldstart_s"] = result["import_s"] + result["first_predict_s"]
    return result


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    if argv[:2] == ["--worker", "setup"]:
        print(json.dumps(_setup()))
    elif argv[:2] == ["--worker", "measure"]:
        print(json.dumps(_measure(argv[2])))
    else:
        print(json.dumps(run_api_bench(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
