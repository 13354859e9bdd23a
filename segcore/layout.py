"""Where the trainer and the API keep things in the artifacts bucket.

datasets/<dataset_id>/data.csv      the uploaded file, byte for byte as it came
datasets/<dataset_id>/meta.json     the dataset record and its profile (segcore.jobs)
models/<version>/model.json         the portable model document (segcore.document)
models/<version>/model.joblib       fitted scikit-learn scaler and K-Means, for data scientists
models/<version>/summary.json       one model's line in the registry
models/active.json                  {"version": "<version>"}: the active model
jobs/<job_id>.json                  training job status
scoring-jobs/<job_id>.json          scoring job status (segcore.jobs)
scoring-jobs/<job_id>/result.csv    every input column as it came + the segment columns
"""

from __future__ import annotations

import re

BUNDLED_DATASET_ID = "bundled"
ACTIVE_POINTER_KEY = "models/active.json"
MODELS_PREFIX = "models/"
DATASETS_PREFIX = "datasets/"
SCORING_PREFIX = "scoring-jobs/"

_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")


def is_valid_id(identifier: str) -> bool:
    """Dataset, model and job ids are path segments: letters, digits, ``_ . -``; no ``..``."""
    return bool(_ID_PATTERN.fullmatch(identifier)) and ".." not in identifier


def dataset_key(dataset_id: str) -> str:
    return f"{DATASETS_PREFIX}{dataset_id}/data.csv"


def dataset_meta_key(dataset_id: str) -> str:
    return f"{DATASETS_PREFIX}{dataset_id}/meta.json"


def scoring_job_key(job_id: str) -> str:
    return f"{SCORING_PREFIX}{job_id}.json"


def scoring_result_key(job_id: str) -> str:
    return f"{SCORING_PREFIX}{job_id}/result.csv"


def model_document_key(version: str) -> str:
    return f"{MODELS_PREFIX}{version}/model.json"


def model_joblib_key(version: str) -> str:
    return f"{MODELS_PREFIX}{version}/model.joblib"


def model_summary_key(version: str) -> str:
    return f"{MODELS_PREFIX}{version}/summary.json"


def job_key(job_id: str) -> str:
    return f"jobs/{job_id}.json"
