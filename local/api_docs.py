"""Writes docs/openapi.md, the route table of the API, from the app's own OpenAPI document.

`make docs` runs it; tests/docs checks the committed file is what the code generates, so the
reference in docs/ cannot drift from the routes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "openapi.md"


def render(document: dict[str, Any]) -> str:
    lines = [
        "# Routes",
        "",
        "Generated from `GET /openapi.json` by `make docs`; do not edit by hand. The prose",
        "reference is `docs/API.md`.",
        "",
        "| method | path | role | summary | success | errors |",
        "|---|---|---|---|---|---|",
    ]
    for path, operations in sorted(document["paths"].items()):
        for method, op in sorted(operations.items()):
            codes = sorted(op["responses"], key=int)
            success = ", ".join(c for c in codes if int(c) < 400)
            errors = ", ".join(c for c in codes if int(c) >= 400)
            summary = op.get("summary", "").replace("|", "\\|")
            role = op["x-required-role"]
            lines.append(f"| {method.upper()} | `{path}` | {role} | {summary} | {success} | {errors} |")
    return "\n".join(lines) + "\n"


def generate() -> str:
    os.environ.setdefault("JWT_SECRET", "docs-only-" + "x" * 40)
    os.environ.setdefault("APP_STAGE", "test")
    sys.path.insert(0, str(ROOT))
    import app  # noqa: F401 - registers every route
    from chalicelib.http.openapi import build_document

    return render(build_document("docs"))


if __name__ == "__main__":
    TARGET.write_text(generate())
    print(f"wrote {TARGET.relative_to(ROOT)}")
