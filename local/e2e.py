"""Browser end-to-end tests: the real local stack plus the built SPA, driven by Playwright.

The stack runs on API_PORT/WEB_PORT (default 8000/5173; the SPA learns the API's port from
/env.js) with a fresh state folder; screenshots land in frontend/e2e/artifacts/. Then the Lighthouse
budget runs against the same stack (reports in frontend/e2e/artifacts/lighthouse/).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.stack import LocalStack

ROOT = Path(__file__).resolve().parent.parent
ADMIN_PASSWORD = "e2e operator secret phrase 9"


def main() -> int:
    api_port = int(os.environ.get("API_PORT", "8000"))
    web_port = int(os.environ.get("WEB_PORT", "5173"))
    with tempfile.TemporaryDirectory(prefix="segmentation-e2e-") as tmp:
        stack = LocalStack(
            Path(tmp) / "state",
            admin_password=ADMIN_PASSWORD,
            serve_web=True,
            api_port=api_port,
            web_port=web_port,
        )
        print(f"[e2e] local stack up in {stack.start():.1f} s", flush=True)
        try:
            env = {
                **os.environ,
                "E2E_API_URL": f"http://127.0.0.1:{api_port}",
                "E2E_WEB_URL": f"http://127.0.0.1:{web_port}",
                "E2E_ADMIN_USERNAME": "admin",
                "E2E_ADMIN_PASSWORD": ADMIN_PASSWORD,
            }
            failures: list[str] = []
            code = _run_npm("e2e", env, failures)
            # The Lighthouse budget (accessibility and best practices >= 95) on the same stack.
            budget = _run_npm("lighthouse", env, failures)
            code = code or budget
        finally:
            stack.stop()
        if code != 0:
            print(f"[e2e] failed; stack log:\n{stack.log.read_text()[-4000:]}", file=sys.stderr)
            # Repeated last: CI shows only the end of the output, which is otherwise the stack log.
            print("[e2e] what failed:\n" + "\n".join(failures[-40:]), file=sys.stderr)
        return code


_FAILURE_MARKERS = (" flagged: ", "lighthouse: Error", "below the budget", "e2e: Error")


def _run_npm(script: str, env: dict[str, str], failures: list[str]) -> int:
    """Runs `npm run <script>` in frontend/, echoing its output and keeping the lines of a failure:
    a failed scenario (✗ and its indented message) and a Lighthouse page flagged or in error."""
    proc = subprocess.Popen(
        ["npm", "run", script],
        cwd=ROOT / "frontend",
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    assert proc.stdout is not None
    in_failure = False
    for line in proc.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        in_failure = line.startswith("✗") or (in_failure and line.startswith("    "))
        if in_failure or any(marker in line for marker in _FAILURE_MARKERS):
            failures.append(f"{script}: {line.rstrip()}")
    return proc.wait()


if __name__ == "__main__":
    raise SystemExit(main())
