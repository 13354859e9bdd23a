"""`import app` as Lambda's cold start runs it loads Chalice, the routes and the schemas only.

The services, and what they need (botocore, PynamoDB, numpy, the JWT and password libraries),
load with the first request that uses them (chalicelib/services.py). `make lambda-check` checks
the same on the package; this catches a new eager import without building it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIRST_USE = ("botocore", "boto3", "pynamodb", "numpy", "jwt", "passlib", "argon2", "email_validator")
PROBE = "import json, sys; import app; print(json.dumps(sorted(sys.modules)))"


def loaded_by_import(stage: str) -> set[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "APP_STAGE": stage,
        "JWT_SECRET_PARAM": "/segmentation/jwt-secret",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return {name.split(".")[0] for name in json.loads(done.stdout.strip().splitlines()[-1])}


def test_import_app_in_an_aws_stage_leaves_the_sdk_numpy_and_crypto_for_the_first_request():
    assert loaded_by_import("prod").isdisjoint(FIRST_USE)


def test_the_openapi_document_still_bounds_the_number_of_training_features():
    from chalicelib.http.openapi import build_document
    from chalicelib.routes import models  # noqa: F401 - declares POST /train

    features = build_document("test")["components"]["schemas"]["TrainBody"]["properties"]["features"]
    array = next(branch for branch in features["anyOf"] if branch.get("type") == "array")
    assert (array["minItems"], array["maxItems"]) == (2, 50)
