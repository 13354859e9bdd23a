"""The packaged templates (build/package/*/sam.json, written by `make package`) are deployable
as reviewed: cfn-lint clean, data stores encrypted and recoverable, least-privilege IAM, the
trainer wired to the API, API Gateway's own errors carrying CORS headers, throttled hot paths."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "package"
CFN_LINT = Path(sys.executable).parent / "cfn-lint"
ARTIFACT_PREFIXES = ("models", "datasets", "jobs", "scoring-jobs", "batches")


def _load(app: str) -> dict[str, Any]:
    path = BUILD / app / "sam.json"
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `make package` first", pytrace=False)
    return json.loads(path.read_text())


@pytest.fixture(scope="module")
def api() -> dict[str, Any]:
    return _load("api")


@pytest.fixture(scope="module")
def trainer() -> dict[str, Any]:
    return _load("trainer")


def _of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in template["Resources"].items() if v["Type"] == kind}


def _stage_env(project: Path, stage: str = "prod") -> dict[str, str]:
    config = json.loads((project / ".chalice" / "config.json").read_text())
    return {**config.get("environment_variables", {}), **config["stages"][stage]["environment_variables"]}


def _statements(template: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every IAM statement: roles' inline policies and AWS::IAM::Policy resources."""
    for name, resource in template["Resources"].items():
        props = resource.get("Properties", {})
        if resource["Type"] == "AWS::IAM::Role":
            documents = [p["PolicyDocument"] for p in props.get("Policies", [])]
        elif resource["Type"] == "AWS::IAM::Policy":
            documents = [props["PolicyDocument"]]
        else:
            continue
        for document in documents:
            for statement in document["Statement"]:
                yield name, statement


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str:
    """A resource as text: a literal, or the string inside Fn::Sub / Ref / Fn::GetAtt."""
    if isinstance(value, str):
        return value
    if "Fn::Sub" in value:
        sub = value["Fn::Sub"]
        return sub if isinstance(sub, str) else sub[0]
    if "Ref" in value:
        return "${" + value["Ref"] + "}"
    if "Fn::GetAtt" in value:
        return "${" + ".".join(value["Fn::GetAtt"]) + "}"
    raise AssertionError(f"unexpected resource expression {value!r}")


def _table_names(template: dict[str, Any]) -> set[str]:
    return set(_of_type(template, "AWS::DynamoDB::Table"))


# ---- cfn-lint ------------------------------------------------------------------------------


def test_cfn_lint_reports_no_errors(api: dict[str, Any], trainer: dict[str, Any]) -> None:
    done = subprocess.run(
        [
            str(CFN_LINT),
            "--format",
            "parseable",
            str(BUILD / "api" / "sam.json"),
            str(BUILD / "trainer" / "sam.json"),
        ],
        capture_output=True,
        text=True,
    )
    # cfn-lint's exit code is a bit mask: 2 = errors, 4 = warnings, 8 = informational.
    assert done.returncode & 2 == 0 and done.returncode < 16, done.stdout + done.stderr


# ---- packages ------------------------------------------------------------------------------


def _unzipped(app: str) -> tuple[float, set[str]]:
    total, top = 0, set()
    for path in (BUILD / app).glob("*.zip"):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                total += info.file_size
                top.add(info.filename.split("/")[0])
    return total / 1_000_000, top


def test_api_package_is_small_and_has_no_scikit_learn(api: dict[str, Any]) -> None:
    size, top = _unzipped("api")
    assert size <= 60, f"API package is {size:.1f} MB unzipped"
    assert not {"sklearn", "scipy"} & top
    assert {"app.py", "chalicelib", "segcore", "numpy", "pynamodb"} <= top


def test_trainer_package_fits_lambda_and_has_scikit_learn(trainer: dict[str, Any]) -> None:
    size, top = _unzipped("trainer")
    assert size <= 250, f"trainer package is {size:.1f} MB unzipped"
    assert {"app.py", "segtrainer", "segcore", "sklearn", "numpy", "joblib"} <= top


# ---- DynamoDB ------------------------------------------------------------------------------


