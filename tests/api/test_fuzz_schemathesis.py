"""A bounded schemathesis run (`--checks all`) for every role against the app on moto.

The app is served over real HTTP by Chalice's local server in this process (moto in-process
stands in for AWS); schemathesis' own CLI then fuzzes each role's operations from
GET /openapi.json. No 5xx and no response that breaks the document may appear.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from moto import mock_aws

from tests.support.api import seed_account
from tests.support.stack import free_port

EXAMPLES_PER_OPERATION = int(os.environ.get("FUZZ_MAX_EXAMPLES", "8"))
ROLE_SECONDS = 55  # each role's run; three roles stay under three minutes on two cores


class NoTrainer:
    """No trainer runs in this process: each job fails at once, so `?wait` never waits."""

    def __init__(self, artifacts: Any) -> None:
        self.artifacts = artifacts

    def dispatch(self, event: dict[str, Any]) -> None:
        from segcore import layout

        key = layout.job_key(event["job_id"])
        status = self.artifacts.get_json(key)
        status.update(status="failed", stage="queued", error="No trainer runs in the fuzz test.")
        self.artifacts.put_json(key, status)


def _every_method(self: Any, name: str) -> Any:
    if name.startswith("do_"):
        return self._generic_handle
    raise AttributeError(name)


@pytest.fixture(scope="module")
def served_app(trained_model_objects: Any) -> Iterator[str]:
    from chalice.config import Config
    from chalice.local import create_local_server

    from chalicelib import aws as aws_clients
    from chalicelib.bootstrap import create_resources
    from tests.support.model_fixture import put_objects, reload_active_model

    with mock_aws():
        aws_clients.reset_clients()
        create_resources()
        put_objects(trained_model_objects.objects)
        reload_active_model()
        from app import app
        from chalicelib.services import services

        services().training.dispatcher = NoTrainer(services().training.artifacts)

        port = free_port()
        server = create_local_server(app, Config.create(chalice_stage="local"), "127.0.0.1", port)
        handler = server.server.RequestHandlerClass.func  # a partial of ChaliceRequestHandler
        handler.log_message = lambda *args: None  # quiet access log
        # API Gateway hands every method (TRACE, QUERY, ...) to the app; Chalice's dev server
        # answers unknown ones itself with a 501 page.
        handler.__getattr__ = _every_method
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{port}"
        server.server.shutdown()
        thread.join()
    aws_clients.reset_clients()


@pytest.mark.parametrize("role", ["user", "analyst", "admin"])
def test_schemathesis_finds_no_server_error_and_no_broken_response(served_app: str, role: str, tmp_path):
    account = seed_account(role)
    command = [
        str(Path(sys.executable).with_name("st")),
        "--no-color",
        "run",
        f"{served_app}/openapi.json",
        "--checks",
        "all",
        # Business rules no schema expresses (password policy, cursors bound to their user, CSV
        # contents, k_min <= k_max) make some schema-valid requests 4xx by design.
        "--exclude-checks",
        "positive_data_acceptance",
        "--phases",
        "examples,fuzzing",
        # Signing out would kill the token the rest of the run uses.
        "--exclude-path",
        "/auth/logout",
        "--header",
        f"Authorization: Bearer {account.token}",
        "--max-examples",
        str(EXAMPLES_PER_OPERATION),
        "--seed",
        "9",
        "--request-timeout",
        "30",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
    ]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=ROLE_SECONDS * 3)
    assert result.returncode == 0, result.stdout[-6000:]
