"""Runs the real local stack (`python -m local.stack`) in a subprocess for tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _inherited_environment() -> dict[str, str]:
    """This process's environment less anything that would point the stack elsewhere."""
    prefixes = ("AWS_", "JWT_", "TABLE_", "ARTIFACTS_", "APP_", "CORS_")
    return {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}


class LocalStack:
    def __init__(
        self,
        state_dir: Path,
        *,
        admin_password: str,
        serve_web: bool = False,
        api_port: int | None = None,
        web_port: int | None = None,
    ) -> None:
        self.state_dir = state_dir
        self.api_port = api_port or free_port()
        self.web_port = web_port or free_port()
        self.moto_port = free_port()
        self.admin_password = admin_password
        self.serve_web = serve_web
        self.process: subprocess.Popen[bytes] | None = None
        self.log = state_dir.parent / f"{state_dir.name}-stack.log"

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def start(self, timeout: float = 120) -> float:
        env = _inherited_environment()
        env.update(
            API_PORT=str(self.api_port),
            WEB_PORT=str(self.web_port),
            MOTO_PORT=str(self.moto_port),
            LOCAL_STATE_DIR=str(self.state_dir),
            ADMIN_USERNAME="admin",
            ADMIN_EMAIL="admin@example.com",
            ADMIN_PASSWORD=self.admin_password,
            SERVE_WEB="1" if self.serve_web else "0",
        )
        started = time.monotonic()
        offset = self.log.stat().st_size if self.log.exists() else 0
        self.process = subprocess.Popen(
            [sys.executable, "-m", "local.stack"],
            cwd=ROOT,
            env=env,
            stdout=open(self.log, "ab"),  # noqa: SIM115 - closed with the process
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"the stack exited:\n{self.log.read_text()[-3000:]}")
            if b"ready in" in self.log.read_bytes()[offset:]:
                return time.monotonic() - started
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the stack did not start in {timeout} s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def kill(self, timeout: float = 30) -> None:
        """SIGKILL the stack's whole process group, as a careless operator would; wait until the
        API child (which dies with its parent) has let go of its port."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.api_port)) != 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"the API still answers on port {self.api_port} after its stack was killed")

    def aws_env(self) -> dict[str, str]:
        """The environment the stack gives the API: for running app code against its moto."""
        from local.stack import StackConfig, stack_environment

        config = StackConfig(
            api_port=self.api_port,
            web_port=self.web_port,
            moto_port=self.moto_port,
            state_dir=self.state_dir,
            compact_bytes=0,
            serve_web=False,
        )
        return {**_inherited_environment(), **stack_environment(config)}

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        *,
        data: bytes | None = None,
        content_type: str = "application/json",
    ) -> tuple[int, Any]:
        if body is not None:
            data = json.dumps(body).encode()
        request = urllib.request.Request(self.api + path, data=data, method=method)
        request.add_header("Content-Type", content_type)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
                return response.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            return error.code, json.loads(raw) if raw else None


def wait_until_serving(stack: LocalStack, version: str, token: str, timeout: float = 15) -> None:
    """The local API runs several processes: an activation reaches the one that served it at once
    and the others on their next model check (every 5 s), as Lambda containers do."""
    deadline = time.monotonic() + timeout
    while True:
        status, schema = stack.call("GET", "/schema", token=token)
        if status == 200 and schema["model_version"] == version:
            # Every process has checked when one answers with it after a full refresh period.
            time.sleep(5.5)
            return
        assert time.monotonic() < deadline, f"{version} not served within {timeout} s: {schema}"
        time.sleep(0.5)
