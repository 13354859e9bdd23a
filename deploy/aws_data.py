"""The SDK data the API's botocore session reads: `chalicelib/aws_data/`, generated from botocore.

    .venv/bin/python -m deploy.aws_data          # regenerate after upgrading botocore
    .venv/bin/python -m deploy.aws_data --check  # fail if the committed files are stale

tests/deploy/test_aws_data.py runs the same check in `make test`.

botocore's own data folder describes 400 services. Creating the API's first client (S3, in
Lambda's init) lists every one of those folders twice, parses the 1.2 MB `endpoints.json` and the
S3 model with its documentation: 465 M instructions of the 2,326 M that `import app` executes
(callgrind), about a fifth of the cold start. The API's session (chalicelib/aws.py) reads only
this folder instead:
- the top-level files botocore reads when it creates a client, with `endpoints.json` keeping
  every partition but only the API's services;
- for each service the API calls, the newest API version's model without the operations' and
  shapes' documentation (only the SDK's docstrings read it), with every operation except for
  SSM (OPERATIONS), and the endpoint rules, paginators, waiters and SDK extras as shipped.
The S3 client, measured alone, then costs 265 M fewer instructions (1,208 M -> 943 M with
botocore's import); SSM's client 75 M fewer. A service not listed here cannot be
created by the API's session: add it to SERVICES and regenerate.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "chalicelib" / "aws_data"
# Service name -> the endpoint prefix that names it in endpoints.json.
SERVICES = {"dynamodb": "dynamodb", "lambda": "lambda", "s3": "s3", "ses": "email", "ssm": "ssm"}
# Services whose model keeps only these operations. SSM's model is the largest of the five
# (260 KB without documentation, 75 M instructions of the first /predict, which reads the
# signing key) and the API's role may call one operation of it (deploy/api-resources.json).
OPERATIONS = {"ssm": ("GetParameter",)}
TOP_LEVEL = ("_retry.json", "partitions.json", "sdk-default-configuration.json")
# Copied unchanged from the service's folder when botocore ships them.
AS_SHIPPED = (
    "endpoint-rule-set-1.json.gz",
    "paginators-1.json",
    "paginators-1.sdk-extras.json",
    "service-2.sdk-extras.json",
    "waiters-2.json",
)
UNDOCUMENTED = ("documentation", "documentationUrl")


def botocore_data() -> Path:
    import botocore

    return Path(botocore.__file__).resolve().parent / "data"


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return json.loads(raw)


def _write(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, separators=(",", ":"), sort_keys=True) + "\n")


def _undocumented(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _undocumented(value) for key, value in node.items() if key not in UNDOCUMENTED}
    if isinstance(node, list):
        return [_undocumented(value) for value in node]
    return node


def _only(model: dict[str, Any], operations: tuple[str, ...]) -> dict[str, Any]:
    """The model with these operations and the shapes they reach."""
    shapes: dict[str, Any] = model["shapes"]
    wanted = [model["operations"][name] for name in operations]
    pending = [o[k]["shape"] for o in wanted for k in ("input", "output") if k in o]
    pending += [error["shape"] for o in wanted for error in o.get("errors", [])]
    reached: set[str] = set()
    while pending:
        name = pending.pop()
        if name in reached:
            continue
        reached.add(name)
        shape = shapes[name]
        pending += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
        pending += [member["shape"] for member in shape.get("members", {}).values()]
    return {
        **model,
        "operations": {name: model["operations"][name] for name in operations},
        "shapes": {name: shape for name, shape in shapes.items() if name in reached},
    }


def newest_version(service: Path) -> Path:
    """The API version botocore picks: the newest folder holding a service model."""
    versions = [v for v in service.iterdir() if any(v.glob("service-2.json*"))]
    return max(versions, key=lambda v: v.name)


def generate(into: Path, source: Path | None = None) -> None:
    source = source or botocore_data()
    endpoints = _read(source / "endpoints.json")
    prefixes = set(SERVICES.values())
    for partition in endpoints["partitions"]:
        partition["services"] = {k: v for k, v in partition["services"].items() if k in prefixes}
    _write(into / "endpoints.json", endpoints)
    for name in TOP_LEVEL:
        shutil.copyfile(source / name, into / name)
    for service in SERVICES:
        version = newest_version(source / service)
        target = into / service / version.name
        model = version / "service-2.json.gz"
        document = _read(model if model.exists() else version / "service-2.json")
        if service in OPERATIONS:
            document = _only(document, OPERATIONS[service])
        # Only the shapes' and operations' texts: botocore reads others (clientContextParams).
        for part in ("operations", "shapes"):
            document[part] = _undocumented(document[part])
        _write(target / "service-2.json", document)
        for name in AS_SHIPPED:
            if (version / name).exists():
                shutil.copyfile(version / name, target / name)


def _files(tree: Path) -> dict[str, bytes]:
    return {str(p.relative_to(tree)): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}


def stale(target: Path = TARGET) -> list[str]:
    """Files that differ from what the installed botocore generates (empty when up to date)."""
    with tempfile.TemporaryDirectory(prefix="aws-data-") as tmp:
        fresh = Path(tmp) / "aws_data"
        generate(fresh)
        expected, committed = _files(fresh), _files(target) if target.exists() else {}
    names = expected.keys() | committed.keys()
    return sorted(name for name in names if expected.get(name) != committed.get(name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the API's botocore data folder.")
    parser.add_argument("--check", action="store_true", help="fail if the committed folder is stale")
    args = parser.parse_args(argv)
    if args.check:
        differ = stale()
        if differ:
            print(f"chalicelib/aws_data is stale ({', '.join(differ[:5])}): run python -m deploy.aws_data")
            return 1
        return 0
    shutil.rmtree(TARGET, ignore_errors=True)
    generate(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
