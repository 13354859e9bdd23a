"""Where the trainer and the API keep things in the artifacts bucket.

datasets/<dataset_id>/data.csv      canonical headers (sex, age, annual_income, ...)
models/<version>/model.json         the portable model document (segcore.document)
models/<version>/model.joblib       fitted scikit-learn scaler and K-Means, for data scientists
models/<version>/summary.json       one model's line in the registry
models/active.json                  {"version": "<version>"}: the active model
jobs/<job_id>.json                  training job status
"""

from __future__ import annotations

import re

BUNDLED_DATASET_ID = "bundled"
ACTIVE_POINTER_KEY = "models/active.json"
MODELS_PREFIX = "models/"

_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")


def is_valid_id(identifier: str) -> bool:
    """Dataset, model and job ids are path segments: letters, digits, ``_ . -``; no ``..``."""
    return bool(_ID_PATTERN.fullmatch(identifier)) and ".." not in identifier


def dataset_key(dataset_id: str) -> str:
    return f"datasets/{dataset_id}/data.csv"


def model_document_key(version: str) -> str:
    return f"{MODELS_PREFIX}{version}/model.json"


def model_joblib_key(version: str) -> str:
    return f"{MODELS_PREFIX}{version}/model.joblib"


def model_summary_key(version: str) -> str:
    return f"{MODELS_PREFIX}{version}/summary.json"


def job_key(job_id: str) -> str:
    return f"jobs/{job_id}.json"
