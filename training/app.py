"""The trainer Lambda: one training job per invocation (asynchronous, from the API)."""

from typing import Any

from chalice import Chalice
from chalicelib.jobs import run_job
from chalicelib.storage import make_s3_client

from chalicelib.settings import load_settings

app = Chalice(app_name="segmentation-trainer")


@app.lambda_function(name="train")
def train(event: dict[str, Any], context: Any) -> dict[str, Any]:
    settings = load_settings()
    return run_job(event, s3_client=make_s3_client(settings), settings=settings)
