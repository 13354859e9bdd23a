"""Writes docs/openapi.md (the route table) and docs/openapi.json (the whole document) from the
app's own OpenAPI document.

`make docs` runs it, then generates the SPA's API types from docs/openapi.json
(frontend/src/types/openapi.gen.ts, openapi-typescript). tests/docs checks both committed files
are what the code generates and the SPA's build checks its types against docs/openapi.json, so
neither the reference in docs/ nor the SPA's types can drift from the routes.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "openapi.md"
DOCUMENT = ROOT / "docs" / "openapi.json"
# The version the exported document names (the served one names the deployed APP_VERSION).
EXPORT_VERSION = "docs"


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


def document() -> dict[str, Any]:
    os.environ.setdefault("JWT_SECRET", "docs-only-" + "x" * 40)
    os.environ.setdefault("APP_STAGE", "test")
    sys.path.insert(0, str(ROOT))
    import app  # noqa: F401 - registers every route
    from chalicelib.http.openapi import build_document

    return build_document(EXPORT_VERSION)


def generate() -> str:
    return render(document())


def export() -> str:
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    TARGET.write_text(generate())
    DOCUMENT.write_text(export())
    print(f"wrote {TARGET.relative_to(ROOT)} and {DOCUMENT.relative_to(ROOT)}")
