"""`make package`: deployable CloudFormation templates for the API and the trainer.

    .venv/bin/python -m deploy.package [--stage prod] [--arch x86_64|arm64]

For each app (the API in the repository root, the trainer in training/) this runs

    chalice package --stage STAGE --pkg-format cloudformation --merge-template M build/package/APP/

where M is a merge template built here from deploy/<app>-resources.json plus what is derived from
the code at build time: one DynamoDB table per PynamoDB model in chalicelib.db.models.TABLES (TTL
from chalicelib.bootstrap.TTL_ATTRIBUTES), the API role's policy on exactly those tables, the
password-reset mail's SES template (chalicelib.recovery.mail), and API Gateway's
DEFAULT_4XX/DEFAULT_5XX/THROTTLED responses with the stage's first CORS origin.

Then each deployment.zip is trimmed of what the Lambda runtime already provides (boto3, botocore
and their dependencies: pynamodb pulls botocore in) and of third-party test suites, checked
against its budget (API <= 60 MB unzipped with no scikit-learn/scipy; trainer <= 250 MB including
layers), given compiled bytecode (see add_bytecode: Lambda cannot write it), and imported in a
clean interpreter that sees only the package and the runtime's SDK. `make lambda-check`
(local/lambda_check.py) then runs both zips as Lambda does, against moto.

chalice prints "Could not install dependencies" and still exits 0 when a wheel is missing for
the Lambda platform (docs/ARCHITECTURE.md); that message is a failure here. The last line printed starts
with `package:` and gives each package's unzipped size and whether scikit-learn is inside.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from deploy import operations

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "package"
DEPLOY = ROOT / "deploy"
VENV_BIN = Path(sys.executable).parent
MB = 1_000_000
HOST_ARCH = {"x86_64": "x86_64", "aarch64": "arm64", "arm64": "arm64"}.get(
    platform.machine(), platform.machine()
)

API_BUDGET_MB = 60.0
TRAINER_BUDGET_MB = 250.0  # Lambda: function + layers, unzipped
API_FORBIDDEN = ("sklearn", "scipy")
INSTALL_FAILURE = "Could not install dependencies"

# Provided by the Lambda Python runtime; pynamodb depends on botocore, so chalice packages it.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six")
RUNTIME_DIST_INFO = re.compile(
    r"^(boto3|botocore|s3transfer|jmespath|python_dateutil|urllib3|six)-[^/]*\.(dist|egg)-info$"
)
OUR_CODE = ("app.py", "chalicelib", "segcore", "chalice")
# Build-time files in third-party wheels: type stubs, C/Cython sources and headers. (numpy/f2py
# stays: scipy runs `from numpy import *`, which imports it.)
NOT_NEEDED_AT_RUN_TIME = re.compile(r"\.(pyi|pxd|pyx|pxi|c|cpp|h|hpp)$")

TABLE_ACTIONS = [
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DeleteItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:UpdateItem",
]


ARCHITECTURES = ("x86_64", "arm64")
# What chalice reads from a project directory when it packages one.
PROJECT_FILES = ("app.py", "chalicelib", "vendor", "requirements.txt")


class PackageError(RuntimeError):
    pass


@dataclass
class AppBuild:
    name: str  # "api" or "trainer"
    project_dir: Path
    role: str  # logical id of the function's IAM role in chalice's template
    budget_mb: float
    forbidden: tuple[str, ...] = ()
    arch: str = "x86_64"
    out_dir: Path = field(init=False)
    merge_file: Path = field(init=False)

    def __post_init__(self) -> None:
        self.out_dir = BUILD / self.name
        self.merge_file = BUILD / f"{self.name}-merge.json"


@dataclass
class Measured:
    unzipped_bytes: int
    top_level: set[str]
    zips: list[str]

    @property
    def mb(self) -> float:
        return self.unzipped_bytes / MB

    def contains(self, name: str) -> bool:
        return name in self.top_level


# ---- configuration -----------------------------------------------------------------------


def stage_environment(project_dir: Path, stage: str) -> dict[str, str]:
    """The environment variables chalice gives the function in this stage."""
    config = json.loads((project_dir / ".chalice" / "config.json").read_text())
    if stage not in config.get("stages", {}):
        raise PackageError(f"{project_dir / '.chalice/config.json'} has no stage {stage!r}")
    env = dict(config.get("environment_variables", {}))
    env.update(config["stages"][stage].get("environment_variables", {}))
    return env


def cors_origins(env: dict[str, str]) -> list[str]:
    origins = [o.strip() for o in env.get("CORS_ORIGINS", "").split(",") if o.strip()]
    if not origins:
        raise PackageError("CORS_ORIGINS is empty for this stage: the SPA could not call the API")
    return origins


# ---- DynamoDB tables from the PynamoDB models ----------------------------------------------


def logical_id(suffix: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", suffix) if part) + "Table"


def _without_throughput(index: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in index.items() if k != "ProvisionedThroughput"}


def table_resources(table_prefix: str) -> dict[str, dict[str, Any]]:
    """One AWS::DynamoDB::Table per model in TABLES, named `<table_prefix>-<suffix>`."""
    sys.path.insert(0, str(ROOT))
    from chalicelib.bootstrap import TTL_ATTRIBUTES
    from chalicelib.db.models import TABLES
    from chalicelib.settings import get_settings

    import_prefix = get_settings().table_prefix + "-"
    resources: dict[str, dict[str, Any]] = {}
    suffixes = set()
    for model in TABLES:
        name = model.Meta.table_name
        if not name.startswith(import_prefix):
            raise PackageError(f"table {name!r} does not start with TABLE_PREFIX {import_prefix!r}")
        suffix = name[len(import_prefix) :]
        suffixes.add(suffix)
        schema = model._get_schema()
        properties: dict[str, Any] = {
            "TableName": f"{table_prefix}-{suffix}",
            "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": schema["attribute_definitions"],
            # DynamoDB wants the HASH key first; PynamoDB lists them in attribute order.
            "KeySchema": sorted(schema["key_schema"], key=lambda k: k["KeyType"] != "HASH"),
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            "SSESpecification": {"SSEEnabled": True},
            "DeletionProtectionEnabled": True,
        }
        if schema["global_secondary_indexes"]:
            properties["GlobalSecondaryIndexes"] = [
                _without_throughput(i) for i in schema["global_secondary_indexes"]
            ]
        if schema["local_secondary_indexes"]:
            properties["LocalSecondaryIndexes"] = schema["local_secondary_indexes"]
        if suffix in TTL_ATTRIBUTES:
            properties["TimeToLiveSpecification"] = {
                "AttributeName": TTL_ATTRIBUTES[suffix],
                "Enabled": True,
            }
        resources[logical_id(suffix)] = {
            "Type": "AWS::DynamoDB::Table",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": properties,
        }
    unknown = set(TTL_ATTRIBUTES) - suffixes
    if unknown:
        raise PackageError(f"TTL_ATTRIBUTES names tables that are not in TABLES: {sorted(unknown)}")
    return resources


def tables_policy(tables: dict[str, dict[str, Any]], role: str) -> dict[str, Any]:
    resources: list[Any] = []
    for logical, table in tables.items():
        resources.append({"Fn::GetAtt": [logical, "Arn"]})
        props = table["Properties"]
        if props.get("GlobalSecondaryIndexes") or props.get("LocalSecondaryIndexes"):
            resources.append({"Fn::Sub": f"${{{logical}.Arn}}/index/*"})
    return {
        "Type": "AWS::IAM::Policy",
        "Properties": {
            "PolicyName": "AppTables",
            "Roles": [{"Ref": role}],
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "AppTablesItems",
                        "Effect": "Allow",
                        "Action": TABLE_ACTIONS,
                        "Resource": resources,
                    }
                ],
            },
        },
    }


# ---- password-reset mail -------------------------------------------------------------------


def mail_resources(env: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The SES template of the reset mail, from the one definition the API and local stack use.

    Its name follows the stage's TABLE_PREFIX exactly as Settings.password_reset_template does.
    The sender identity is PasswordResetSenderIdentity in deploy/api-resources.json.
    """
    sys.path.insert(0, str(ROOT))
    from chalicelib.recovery.mail import RESET_MAIL
    from chalicelib.settings import Settings

    name = Settings(table_prefix=env["TABLE_PREFIX"]).password_reset_template
    return {
        "PasswordResetMailTemplate": {
            "Type": "AWS::SES::Template",
            "Properties": {"Template": RESET_MAIL.as_ses(name)},
        }
    }


