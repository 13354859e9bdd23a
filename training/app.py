"""The trainer Lambda: one task per invocation (asynchronous, from the API).

Tasks (``segcore.jobs``): ``train`` (the default), ``profile`` a dataset, ``score`` a dataset.
"""

from typing import Any

from chalice import Chalice
from segtrainer.jobs import run_job, utc_now
from segtrainer.profile_task import run_profile
from segtrainer.score_task import run_scoring
from segtrainer.settings import load_settings
from segtrainer.storage import ArtifactStore, make_s3_client

from segcore.jobs import TASK_PROFILE, TASK_SCORE, task_of

app = Chalice(app_name="segmentation-trainer")


@app.lambda_function(name="train")
def train(event: dict[str, Any], context: Any) -> dict[str, Any]:
    settings = load_settings()
    client = make_s3_client(settings)
    task = task_of(event)
    if task == TASK_PROFILE:
        return run_profile(event, store=ArtifactStore(client, settings.artifacts_bucket), clock=utc_now)
    if task == TASK_SCORE:
        return run_scoring(event, store=ArtifactStore(client, settings.artifacts_bucket), clock=utc_now)
    return run_job(event, s3_client=client, settings=settings)
