"""`make lambda-check`: run the packaged zips as Lambda runs them, against a moto server.

    .venv/bin/python -m local.lambda_check            # after `make package`
    .venv/bin/python -m local.lambda_check --bench 5  # also: cold starts for `make bench` (JSON)

Each zip from build/package is unpacked into a read-only directory and run by
local/lambda_runtime.py in a clean Python 3.12 (`-I -S -B`: no site-packages, no PYTHON*
variables, no bytecode written): sys.path holds only the unpacked package and the SDK the Lambda
runtime provides (boto3, botocore and their dependencies, linked from this venv). The function's
environment is the one in the packaged sam.json (stage prod), plus AWS_ENDPOINT_URL naming the
moto server, which stands in for DynamoDB, S3 and SSM.

1. Seed (with the repository's own code): tables, bucket, the JWT secret in SSM, the bundled
   dataset.
2. The trainer zip runs a training job on the bundled dataset and activates the model.
3. The API zip, container 1: health, CORS preflight, register, login, a bad token (401).
4. The API zip, container 2 (a fresh cold start): predict with the token from container 1.
Every response is checked; the check also fails if any module of the package was compiled from
source (the package must ship bytecode Lambda uses), if `import app` (Lambda's init phase) does
not build the services /predict needs (botocore, PynamoDB, numpy, the JWT library), or if it
loads what only other requests need (password hashing, the CSV reader, RFM).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from deploy.package import BUILD, HOST_ARCH, ROOT, compile_bytecode, runtime_sdk_dir
from tests.support.stack import free_port

RUNTIME = Path(__file__).resolve().parent / "lambda_runtime.py"
# `import app` is Lambda's init phase: it builds what /predict needs (chalicelib/application.py),
# so the first request only talks to AWS...
LOADED_AT_INIT = ("botocore", "pynamodb", "numpy", "jwt")
# ...and leaves to the requests that use them the password hashing (login, register) and the
# file readers (uploads, scoring jobs).
LOADED_ON_FIRST_USE = ("boto3", "passlib", "argon2", "email_validator", "segcore.table", "segcore.rfm")
ORIGIN = "https://app.example.com"
PASSWORD = "quiet river lantern 77 x"
CUSTOMER = {"sex": "Female", "age": 34, "annual_income": 98.0, "spending_score": 82, "purchase_frequency": 14}
# `python -v` names each module's code object source; a .py here means it was compiled at import.
SOURCE_COMPILE = re.compile(r"^# code object from '?(?P<path>[^']+\.py)'?$", re.MULTILINE)


class CheckFailed(RuntimeError):
    pass


@dataclass
class Function:
    """One packaged function, unpacked read-only, with its handler and Lambda environment."""

    name: str
    code: Path
    sdk: Path
    handler: str
    environment: dict[str, str]

    def invoke(self, events: list[dict[str, Any]], *, verbose: bool = False) -> dict[str, Any]:
        """A fresh container: import the handler, call it with each event in turn."""
        command = [sys.executable, "-I", "-S", "-B"] + (["-v"] if verbose else []) + [str(RUNTIME)]
        spec = {"path": [str(self.code), str(self.sdk)], "handler": self.handler, "events": events}
        done = subprocess.run(
            command,
            input=json.dumps(spec),
            cwd=self.code,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if done.returncode != 0:
            raise CheckFailed(f"the {self.name} package failed:\n{done.stderr.strip()[-4000:]}")
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        result["stderr"] = done.stderr
        return result

    def compiled_from_source(self) -> list[str]:
        """Modules of the package that an import compiled from source (none if bytecode is used)."""
        stderr = self.invoke([], verbose=True)["stderr"]
        return sorted(
            m["path"] for m in SOURCE_COMPILE.finditer(stderr) if m["path"].startswith(str(self.code))
        )


def _resolve(value: Any, refs: dict[str, str], parameters: dict[str, Any]) -> str:
    """A variable's value: a Ref takes the check's value, else the parameter's default."""
    if not (isinstance(value, dict) and "Ref" in value):
        return str(value)
    name = value["Ref"]
    if name in refs:
        return refs[name]
    if "Default" in parameters.get(name, {}):
        return str(parameters[name]["Default"])
    raise CheckFailed(f"the function's environment refers to {name}, which has no default: add it to REFS")


