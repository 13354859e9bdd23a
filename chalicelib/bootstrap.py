"""Creates the tables and the artifacts bucket (local stack and tests; AWS uses templates)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from botocore.exceptions import ClientError

from chalicelib import aws
from chalicelib.db.models import TABLES
from chalicelib.recovery.mail import install_template
from chalicelib.settings import get_settings

TTL_ATTRIBUTES = {
    "revoked-tokens": "expires_at",
    "login-throttle": "expires_at",
    "password-resets": "expires_at",
}


def create_resources() -> None:
    settings = get_settings()
    dynamodb = aws.client("dynamodb")
    for model in TABLES:
        if not model.exists():
            model.create_table(wait=True, billing_mode="PAY_PER_REQUEST")
    for suffix, attribute in TTL_ATTRIBUTES.items():
        dynamodb.update_time_to_live(
            TableName=settings.table_name(suffix),
            TimeToLiveSpecification={"Enabled": True, "AttributeName": attribute},
        )
    install_template(
        aws.client("ses"), sender=settings.mail_sender, template=settings.password_reset_template
    )
    s3 = aws.client("s3")
    try:
        s3.head_bucket(Bucket=settings.artifacts_bucket)
    except ClientError:
        s3.create_bucket(Bucket=settings.artifacts_bucket)
    cors = upload_cors(settings.allowed_origins)
    s3.put_bucket_cors(Bucket=settings.artifacts_bucket, CORSConfiguration=cors)


def upload_cors(origins: Iterable[str]) -> dict[str, Any]:
    """Browsers upload datasets straight to the bucket (presigned form POST) from the SPA's origins,
    and may fetch scoring results through their short-lived links. deploy/trainer-resources.json
    has the same rule."""
    return {
        "CORSRules": [
            {
                "AllowedOrigins": sorted(origins),
                "AllowedMethods": ["POST", "GET"],
                "AllowedHeaders": ["*"],
                "ExposeHeaders": ["ETag"],
                "MaxAgeSeconds": 3000,
            }
        ]
    }