# ---- merge templates -----------------------------------------------------------------------


def gateway_responses(origin: str) -> dict[str, Any]:
    """API Gateway's own errors (throttled, too large, timeouts) in the contract's shape, with CORS.

    A gateway response can only carry a fixed origin: the stage's first CORS origin (the SPA's).
    """
    headers = {
        "Access-Control-Allow-Origin": f"'{origin}'",
        "Access-Control-Expose-Headers": "'Retry-After,X-Request-Id'",
        "Vary": "'Origin'",
        "X-Content-Type-Options": "'nosniff'",
        "Cache-Control": "'no-store'",
        "Strict-Transport-Security": "'max-age=63072000; includeSubDomains'",
        "Referrer-Policy": "'no-referrer'",
    }

    def body(code: str) -> dict[str, str]:
        return {
            "application/json": (
                f'{{"code": "{code}", "message": $context.error.messageString, '
                '"request_id": "$context.requestId"}'
            )
        }

    return {
        "DEFAULT_4XX": {
            "ResponseParameters": {"Headers": headers},
            "ResponseTemplates": body("request_rejected"),
        },
        "DEFAULT_5XX": {
            "ResponseParameters": {"Headers": headers},
            "ResponseTemplates": body("gateway_error"),
        },
        "THROTTLED": {
            "StatusCode": "429",
            "ResponseParameters": {"Headers": {**headers, "Retry-After": "'1'"}},
            "ResponseTemplates": body("throttled"),
        },
        "REQUEST_TOO_LARGE": {
            "StatusCode": "413",
            "ResponseParameters": {"Headers": headers},
            "ResponseTemplates": body("payload_too_large"),
        },
    }


