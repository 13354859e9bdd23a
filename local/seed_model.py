"""First start: upload the bundled dataset and train the first model with the real trainer."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from chalicelib.services import services
from segcore import layout


def _log(message: str) -> None:
    print(f"[seed] {message}", flush=True)


def ensure_model(*, root: Path) -> None:
    svc = services()
    if svc.datasets.get(layout.BUNDLED_DATASET_ID) is None:
        body = (root / "data" / "customers.csv").read_bytes()
        meta = svc.datasets.upload(
            body, filename="customers.csv", uploaded_by=None, dataset_id=layout.BUNDLED_DATASET_ID
        )
        _log(f"uploaded the bundled dataset ({meta['rows']} rows)")
    if svc.registry.active_version() is not None:
        return
    started = time.monotonic()
    event = {
        "job_id": f"job-seed-{int(time.time())}",
        "dataset_id": layout.BUNDLED_DATASET_ID,
        "activate": True,
    }
    _log("training the first model on the bundled dataset...")
    result = subprocess.run(
        [sys.executable, "local_invoke.py", json.dumps(event)],
        cwd=root / "training",
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"[seed] the first training failed:\n{result.stdout}\n{result.stderr}")
    status = json.loads(result.stdout.strip().splitlines()[-1])
    _log(
        f"model {status['model_version']} active ({time.monotonic() - started:.1f} s, "
        f"K={status['metrics'].get('n_clusters')}, silhouette={status['metrics'].get('silhouette_score')})"
    )
