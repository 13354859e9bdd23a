"""Run one training job as Lambda would, in this process.

    python training/local_invoke.py '{"job_id": "job-1", "dataset_id": "bundled"}'
    echo '{"job_id": "job-1"}' | python training/local_invoke.py

The environment gives ARTIFACTS_BUCKET, AWS_ENDPOINT_URL (the moto server) and
AWS_DEFAULT_REGION. Prints the final job status as JSON; exits 0 if the job succeeded, 1 if it
failed and 2 if the event is not a JSON object.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TRAINING_DIR = Path(__file__).resolve().parent
# The deployed package has app.py, segtrainer/ and vendor/'s contents at its root.
sys.path[:0] = [str(TRAINING_DIR), str(TRAINING_DIR / "vendor")]

from app import train  # noqa: E402


def main(argv: list[str]) -> int:
    raw = argv[1] if len(argv) > 1 else sys.stdin.read()
    try:
        event = json.loads(raw)
    except json.JSONDecodeError as error:
        print(f"local_invoke: the event is not JSON: {error}", file=sys.stderr)
        return 2
    if not isinstance(event, dict):
        print("local_invoke: the event must be a JSON object", file=sys.stderr)
        return 2
    result = train(event, None)
    print(json.dumps(result))
    return 0 if result.get("status") in ("succeeded", "ready") else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