def lambda_environment(
    template: dict[str, Any], logical_id: str, refs: dict[str, str], endpoint: str, code: Path
) -> dict[str, str]:
    """The function's variables from sam.json, plus what the Lambda runtime sets."""
    properties = template["Resources"][logical_id]["Properties"]
    variables = properties.get("Environment", {}).get("Variables", {})
    parameters = template.get("Parameters", {})
    env = {key: _resolve(value, refs, parameters) for key, value in variables.items()}
    region = "us-east-1"
    env.update(
        {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "en_US.UTF-8",
            "TZ": ":UTC",
            "PYTHONDONTWRITEBYTECODE": "1",
            "LAMBDA_TASK_ROOT": str(code),
            "AWS_EXECUTION_ENV": "AWS_Lambda_python3.12",
            "AWS_LAMBDA_FUNCTION_NAME": logical_id,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(properties.get("MemorySize", 128)),
            "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region,
            "AWS_ACCESS_KEY_ID": "lambda-check",
            "AWS_SECRET_ACCESS_KEY": "lambda-check",
            "AWS_SESSION_TOKEN": "lambda-check",
            "AWS_ENDPOINT_URL": endpoint,
        }
    )
    return env


def unpack(zip_path: Path, into: Path) -> Path:
    """The zip's files in a read-only tree, as Lambda's /var/task."""
    code = into / "task"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(code)
    for path in [code, *code.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return code


def _writable(tree: Path) -> None:
    for path in [tree, *tree.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)


@contextmanager
def packaged(app: str, endpoint: str, refs: dict[str, str]) -> Iterator[Function]:
    out = BUILD / app
    zip_path = out / "deployment.zip"
    if not zip_path.is_file():
        raise CheckFailed(f"{zip_path} is missing: run `make package` first")
    template = json.loads((out / "sam.json").read_text())
    logical_id, properties = next(
        (key, r["Properties"])
        for key, r in template["Resources"].items()
        if r["Type"] == "AWS::Serverless::Function" and r["Properties"].get("CodeUri") == "./deployment.zip"
    )
    arch = properties.get("Architectures", ["x86_64"])[0]
    if arch != HOST_ARCH:
        raise CheckFailed(f"the {app} package is built for {arch}; this machine runs {HOST_ARCH} code only")
    tmp = Path(tempfile.mkdtemp(prefix=f"lambda-{app}-"))
    try:
        code = unpack(zip_path, tmp)
        yield Function(
            name=app,
            code=code,
            sdk=runtime_sdk_dir(tmp),
            handler=properties["Handler"],
            environment=lambda_environment(template, logical_id, refs, endpoint, code),
        )
    finally:
        _writable(tmp)
        shutil.rmtree(tmp)


# ---- API Gateway proxy events ----------------------------------------------------------------


def api_event(
    method: str, path: str, *, body: Any = None, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """A REST API (v1) proxy event as API Gateway sends it for chalice's routes."""
    all_headers = {
        "Host": "api.example.com",
        "Origin": ORIGIN,
        "User-Agent": "lambda-check",
        "X-Forwarded-For": "203.0.113.9",
        "X-Forwarded-Proto": "https",
        **({"Content-Type": "application/json"} if body is not None else {}),
        **(headers or {}),
    }
    return {
        "resource": path,
        "path": path,
        "httpMethod": method,
        "headers": all_headers,
        "multiValueHeaders": {k: [v] for k, v in all_headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": path,
            "httpMethod": method,
            "path": f"/api{path}",
            "stage": "api",
            "requestId": str(uuid.uuid4()),
            "accountId": "123456789012",
            "apiId": "lambdacheck",
            "protocol": "HTTP/1.1",
            "identity": {"sourceIp": "203.0.113.9", "userAgent": "lambda-check"},
        },
        "body": None if body is None else json.dumps(body),
        "isBase64Encoded": False,
    }


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _body(response: dict[str, Any]) -> Any:
    raw = response.get("body")
    return json.loads(raw) if raw else None


def _header(response: dict[str, Any], name: str) -> str | None:
    headers = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
    return headers.get(name.lower())


def expect(label: str, response: dict[str, Any], status: int) -> Any:
    if response.get("statusCode") != status:
        got = response.get("statusCode")
        raise CheckFailed(f"{label}: expected {status}, got {got}: {response.get('body')}")
    return _body(response)


# ---- seeding, with the repository's own code -------------------------------------------------


def seed(endpoint: str, api_env: dict[str, str], state_dir: Path) -> None:
    """Tables, bucket, SSM secret and bundled dataset, named as the packaged API expects."""
    os.environ.update(
        {
            "APP_STAGE": "local",
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "lambda-check",
            "AWS_SECRET_ACCESS_KEY": "lambda-check",
            "TABLE_PREFIX": api_env["TABLE_PREFIX"],
            "ARTIFACTS_BUCKET": api_env["ARTIFACTS_BUCKET"],
            "LOCAL_STATE_DIR": str(state_dir),
            "JWT_SECRET": secrets.token_urlsafe(48),
        }
    )
    # The environment names the tables: import the app's modules only now.
    import botocore.session

    from chalicelib.bootstrap import create_resources
    from chalicelib.services import services
    from segcore import layout

    create_resources()
    # As the deployment does: the API's own session may only read parameters (deploy/aws_data.py).
    ssm = botocore.session.get_session().create_client("ssm", endpoint_url=endpoint)
    ssm.put_parameter(
        Name=api_env["JWT_SECRET_PARAM"], Value=secrets.token_urlsafe(48), Type="SecureString", Overwrite=True
    )
    services().datasets.upload(
        (ROOT / "data" / "customers.csv").read_bytes(),
        filename="customers.csv",
        uploaded_by=None,
        dataset_id=layout.BUNDLED_DATASET_ID,
    )


# ---- the check -------------------------------------------------------------------------------


@dataclass
class Outcome:
    lines: list[str]
    token: str


def train_with_package(trainer: Function) -> tuple[str, str]:
    event = {"job_id": f"job-check-{uuid.uuid4().hex[:8]}", "dataset_id": "bundled", "activate": True}
    run = trainer.invoke([event])
    status = run["results"][0]["result"]
    if status.get("status") != "succeeded":
        raise CheckFailed(f"trainer: the job did not succeed: {json.dumps(status)[:2000]}")
    forbidden = {"sklearn", "scipy"} - set(run["modules"])
    if forbidden:
        raise CheckFailed(f"trainer: the job ran without {sorted(forbidden)}")
    return status["model_version"], (
        f"trainer package: import {run['import_s']:.2f} s, training job {run['results'][0]['seconds']:.2f} s "
        f"(model {status['model_version']}, K={status['metrics'].get('n_clusters')})"
    )


def exercise_api(api: Function, model_version: str) -> Outcome:
    username = f"check{uuid.uuid4().hex[:8]}"
    first = api.invoke(
        [
            api_event("GET", "/health"),
            api_event(
                "OPTIONS",
                "/predict",
                headers={
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "authorization",
                },
            ),
            api_event(
                "POST",
                "/auth/register",
                body={"username": username, "email": f"{username}@example.com", "password": PASSWORD},
            ),
            api_event("POST", "/auth/login", body={"username": username, "password": PASSWORD}),
            api_event("POST", "/predict", body=CUSTOMER, headers=bearer("not-a-token")),
        ]
    )
    health, preflight, register, login, bad_token = (r["result"] for r in first["results"])
    expect("GET /health", health, 200)
    expect("OPTIONS /predict (CORS preflight)", preflight, 204)
    if _header(preflight, "Access-Control-Allow-Origin") != ORIGIN:
        headers = preflight.get("headers")
        raise CheckFailed(f"CORS preflight: no Access-Control-Allow-Origin for {ORIGIN}: {headers}")
    expect("POST /auth/register", register, 201)
    token = expect("POST /auth/login", login, 200)["access_token"]
    refused = expect("POST /predict with a bad token", bad_token, 401)
    if not {"code", "message", "request_id"} <= set(refused or {}):
        raise CheckFailed(f"401 body is not in the contract's error format: {refused}")
    if {"sklearn", "scipy"} & set(first["modules"]):
        raise CheckFailed("the API imported scikit-learn or scipy")

    second = api.invoke([api_event("POST", "/predict", body=CUSTOMER, headers=bearer(token))])
    prediction = expect("POST /predict", second["results"][0]["result"], 200)
    if not isinstance(prediction.get("cluster"), int) or prediction.get("model_version") != model_version:
        raise CheckFailed(f"POST /predict did not answer with the trained model's segment: {prediction}")
    return Outcome(
        lines=[
            f"api package: import {first['import_s']:.2f} s; health, preflight, register, login, "
            "bad token answered as the contract says",
            f"api package, fresh container: import {second['import_s']:.2f} s, "
            f"first /predict {second['results'][0]['seconds']:.3f} s",
        ],
        token=token,
    )


def cold_starts(api: Function, token: str, runs: int) -> dict[str, float]:
    """Median over fresh containers of the import and of the first /predict after it."""
    imports, predicts = [], []
    for _ in range(runs):
        run = api.invoke([api_event("POST", "/predict", body=CUSTOMER, headers=bearer(token))])
        expect("POST /predict", run["results"][0]["result"], 200)
        imports.append(run["import_s"])
        predicts.append(run["results"][0]["seconds"])
    return {"import_s": statistics.median(imports), "first_predict_s": statistics.median(predicts)}


@contextmanager
def moto_server() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


REFS = {
    "ArtifactsBucketName": "segmentation-check-artifacts",
    "ArtifactsBucket": "segmentation-check-artifacts",
    "TrainerFunctionArn": "segmentation-trainer-check",
    "JwtSecretVersion": "1",
}


def baseline_tree(code: Path, into: Path, commit: str) -> Path:
    """The package with `commit`'s own code (app.py, chalicelib, segcore) in place of ours,
    compiled as `make package` compiles it: the same dependencies, the same run, that code."""
    baseline = into / "baseline"
    shutil.copytree(code, baseline, symlinks=True)
    _writable(baseline)
    for name in ("app.py", "chalicelib", "segcore"):
        target = baseline / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "app.py", "chalicelib", "segcore"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(baseline)], input=archive, check=True)
    targets = [baseline / name for name in ("app.py", "chalicelib", "segcore")]
    done = compile_bytecode(baseline, targets, legacy=False)
    if done.returncode != 0:
        raise CheckFailed(f"{commit}'s code does not compile:\n{done.stdout}{done.stderr}")
    for path in [baseline, *baseline.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return baseline


def run(bench_runs: int = 0, baseline: str | None = None) -> dict[str, Any]:
    report: dict[str, Any] = {}
    with moto_server() as endpoint, tempfile.TemporaryDirectory(prefix="lambda-check-") as state:
        with packaged("api", endpoint, REFS) as api, packaged("trainer", endpoint, REFS) as trainer:
            seed(endpoint, api.environment, Path(state))
            model_version, trained = train_with_package(trainer)
            lines = [trained]
            for function in (trainer, api):
                compiled = function.compiled_from_source()
                if compiled:
                    raise CheckFailed(
                        f"{function.name}: {len(compiled)} modules compiled from source at import "
                        f"(the package should ship their bytecode), e.g. {compiled[:5]}"
                    )
            lines.append("api and trainer packages: every module imported from shipped bytecode")
            loaded = set(api.invoke([])["modules"])
            missing = sorted(set(LOADED_AT_INIT) - loaded)
            if missing:
                raise CheckFailed(f"api: `import app` leaves {missing} to the first /predict")
            eager = sorted(set(LOADED_ON_FIRST_USE) & loaded)
            if eager:
                raise CheckFailed(f"api: `import app` loads {eager}; they should load on first use")
            lines.append(
                f"api package: `import app` (Lambda's init) builds the services with "
                f"{', '.join(LOADED_AT_INIT)}, and loads none of {', '.join(LOADED_ON_FIRST_USE)}"
            )
            outcome = exercise_api(api, model_version)
            lines += outcome.lines
            if bench_runs:
                report["package"] = cold_starts(api, outcome.token, bench_runs)
            if bench_runs and baseline:
                old = replace(api, code=baseline_tree(api.code, Path(state), baseline))
                try:
                    report["baseline"] = cold_starts(old, outcome.token, bench_runs)
                finally:
                    _writable(old.code)
        report["lines"] = lines
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the packaged zips as Lambda does.")
    parser.add_argument("--bench", type=int, default=0, help="also time N fresh API containers; print JSON")
    parser.add_argument(
        "--baseline", help="with --bench: also time the API code of this commit, in the same package"
    )
    args = parser.parse_args(argv)
    try:
        report = run(args.bench, args.baseline)
    except CheckFailed as error:
        print(f"lambda-check: FAILED {error}", file=sys.stderr)
        return 1
    if args.bench:
        print(json.dumps(report))
    else:
        print("\n".join(report["lines"]))
        print("lambda-check: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