def test_one_table_per_pynamodb_model_named_by_the_stage_prefix(api: dict[str, Any]) -> None:
    from chalicelib.db.models import TABLES
    from chalicelib.settings import get_settings

    prefix = get_settings().table_prefix + "-"
    suffixes = {model.Meta.table_name.removeprefix(prefix) for model in TABLES}
    stage_prefix = _stage_env(ROOT)["TABLE_PREFIX"]
    names = {t["Properties"]["TableName"] for t in _of_type(api, "AWS::DynamoDB::Table").values()}
    assert names == {f"{stage_prefix}-{suffix}" for suffix in suffixes}


def test_every_table_is_on_demand_recoverable_encrypted_and_retained(api: dict[str, Any]) -> None:
    tables = _of_type(api, "AWS::DynamoDB::Table")
    assert tables
    for name, table in tables.items():
        props = table["Properties"]
        assert props["BillingMode"] == "PAY_PER_REQUEST", name
        assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}, name
        assert props["SSESpecification"]["SSEEnabled"] is True, name
        assert table["DeletionPolicy"] == "Retain" and table["UpdateReplacePolicy"] == "Retain", name
        assert props["KeySchema"][0]["KeyType"] == "HASH", name


def test_ttl_is_on_exactly_where_the_code_uses_it(api: dict[str, Any]) -> None:
    from chalicelib.bootstrap import TTL_ATTRIBUTES

    stage_prefix = _stage_env(ROOT)["TABLE_PREFIX"]
    expected = {f"{stage_prefix}-{suffix}": attribute for suffix, attribute in TTL_ATTRIBUTES.items()}
    found = {
        t["Properties"]["TableName"]: t["Properties"]["TimeToLiveSpecification"]
        for t in _of_type(api, "AWS::DynamoDB::Table").values()
        if "TimeToLiveSpecification" in t["Properties"]
    }
    assert {name: spec["AttributeName"] for name, spec in found.items()} == expected
    assert all(spec["Enabled"] is True for spec in found.values())


# ---- S3 ------------------------------------------------------------------------------------


