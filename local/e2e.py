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
            result = subprocess.run(["npm", "run", "e2e"], cwd=ROOT / "frontend", env=env, check=False)
            # The Lighthouse budget (accessibility and best practices >= 95) on the same stack.
            budget = subprocess.run(["npm", "run", "lighthouse"], cwd=ROOT / "frontend", env=env, check=False)
            if result.returncode == 0:
                result = budget
        finally:
            stack.stop()
        if result.returncode != 0:
            print(f"[e2e] failed; stack log:\n{stack.log.read_text()[-4000:]}", file=sys.stderr)
        return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
