"""Test environment: set before anything imports the app (PynamoDB reads it at import)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.update(
    {
        "APP_STAGE": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SECURITY_TOKEN": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "TABLE_PREFIX": "test",
        "ARTIFACTS_BUCKET": "test-artifacts",
        "JWT_SECRET": "test-secret-" + "k" * 40,
        "CORS_ORIGINS": "http://127.0.0.1:5173",
        "LOGIN_LOCKOUT_BASE_SECONDS": "30",
        # Forgot-password answers no sooner than this (the timing tests measure it).
        "FORGOT_PASSWORD_MIN_SECONDS": "0.25",
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)