def api_merge_template(app: AppBuild, stage: str) -> dict[str, Any]:
    template = json.loads((DEPLOY / "api-resources.json").read_text())
    env = stage_environment(app.project_dir, stage)
    template["Parameters"]["ArtifactsBucketName"]["Default"] = env["ARTIFACTS_BUCKET"]
    if not env.get("MAIL_SENDER"):
        raise PackageError(f"MAIL_SENDER is not set for stage {stage!r}: reset mails need a sender")
    template["Parameters"]["MailSenderAddress"]["Default"] = env["MAIL_SENDER"]
    tables = table_resources(env["TABLE_PREFIX"])
    generated = {**tables, **mail_resources(env)}
    resources = template["Resources"]
    clash = set(generated) & set(resources)
    if clash:
        raise PackageError(f"deploy/api-resources.json already defines {sorted(clash)}")
    resources.update(generated)
    # The sender the code uses is the identity the stack verifies (and the policy names).
    resources["APIHandler"]["Properties"]["Environment"]["Variables"]["MAIL_SENDER"] = {
        "Ref": "MailSenderAddress"
    }
    resources["ApiTablesPolicy"] = tables_policy(tables, app.role)
    resources["RestAPI"]["Properties"]["GatewayResponses"] = gateway_responses(cors_origins(env)[0])
    # The function starts only once its permissions are attached.
    resources["APIHandler"]["DependsOn"] = ["ApiTablesPolicy", "ApiInvokeTrainerPolicy"]
    template.setdefault("Outputs", {}).update(
        {f"{logical}Name": {"Value": {"Ref": logical}} for logical in tables}
    )
    add_api_operations(template, app, stage, env)
    return template


