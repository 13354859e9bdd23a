"""`import app` as Lambda's init phase runs it: it builds what /predict needs, and nothing else.

The services, botocore, PynamoDB, numpy and the JWT library load with the import (application.py,
services.warm_up), so the first /predict only talks to AWS; password hashing and the file
readers load with the first request that uses them. `make lambda-check` checks the same on the
package; this catches a change in either direction without building it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AT_INIT = ("botocore", "pynamodb", "numpy", "jwt", "chalicelib.segmentation.predictions")
FIRST_USE = (
    "boto3",
    "passlib",
    "argon2",
    "email_validator",
    "segcore.table",
    "segcore.rfm",
    "sklearn",
    "scipy",
)
IMPORT_APP = "import json, sys; import app; print(json.dumps(sorted(sys.modules)))"
# The first request after an init that failed: the services are built again, and fail again.
FIRST_REQUEST_AFTER_A_FAILED_INIT = """
import json
import app
from chalice.test import Client
with Client(app.app) as client:
    reply = client.http.post("/predict", headers={"Authorization": "Bearer a.b.c"}, body="{}")
    print(json.dumps({"status": reply.status_code, "body": json.loads(reply.body)}))
"""


def run_in_aws_stage(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "APP_STAGE": "prod",
        "JWT_SECRET_PARAM": "/segmentation/jwt-secret",
        "PYTHONDONTWRITEBYTECODE": "1",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def last_json_line(done: subprocess.CompletedProcess[str]) -> object:
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_import_app_in_an_aws_stage_builds_the_predict_path_and_leaves_passwords_and_files():
    loaded = last_json_line(run_in_aws_stage(IMPORT_APP))
    assert isinstance(loaded, list)
    assert set(AT_INIT) <= set(loaded)
    assert set(loaded).isdisjoint(FIRST_USE)


def test_a_failed_init_in_an_aws_stage_still_imports_and_the_request_hears_a_503():
    # botocore refuses this region when the first client is created, i.e. during the init.
    done = run_in_aws_stage(FIRST_REQUEST_AFTER_A_FAILED_INIT, AWS_DEFAULT_REGION="not a region!")
    assert "building the services at init failed" in done.stdout + done.stderr
    reply = last_json_line(done)
    assert isinstance(reply, dict)
    assert reply["status"] == 503
    assert reply["body"]["code"] == "service_unavailable"
    assert "Traceback" not in json.dumps(reply["body"])


def test_the_openapi_document_still_bounds_the_number_of_training_features():
    import app  # noqa: F401 - registers every route in the app's order (the exported document's order)
    from chalicelib.http.openapi import build_document

    features = build_document("test")["components"]["schemas"]["TrainBody"]["properties"]["features"]
    array = next(branch for branch in features["anyOf"] if branch.get("type") == "array")
    assert (array["minItems"], array["maxItems"]) == (2, 50)