def _assert_private_encrypted_versioned(template: dict[str, Any], bucket: str) -> None:
    props = template["Resources"][bucket]["Properties"]
    rule = props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in ("AES256", "aws:kms")
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}
    block = props["PublicAccessBlockConfiguration"]
    assert all(
        block[k] is True
        for k in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")
    )
    policies = [
        p["Properties"]["PolicyDocument"]
        for p in _of_type(template, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": bucket}
    ]
    assert len(policies) == 1
    tls = [
        s
        for s in policies[0]["Statement"]
        if s["Effect"] == "Deny" and s["Condition"].get("Bool", {}).get("aws:SecureTransport") == "false"
    ]
    assert tls, "no TLS-only statement"
    covered = {_text(r) for r in _as_list(tls[0]["Resource"])}
    assert covered == {f"${{{bucket}.Arn}}", f"${{{bucket}.Arn}}/*"}
    assert tls[0]["Principal"] == "*" and tls[0]["Action"] == "s3:*"


def test_artifacts_bucket_is_private_encrypted_versioned_and_tls_only(trainer: dict[str, Any]) -> None:
    _assert_private_encrypted_versioned(trainer, "ArtifactsBucket")
    props = trainer["Resources"]["ArtifactsBucket"]
    assert props["DeletionPolicy"] == "Retain"
    assert props["Properties"]["BucketName"] == {"Ref": "ArtifactsBucketName"}


def test_spa_bucket_is_private_and_read_only_through_cloudfront_oac(api: dict[str, Any]) -> None:
    _assert_private_encrypted_versioned(api, "SpaBucket")
    distribution = api["Resources"]["SpaDistribution"]["Properties"]["DistributionConfig"]
    (origin,) = distribution["Origins"]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["SpaOriginAccessControl", "Id"]}
    assert distribution["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    (policy,) = [
        p
        for p in _of_type(api, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": "SpaBucket"}
    ]
    allows = [s for s in policy["Properties"]["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    assert len(allows) == 1
    assert allows[0]["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert allows[0]["Action"] == ["s3:GetObject"]
    assert "${SpaDistribution}" in _text(allows[0]["Condition"]["StringEquals"]["AWS:SourceArn"])


# ---- IAM -----------------------------------------------------------------------------------


@pytest.mark.parametrize("app", ["api", "trainer"])
def test_no_wildcard_actions_or_resources(app: str) -> None:
    template = _load(app)
    statements = list(_statements(template))
    assert statements
    for owner, statement in statements:
        if statement["Effect"] != "Allow":
            continue
        for action in _as_list(statement["Action"]):
            assert "*" not in action, f"{owner}: wildcard action {action}"
        for resource in _as_list(statement["Resource"]):
            text = _text(resource)
            assert text != "*", f"{owner}: resource *"
            if "*" in text:
                # Only object keys under a known prefix, table indexes and the stack's own log streams.
                allowed = [f"/{p}/*" for p in ARTIFACT_PREFIXES] + [
                    "/index/*",
                    "/aws/lambda/${AWS::StackName}-*:*",
                ]
                assert any(text.endswith(a) for a in allowed), f"{owner}: wildcard resource {text}"


@pytest.mark.parametrize("app", ["api", "trainer"])
def test_data_permissions_name_this_stacks_tables_and_the_artifacts_bucket(app: str) -> None:
    template = _load(app)
    tables = _table_names(template)
    for owner, statement in _statements(template):
        actions = _as_list(statement["Action"])
        resources = [_text(r) for r in _as_list(statement["Resource"])]
        if any(a.startswith("dynamodb:") for a in actions):
            for text in resources:
                assert text.startswith("${") and text.split(".")[0][2:] in tables, f"{owner}: {text}"
        if any(a.startswith("s3:") for a in actions):
            bucket = "${ArtifactsBucketName}"
            for text in resources:
                assert text == f"arn:${{AWS::Partition}}:s3:::{bucket}" or any(
                    text == f"arn:${{AWS::Partition}}:s3:::{bucket}/{p}/*" for p in ARTIFACT_PREFIXES
                ), f"{owner}: {text}"
            if "s3:ListBucket" in actions:
                assert actions == ["s3:ListBucket"], "bucket-level and object-level actions are separate"


def test_api_role_can_use_every_table_and_nothing_else_in_dynamodb(api: dict[str, Any]) -> None:
    tables = _table_names(api)
    granted = {
        _text(r).split(".")[0][2:]
        for owner, s in _statements(api)
        if any(a.startswith("dynamodb:") for a in _as_list(s["Action"]))
        for r in _as_list(s["Resource"])
    }
    assert granted == tables
    policy = api["Resources"]["ApiTablesPolicy"]["Properties"]
    assert policy["Roles"] == [{"Ref": "ApiHandlerRole"}]
    actions = set(policy["PolicyDocument"]["Statement"][0]["Action"])
    assert not actions & {"dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:UpdateTable"}


def test_trainer_needs_no_dynamodb(trainer: dict[str, Any]) -> None:
    for _, statement in _statements(trainer):
        assert not any(a.startswith("dynamodb:") for a in _as_list(statement["Action"]))


def test_api_reads_exactly_its_jwt_secret_parameter(api: dict[str, Any]) -> None:
    name = _stage_env(ROOT)["JWT_SECRET_PARAM"]
    assert (
        api["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]["JWT_SECRET_PARAM"] == name
    )
    ssm = [(s, r) for _, s in _statements(api) for r in _as_list(s["Resource"]) if ":ssm:" in _text(r)]
    assert [s["Action"] for s, _ in ssm] == [["ssm:GetParameter"]]
    assert _text(ssm[0][1]).endswith(f":parameter{name}")


# ---- wiring between the stacks -------------------------------------------------------------


def test_trainer_arn_flows_from_trainer_output_to_api_env_and_invoke_permission(
    api: dict[str, Any], trainer: dict[str, Any]
) -> None:
    output = trainer["Outputs"]["TrainerFunctionArn"]
    assert output["Value"] == {"Fn::GetAtt": ["Train", "Arn"]}
    assert "Export" in output
    assert api["Parameters"]["TrainerFunctionArn"]["Type"] == "String"
    env = api["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert env["TRAINER_FUNCTION_NAME"] == {"Ref": "TrainerFunctionArn"}
    invokes = [s for _, s in _statements(api) if "lambda:InvokeFunction" in _as_list(s["Action"])]
    assert len(invokes) == 1
    assert _as_list(invokes[0]["Resource"]) == [{"Ref": "TrainerFunctionArn"}]


def test_artifacts_bucket_flows_from_trainer_output_to_api(
    api: dict[str, Any], trainer: dict[str, Any]
) -> None:
    assert trainer["Outputs"]["ArtifactsBucketName"]["Value"] == {"Ref": "ArtifactsBucket"}
    assert trainer["Resources"]["Train"]["Properties"]["Environment"]["Variables"]["ARTIFACTS_BUCKET"] == {
        "Ref": "ArtifactsBucket"
    }
    env = api["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert env["ARTIFACTS_BUCKET"] == {"Ref": "ArtifactsBucketName"}
    assert (
        api["Parameters"]["ArtifactsBucketName"]["Default"]
        == trainer["Parameters"]["ArtifactsBucketName"]["Default"]
    )


def test_trainer_async_invokes_retry_once_then_land_in_a_queue(trainer: dict[str, Any]) -> None:
    (config,) = _of_type(trainer, "AWS::Lambda::EventInvokeConfig").values()
    props = config["Properties"]
    assert props["FunctionName"] == {"Ref": "Train"}
    assert props["Qualifier"] == "$LATEST"
    assert 0 <= props["MaximumRetryAttempts"] <= 2
    destination = props["DestinationConfig"]["OnFailure"]["Destination"]
    assert destination == {"Fn::GetAtt": ["TrainerFailureQueue", "Arn"]}
    assert trainer["Resources"]["TrainerFailureQueue"]["Type"] == "AWS::SQS::Queue"
    role = trainer["Resources"]["Train"]["Properties"]["Role"]["Fn::GetAtt"][0]
    sends = [
        (owner, s)
        for owner, s in _statements(trainer)
        if "sqs:SendMessage" in _as_list(s["Action"]) and destination in _as_list(s["Resource"])
    ]
    assert sends, "the trainer's role cannot send to its on-failure destination"
    for owner, _ in sends:
        assert trainer["Resources"][owner]["Properties"]["Roles"] == [{"Ref": role}]


# ---- API Gateway ---------------------------------------------------------------------------


def test_gateway_errors_carry_cors_headers_for_the_spa(api: dict[str, Any]) -> None:
    origin = _stage_env(ROOT)["CORS_ORIGINS"].split(",")[0].strip()
    responses = api["Resources"]["RestAPI"]["Properties"]["GatewayResponses"]
    for kind in ("DEFAULT_4XX", "DEFAULT_5XX", "THROTTLED"):
        headers = responses[kind]["ResponseParameters"]["Headers"]
        assert headers["Access-Control-Allow-Origin"] == f"'{origin}'", kind
        assert headers["Vary"] == "'Origin'"
        body = responses[kind]["ResponseTemplates"]["application/json"]
        assert '"code"' in body and "$context.requestId" in body
    assert responses["THROTTLED"]["ResponseParameters"]["Headers"]["Retry-After"] == "'1'"


def test_login_register_and_train_are_throttled_below_the_default(api: dict[str, Any]) -> None:
    settings = {
        (m["ResourcePath"], m["HttpMethod"]): m
        for m in api["Resources"]["RestAPI"]["Properties"]["MethodSettings"]
    }
    default = settings[("/*", "*")]
    paths = api["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"]
    for path in ("/auth/login", "/auth/register", "/train"):
        assert "post" in paths[path]
        setting = settings[("/" + path.replace("/", "~1"), "POST")]
        assert 0 < setting["ThrottlingRateLimit"] < default["ThrottlingRateLimit"], path
        assert 0 < setting["ThrottlingBurstLimit"] < default["ThrottlingBurstLimit"], path