def trainer_merge_template(app: AppBuild, stage: str) -> dict[str, Any]:
    template = json.loads((DEPLOY / "trainer-resources.json").read_text())
    bucket = stage_environment(app.project_dir, stage)["ARTIFACTS_BUCKET"]
    template["Parameters"]["ArtifactsBucketName"]["Default"] = bucket
    add_trainer_operations(template, app, stage)
    # The SPA (the API's CORS origins) uploads datasets straight to the bucket.
    origins = cors_origins(stage_environment(ROOT, stage))
    template["Parameters"]["UploadOrigins"]["Default"] = ",".join(origins)
    return template


# ---- operations: alarms, dashboard, logs, failure queues, scan decisions (deploy/operations.py) --


def add_api_operations(template: dict[str, Any], app: AppBuild, stage: str, env: dict[str, str]) -> None:
    spa_domain = urlsplit(cors_origins(env)[0]).hostname
    if not spa_domain:
        raise PackageError(f"the first CORS origin of stage {stage!r} has no host name")
    template["Parameters"]["SpaDomainName"]["Default"] = spa_domain
    operations.api_operations(
        template,
        function="APIHandler",
        role=app.role,
        timeout_s=int(operations.chalice_setting(app.project_dir, stage, "lambda_timeout")),
        stage=str(operations.chalice_setting(app.project_dir, stage, "api_gateway_stage")),
        api_name={"Fn::Sub": "${AWS::StackName}"},
    )
    # Lambda refuses a dead-letter queue the role cannot send to yet.
    template["Resources"]["APIHandler"]["DependsOn"].append("ApiDeadLetterQueueSendPolicy")


def add_trainer_operations(template: dict[str, Any], app: AppBuild, stage: str) -> None:
    operations.trainer_operations(
        template,
        function="Train",
        role=app.role,
        timeout_s=int(operations.chalice_setting(app.project_dir, stage, "lambda_timeout")),
    )


def check_shared_bucket(api: AppBuild, trainer: AppBuild, stage: str) -> None:
    api_bucket = stage_environment(api.project_dir, stage)["ARTIFACTS_BUCKET"]
    trainer_bucket = stage_environment(trainer.project_dir, stage)["ARTIFACTS_BUCKET"]
    if api_bucket != trainer_bucket:
        raise PackageError(
            f"ARTIFACTS_BUCKET differs between the API ({api_bucket}) and the trainer ({trainer_bucket})"
        )


# ---- chalice package ---------------------------------------------------------------------


