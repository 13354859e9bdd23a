"""The packaged stacks are operable: alarms on what breaks, a dashboard of the same figures, JSON
logs kept for a set time and encrypted, capped concurrency, TLS 1.2 at the edge, encrypted
queues and topics, access logs for the buckets, and every scanner exception with its reason."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from deploy.operations import DURATION_ALARM_SHARE
from tests.deploy.test_templates import (
    ROOT,
    _as_list,
    _assert_private_encrypted_versioned,
    _load,
    _of_type,
    _statements,
)


@pytest.fixture(scope="module")
def api_stack() -> dict[str, Any]:
    return _load("api")


@pytest.fixture(scope="module")
def trainer_stack() -> dict[str, Any]:
    return _load("trainer")


FUNCTIONS = {"api": ("APIHandler", ROOT), "trainer": ("Train", ROOT / "training")}


def _alarms(template: dict[str, Any]) -> list[dict[str, Any]]:
    return [a["Properties"] for a in _of_type(template, "AWS::CloudWatch::Alarm").values()]


def _single_metric(template: dict[str, Any], namespace: str, name: str) -> list[dict[str, Any]]:
    return [a for a in _alarms(template) if a.get("Namespace") == namespace and a.get("MetricName") == name]


def _dimension(alarm: dict[str, Any], name: str) -> Any:
    (value,) = [d["Value"] for d in alarm["Dimensions"] if d["Name"] == name]
    return value


def _chalice_stage(project: Any, stage: str) -> dict[str, Any]:
    config = json.loads((project / ".chalice" / "config.json").read_text())
    return {**config, **config["stages"][stage]}


# ---- alarms --------------------------------------------------------------------------------


@pytest.mark.parametrize("app", ["api", "trainer"])
def test_every_alarm_notifies_the_stacks_encrypted_topic(app: str) -> None:
    template = _load(app)
    alarms = _alarms(template)
    assert alarms
    for alarm in alarms:
        assert alarm["AlarmActions"] == [{"Ref": "AlarmTopic"}], alarm["AlarmName"]
        assert alarm["TreatMissingData"] == "notBreaching"
    topic = template["Resources"]["AlarmTopic"]["Properties"]
    assert topic["KmsMasterKeyId"] == {"Ref": "OpsKey"}
    subscription = template["Resources"]["AlarmEmailSubscription"]
    assert subscription["Condition"] == "HasAlarmEmail"
    assert subscription["Properties"]["Endpoint"] == {"Ref": "AlarmEmail"}
    assert template["Parameters"]["AlarmEmail"]["Default"] == ""
    # CloudWatch can publish to the topic only if the key lets it.
    statements = template["Resources"]["OpsKey"]["Properties"]["KeyPolicy"]["Statement"]
    assert any(s["Principal"] == {"Service": "cloudwatch.amazonaws.com"} for s in statements)


def test_api_alarms_on_5xx_rate_and_p95_latency_of_this_api(api_stack: dict[str, Any]) -> None:
    (errors,) = _single_metric(api_stack, "AWS/ApiGateway", "5XXError")
    assert errors["Statistic"] == "Average" and 0 < errors["Threshold"] <= 0.05
    (latency,) = _single_metric(api_stack, "AWS/ApiGateway", "Latency")
    assert latency["ExtendedStatistic"] == "p95" and "Statistic" not in latency
    stage = api_stack["Resources"]["RestAPI"]["Properties"]["StageName"]
    for alarm in (errors, latency):
        assert _dimension(alarm, "ApiName") == api_stack["Resources"]["RestAPI"]["Properties"]["Name"]
        assert _dimension(alarm, "Stage") == stage


@pytest.mark.parametrize("app", ["api", "trainer"])
def test_each_function_alarms_on_errors_throttles_and_duration_near_its_timeout(app: str) -> None:
    template = _load(app)
    function, _ = FUNCTIONS[app]
    for metric in ("Errors", "Throttles", "Duration"):
        (alarm,) = _single_metric(template, "AWS/Lambda", metric)
        assert _dimension(alarm, "FunctionName") == {"Ref": function}
    (duration,) = _single_metric(template, "AWS/Lambda", "Duration")
    timeout_ms = template["Resources"][function]["Properties"]["Timeout"] * 1000
    assert duration["Statistic"] == "Maximum"
    assert duration["Threshold"] == round(timeout_ms * DURATION_ALARM_SHARE) < timeout_ms


def test_every_dynamodb_table_has_a_throttling_alarm(api_stack: dict[str, Any]) -> None:
    tables = set(_of_type(api_stack, "AWS::DynamoDB::Table"))
    watched = set()
    for alarm in _alarms(api_stack):
        for query in alarm.get("Metrics", []):
            metric = query.get("MetricStat", {}).get("Metric", {})
            if metric.get("Namespace") == "AWS/DynamoDB":
                assert metric["MetricName"] in ("ReadThrottleEvents", "WriteThrottleEvents")
                watched.add(metric["Dimensions"][0]["Value"]["Ref"])
    assert watched == tables


@pytest.mark.parametrize(
    ("app", "queue"), [("api", "ApiDeadLetterQueue"), ("trainer", "TrainerFailureQueue")]
)
def test_failure_queue_alarms_when_not_empty(app: str, queue: str) -> None:
    template = _load(app)
    (alarm,) = [
        a
        for a in _single_metric(template, "AWS/SQS", "ApproximateNumberOfMessagesVisible")
        if _dimension(a, "QueueName") == {"Fn::GetAtt": [queue, "QueueName"]}
    ]
    assert alarm["Threshold"] == 0 and alarm["ComparisonOperator"] == "GreaterThanThreshold"


# ---- dashboard -----------------------------------------------------------------------------


@pytest.mark.parametrize("app", ["api", "trainer"])
def test_dashboard_graphs_every_alarm_of_the_stack(app: str) -> None:
    template = _load(app)
    (dashboard,) = _of_type(template, "AWS::CloudWatch::Dashboard").values()
    body = json.loads(dashboard["Properties"]["DashboardBody"]["Fn::Sub"])
    graphed = {
        alarm
        for widget in body["widgets"]
        for alarm in widget.get("properties", {}).get("annotations", {}).get("alarms", [])
    }
    assert graphed == {f"${{{name}.Arn}}" for name in _of_type(template, "AWS::CloudWatch::Alarm")}


def test_api_dashboard_breaks_requests_down_by_route_from_the_access_lines(api_stack: dict[str, Any]) -> None:
    (dashboard,) = _of_type(api_stack, "AWS::CloudWatch::Dashboard").values()
    body = json.loads(dashboard["Properties"]["DashboardBody"]["Fn::Sub"])
    (query,) = [w["properties"]["query"] for w in body["widgets"] if w["type"] == "log"]
    assert query.startswith("SOURCE '${ApiLogGroup}'")
    assert "by route" in query and "duration_ms" in query


# ---- logs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("app", ["api", "trainer"])
def test_functions_log_json_to_an_encrypted_group_with_retention(app: str) -> None:
    template = _load(app)
    function, _ = FUNCTIONS[app]
    logging_config = template["Resources"][function]["Properties"]["LoggingConfig"]
    assert logging_config["LogFormat"] == "JSON"
    assert logging_config["ApplicationLogLevel"] == "INFO"
    groups = _of_type(template, "AWS::Logs::LogGroup")
    names = [g["Properties"]["LogGroupName"] for g in groups.values()]
    assert {"Fn::Sub": f"/aws/lambda/${{{function}}}"} in names
    for name, group in groups.items():
        assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}, name
        assert group["Properties"]["KmsKeyId"] == {"Fn::GetAtt": ["OpsKey", "Arn"]}, name
    assert template["Parameters"]["LogRetentionDays"]["Default"] <= 90
    key = template["Resources"]["OpsKey"]["Properties"]
    assert key["EnableKeyRotation"] is True
    (logs,) = [s for s in key["KeyPolicy"]["Statement"] if "logs." in json.dumps(s["Principal"])]
    assert "kms:EncryptionContext:aws:logs:arn" in logs["Condition"]["ArnLike"]


def test_api_gateway_writes_json_access_logs_without_client_addresses_and_traces(
    api_stack: dict[str, Any],
) -> None:
    props = api_stack["Resources"]["RestAPI"]["Properties"]
    assert props["TracingEnabled"] is True
    setting = props["AccessLogSetting"]
    assert setting["DestinationArn"] == {"Fn::GetAtt": ["ApiAccessLogGroup", "Arn"]}
    line = re.sub(r"\$context\.[A-Za-z.]+", "1", setting["Format"])
    assert {"request_id", "route", "method", "status", "latency_ms"} <= set(json.loads(line))
    assert "sourceIp" not in setting["Format"] and "userAgent" not in setting["Format"]
    # Access logging needs the account's API Gateway logging role, set before the stage exists.
    assert "ApiGatewayAccount" in api_stack["Resources"]["RestAPI"]["DependsOn"]


# ---- concurrency ---------------------------------------------------------------------------


@pytest.mark.parametrize("app", ["api", "trainer"])
def test_reserved_concurrency_is_set_per_stage_and_packaged(app: str) -> None:
    function, project = FUNCTIONS[app]
    caps = {stage: _chalice_stage(project, stage)["reserved_concurrency"] for stage in ("dev", "prod")}
    assert all(isinstance(cap, int) and cap > 0 for cap in caps.values()), caps
    assert caps["dev"] <= caps["prod"]
    packaged = _load(app)["Resources"][function]["Properties"]["ReservedConcurrentExecutions"]
    assert packaged == caps["prod"]


def test_the_trainer_cap_leaves_room_for_one_job_and_its_retry(trainer_stack: dict[str, Any]) -> None:
    assert 1 <= trainer_stack["Resources"]["Train"]["Properties"]["ReservedConcurrentExecutions"] <= 2


# ---- TLS, encryption, dead letters, bucket access logs ----------------------------------------


def test_cloudfront_serves_the_spa_domain_with_tls_1_2_or_later(api_stack: dict[str, Any]) -> None:
    config = api_stack["Resources"]["SpaDistribution"]["Properties"]["DistributionConfig"]
    certificate = config["ViewerCertificate"]
    assert certificate["MinimumProtocolVersion"] == "TLSv1.2_2021"
    assert certificate["SslSupportMethod"] == "sni-only"
    assert certificate["AcmCertificateArn"] == {"Ref": "SpaCertificateArn"}
    assert "CloudFrontDefaultCertificate" not in certificate
    assert config["Aliases"] == [{"Ref": "SpaDomainName"}]
    origin = json.loads((ROOT / ".chalice" / "config.json").read_text())["stages"]["prod"]
    assert "https://" + api_stack["Parameters"]["SpaDomainName"]["Default"] in origin[
        "environment_variables"
    ]["CORS_ORIGINS"].split(",")
    assert config["Logging"]["Bucket"] == {"Fn::GetAtt": ["AccessLogBucket", "DomainName"]}


@pytest.mark.parametrize("app", ["api", "trainer"])
def test_queues_are_encrypted_with_the_stacks_key_and_the_role_may_use_it(app: str) -> None:
    template = _load(app)
    queues = _of_type(template, "AWS::SQS::Queue")
    assert queues
    for name, queue in queues.items():
        assert queue["Properties"]["KmsMasterKeyId"] == {"Ref": "OpsKey"}, name
    function, _ = FUNCTIONS[app]
    role = template["Resources"][function]["Properties"]["Role"]["Fn::GetAtt"][0]
    kms = [
        s
        for owner, s in _statements(template)
        if "kms:GenerateDataKey" in _as_list(s["Action"])
        and template["Resources"][owner]["Properties"].get("Roles") == [{"Ref": role}]
    ]
    assert [_as_list(s["Resource"]) for s in kms] == [[{"Fn::GetAtt": ["OpsKey", "Arn"]}]]


def test_api_function_sends_failed_async_invocations_to_its_dead_letter_queue(
    api_stack: dict[str, Any],
) -> None:
    handler = api_stack["Resources"]["APIHandler"]
    target = {"Fn::GetAtt": ["ApiDeadLetterQueue", "Arn"]}
    assert handler["Properties"]["DeadLetterQueue"] == {"Type": "SQS", "TargetArn": target}
    sends = [
        owner
        for owner, s in _statements(api_stack)
        if "sqs:SendMessage" in _as_list(s["Action"]) and target in s["Resource"]
    ]
    assert sends == ["ApiDeadLetterQueueSendPolicy"]
    assert api_stack["Resources"]["ApiDeadLetterQueueSendPolicy"]["Properties"]["Roles"] == [
        {"Ref": "ApiHandlerRole"}
    ]
    # Lambda checks the role can send to the queue when the function is created.
    assert "ApiDeadLetterQueueSendPolicy" in handler["DependsOn"]


@pytest.mark.parametrize(("app", "bucket"), [("api", "SpaBucket"), ("trainer", "ArtifactsBucket")])
def test_buckets_log_access_to_a_private_log_bucket(app: str, bucket: str) -> None:
    template = _load(app)
    logging_config = template["Resources"][bucket]["Properties"]["LoggingConfiguration"]
    assert logging_config["DestinationBucketName"] == {"Ref": "AccessLogBucket"}
    _assert_private_encrypted_versioned(template, "AccessLogBucket")
    (policy,) = [
        p["Properties"]["PolicyDocument"]
        for p in _of_type(template, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": "AccessLogBucket"}
    ]
    (grant,) = [s for s in policy["Statement"] if s["Effect"] == "Allow"]
    assert grant["Principal"] == {"Service": "logging.s3.amazonaws.com"}
    assert grant["Action"] == ["s3:PutObject"]
    assert grant["Condition"]["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
    assert grant["Condition"]["ArnLike"]["aws:SourceArn"] == [{"Fn::GetAtt": [bucket, "Arn"]}]


@pytest.mark.parametrize("app", ["api", "trainer"])
def test_every_scanner_exception_is_recorded_with_a_reason(app: str) -> None:
    template = _load(app)
    skips = [
        (name, skip)
        for name, resource in template["Resources"].items()
        for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", [])
    ]
    assert skips
    for name, skip in skips:
        assert re.fullmatch(r"CKV2?_AWS_\d+", skip["id"]), name
        assert len(skip["comment"]) > 40, f"{name} {skip['id']}: give the reason"