def project_for(app: AppBuild) -> Path:
    """The project directory chalice packages, for the app's architecture.

    chalice takes the architecture (which manylinux wheels to fetch, and the function's
    Architectures) only from .chalice/config.json. For arm64 this is a directory of links to the
    real project whose config adds `lambda_architecture`; the dependency cache is shared.
    """
    if app.arch == "x86_64":
        return app.project_dir
    staged = BUILD / f"{app.name}-{app.arch}-project"
    if staged.exists():
        shutil.rmtree(staged)
    (staged / ".chalice").mkdir(parents=True)
    for name in PROJECT_FILES:
        if (app.project_dir / name).exists():
            (staged / name).symlink_to(app.project_dir / name)
    for entry in (app.project_dir / ".chalice").iterdir():
        if entry.name != "config.json":
            (staged / ".chalice" / entry.name).symlink_to(entry)
    config = json.loads((app.project_dir / ".chalice" / "config.json").read_text())
    config["lambda_architecture"] = app.arch
    (staged / ".chalice" / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    return staged


def run_chalice(app: AppBuild, stage: str) -> tuple[float, str]:
    if app.out_dir.exists():
        shutil.rmtree(app.out_dir)
    env = {**os.environ, "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "us-east-1")}
    env.pop("AWS_ENDPOINT_URL", None)
    command = [
        str(VENV_BIN / "chalice"),
        "--project-dir",
        str(project_for(app)),
        "package",
        "--stage",
        stage,
        "--pkg-format",
        "cloudformation",
        "--merge-template",
        str(app.merge_file),
        str(app.out_dir),
    ]
    started = time.monotonic()
    done = subprocess.run(command, cwd=app.project_dir, env=env, capture_output=True, text=True)
    output = done.stdout + done.stderr
    if done.returncode != 0 or INSTALL_FAILURE in output:
        raise PackageError(f"chalice package failed for the {app.name}:\n{output.strip()}")
    if not (app.out_dir / "sam.json").is_file():
        raise PackageError(f"chalice package wrote no sam.json for the {app.name}:\n{output.strip()}")
    return time.monotonic() - started, output


# ---- the zip: trim, measure, import --------------------------------------------------------


def _provided_by_runtime(name: str) -> bool:
    top = name.split("/", 1)[0]
    module = top[:-3] if top.endswith(".py") else top
    return module in RUNTIME_PROVIDED or bool(RUNTIME_DIST_INFO.match(top))


def _not_needed(name: str) -> bool:
    parts = name.split("/")
    if parts[0] in OUR_CODE:
        return False
    return any(p == "tests" for p in parts[1:-1]) or bool(NOT_NEEDED_AT_RUN_TIME.search(name))


def trim_zip(path: Path) -> int:
    """Drop what the runtime provides and third-party tests and build files; return bytes dropped."""
    trimmed = path.with_suffix(".trimmed.zip")
    dropped = 0
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(trimmed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if _provided_by_runtime(info.filename) or _not_needed(info.filename):
                dropped += info.file_size
                continue
            target.writestr(info, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
    trimmed.replace(path)
    return dropped


def compile_bytecode(tree: Path, targets: list[Path], *, legacy: bool) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash"]
    command += ["-s", str(tree), "-p", "/var/task"] + (["-b"] if legacy else [])
    return subprocess.run(command + [str(t) for t in targets], capture_output=True, text=True)


def add_bytecode(path: Path) -> int:
    """Ship compiled bytecode in the zip; return how many bytes the zip grew.

    Lambda's code directory is read-only, so without bytecode every cold start compiles every
    module it imports. This interpreter is Python 3.12, the runtime's, so the bytecode matches.
    - Our code (app.py, chalicelib, segcore, chalice) keeps its sources, for tracebacks, and gets
      `unchecked-hash` .pyc files in __pycache__: Python uses them without comparing mtimes (which
      the zip does not keep) or hashing the source.
    - Third-party modules ship as bytecode only (`foo.pyc` where `foo.py` was; Python imports it
      without a source), which keeps the package inside its budget. Their tracebacks show file
      and line without the line's text.
    `-p /var/task` names the files as they are on Lambda.
    """
    before = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    rebuilt = path.with_suffix(".bytecode.zip")
    with tempfile.TemporaryDirectory(prefix="pkg-bytecode-") as tmp:
        tree = Path(tmp) / "task"
        with zipfile.ZipFile(path) as archive:
            archive.extractall(tree)
        ours = [tree / name for name in OUR_CODE if (tree / name).exists()]
        theirs = [e for e in tree.iterdir() if e not in ours and (e.is_dir() or e.suffix == ".py")]
        done = compile_bytecode(tree, ours, legacy=False)
        if done.returncode != 0:
            raise PackageError(f"our code does not compile in {path}:\n{(done.stdout + done.stderr).strip()}")
        # Third-party trees carry a few files that are not Python 3 (templates, test data): those
        # keep their source and simply get no bytecode.
        compile_bytecode(tree, theirs, legacy=True)
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                name = info.filename
                top = name.split("/", 1)[0]
                if top not in OUR_CODE and name.endswith(".py") and (tree / f"{name}c").is_file():
                    target.write(tree / f"{name}c", f"{name}c")
                else:
                    target.writestr(info, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
            for compiled in sorted(tree.rglob("__pycache__/*.pyc")):
                if compiled.relative_to(tree).parts[0] in OUR_CODE or compiled.parent.parent == tree:
                    target.write(compiled, compiled.relative_to(tree).as_posix())
    rebuilt.replace(path)
    return sum(i.file_size for i in zipfile.ZipFile(path).infolist()) - before


def measure(out_dir: Path) -> Measured:
    total = 0
    top: set[str] = set()
    zips = sorted(p.name for p in out_dir.glob("*.zip"))
    for name in zips:
        with zipfile.ZipFile(out_dir / name) as archive:
            for info in archive.infolist():
                total += info.file_size
                # Layers put packages under python/; functions at the root.
                parts = info.filename.split("/")
                top.add(parts[1] if parts[0] == "python" and len(parts) > 2 else parts[0])
    return Measured(total, top, zips)


def runtime_sdk_dir(into: Path) -> Path:
    """A directory with only the SDK the Lambda runtime provides, linked from this venv."""
    import boto3

    site = Path(boto3.__file__).resolve().parent.parent
    sdk = into / "runtime"
    sdk.mkdir()
    for entry in site.iterdir():
        if _provided_by_runtime(entry.name):
            (sdk / entry.name).symlink_to(entry)
    # Single-file modules (six.py) keep their bytecode in the folder's own __pycache__, as the
    # packages' folders (botocore/__pycache__) do: without it six alone compiled at every start.
    for cached in (site / "__pycache__").glob("*.pyc"):
        if _provided_by_runtime(cached.name.split(".", 1)[0] + ".py"):
            (sdk / "__pycache__").mkdir(exist_ok=True)
            (sdk / "__pycache__" / cached.name).symlink_to(cached)
    return sdk


def import_check(app: AppBuild, probe: str) -> float:
    """Import the packaged code in an interpreter without site-packages; return its seconds."""
    with tempfile.TemporaryDirectory(prefix=f"pkg-{app.name}-") as tmp:
        root = Path(tmp)
        code = root / "task"
        for name in measure(app.out_dir).zips:
            with zipfile.ZipFile(app.out_dir / name) as archive:
                archive.extractall(code)
        sdk = runtime_sdk_dir(root)
        paths = [str(code), str(code / "python"), str(sdk)]
        script = (
            f"import sys, time; sys.path[:0] = {paths!r}; t = time.perf_counter()\n"
            f"{probe}\n"
            "print(round(time.perf_counter() - t, 3))"
        )
        env = {
            "PATH": os.environ.get("PATH", ""),
            "APP_STAGE": "local",
            "LOCAL_STATE_DIR": str(root / "state"),
            "AWS_DEFAULT_REGION": "us-east-1",
            "ARTIFACTS_BUCKET": "import-check",
        }
        command = [sys.executable, "-S", "-I", "-B", "-c", script]
        done = subprocess.run(command, cwd=code, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise PackageError(
                f"the {app.name} package does not import with only the runtime's SDK:\n{done.stderr.strip()}"
            )
        return float(done.stdout.strip().splitlines()[-1])


API_PROBE = "import app, numpy, pynamodb; assert 'sklearn' not in sys.modules and 'scipy' not in sys.modules"
TRAINER_PROBE = "import app, numpy, scipy, sklearn.cluster, joblib"


# ---- main ----------------------------------------------------------------------------------


def prune_chalice_cache(project_dir: Path, keep: int = 2) -> None:
    """chalice keeps one dependency zip per code hash in .chalice/deployments; keep the newest."""
    cached = sorted((project_dir / ".chalice" / "deployments").glob("*.zip"), key=lambda p: p.stat().st_mtime)
    for old in cached[:-keep]:
        old.unlink()


@dataclass
class AppResult:
    measured: Measured
    report: list[str]
    problems: list[str]


def build_app(app: AppBuild, stage: str, probe: str) -> AppResult:
    took, _ = run_chalice(app, stage)
    prune_chalice_cache(app.project_dir)
    dropped = sum(trim_zip(app.out_dir / name) for name in measure(app.out_dir).zips)
    bytecode = sum(add_bytecode(app.out_dir / name) for name in measure(app.out_dir).zips)
    m = measure(app.out_dir)
    problems = [f"{app.name} package contains {name}" for name in app.forbidden if m.contains(name)]
    if m.mb > app.budget_mb:
        problems.append(f"{app.name} package is {m.mb:.1f} MB unzipped; the budget is {app.budget_mb:.0f} MB")
    # An arm64 package cannot be imported by this machine's interpreter unless it is arm64 too.
    imported = import_check(app, probe) if app.arch == HOST_ARCH else None
    report = [
        f"{app.name}: chalice package {took:.1f} s; {', '.join(m.zips)} {m.mb:.1f} MB unzipped "
        f"(dropped {dropped / MB:.1f} MB: runtime SDK, tests, stubs, sources; "
        f"added {bytecode / MB:.1f} MB of bytecode)",
        f"{app.name}: imports in {imported:.2f} s from the package's bytecode, runtime SDK only"
        if imported is not None
        else f"{app.name}: built for {app.arch}; not imported here (this machine is {HOST_ARCH})",
    ]
    return AppResult(m, report, problems)


def build(stage: str, arch: str = "x86_64") -> str:
    started = time.monotonic()
    api = AppBuild(
        "api", ROOT, role="ApiHandlerRole", budget_mb=API_BUDGET_MB, forbidden=API_FORBIDDEN, arch=arch
    )
    trainer = AppBuild("trainer", ROOT / "training", role="TrainRole", budget_mb=TRAINER_BUDGET_MB, arch=arch)
    check_shared_bucket(api, trainer, stage)
    BUILD.mkdir(parents=True, exist_ok=True)
    api.merge_file.write_text(json.dumps(api_merge_template(api, stage), indent=2) + "\n")
    trainer.merge_file.write_text(json.dumps(trainer_merge_template(trainer, stage), indent=2) + "\n")

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            app.name: pool.submit(build_app, app, stage, probe)
            for app, probe in ((api, API_PROBE), (trainer, TRAINER_PROBE))
        }
        results = {name: future.result() for name, future in futures.items()}
    problems: list[str] = []
    for result in results.values():
        print("\n".join(result.report))
        problems += result.problems
    api_m, trainer_m = results["api"].measured, results["trainer"].measured
    if not trainer_m.contains("sklearn"):
        problems.append("trainer package has no scikit-learn")
    line = (
        f"package: api_unzipped_mb={api_m.mb:.1f} api_sklearn={'yes' if api_m.contains('sklearn') else 'no'} "
        f"trainer_unzipped_mb={trainer_m.mb:.1f} "
        f"trainer_sklearn={'yes' if trainer_m.contains('sklearn') else 'no'} "
        f"stage={stage} arch={arch} seconds={time.monotonic() - started:.0f}"
    )
    if problems:
        raise PackageError("; ".join(problems) + "\n" + line)
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stage", default="prod", choices=("dev", "prod"))
    parser.add_argument("--arch", default="x86_64", choices=ARCHITECTURES, help="Lambda architecture")
    args = parser.parse_args(argv)
    try:
        line = build(args.stage, args.arch)
    except PackageError as error:
        print(f"package: FAILED {error}", file=sys.stderr)
        return 1
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
