"""What an operator of the deployed stacks needs, added to both merge templates by deploy/package.py.

Each stack gets, from here:
- a customer-managed KMS key (rotated) for its log groups, queues and alarm topic;
- an SNS topic for alarms (optional e-mail subscription: parameter AlarmEmail);
- log groups encrypted with that key, retention from LogRetentionDays;
- an access-log bucket that receives the S3 server access logs of the stack's buckets (and, in
  the API stack, CloudFront's logs);
- for its function: JSON log format, the Lambda's own alarms (errors, throttles, duration near the
  timeout), a failure queue (encrypted) with a not-empty alarm and the role's right to send to it;
- in the API stack: API Gateway alarms (5xx rate, p95 latency) and a DynamoDB throttling alarm
  per table;
- a CloudWatch dashboard with one graph per alarm (so it shows exactly what is alarmed on) and,
  in the API stack, the access lines of the API function by route.

Every checkov check that is not fixed is skipped next to its resource with the reason
(`Metadata.checkov.skip`); local/scan.py fails on a skip without one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

OPS_KEY = "OpsKey"
ALARM_TOPIC = "AlarmTopic"
LOG_BUCKET = "AccessLogBucket"
DURATION_ALARM_SHARE = 0.8  # alarm when the slowest invocation used 80 % of the timeout
API_5XX_RATE = 0.05
API_P95_MS = 2500
ALARM_PERIOD_S = 300


def chalice_setting(project_dir: Path, stage: str, key: str) -> Any:
    """A chalice config value as chalice resolves it: the stage's, else the top level's."""
    config = json.loads((project_dir / ".chalice" / "config.json").read_text())
    stage_config = config.get("stages", {}).get(stage, {})
    if key in stage_config:
        return stage_config[key]
    if key in config:
        return config[key]
    raise KeyError(f"{project_dir / '.chalice/config.json'} sets no {key!r} for stage {stage!r}")


def skip_checks(resource: dict[str, Any], decisions: dict[str, str]) -> None:
    """Record deliberate exceptions to checkov checks next to the resource, each with its reason."""
    skips = resource.setdefault("Metadata", {}).setdefault("checkov", {}).setdefault("skip", [])
    known = {s["id"] for s in skips}
    skips.extend(
        {"id": check, "comment": reason} for check, reason in decisions.items() if check not in known
    )


def deny_insecure_transport(action: str, resource: Any) -> dict[str, Any]:
    return {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": action,
        "Resource": resource,
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


# ---- the key, the topic, the log groups --------------------------------------------------------


def ops_key() -> dict[str, Any]:
    log_groups = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*"
    return {
        "Type": "AWS::KMS::Key",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            "Description": {"Fn::Sub": "${AWS::StackName}: log groups, failure queues and the alarm topic"},
            "EnableKeyRotation": True,
            "KeyPolicy": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "AccountManagesKeyThroughIam",
                        "Effect": "Allow",
                        "Principal": {
                            "AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
                        },
                        "Action": "kms:*",
                        "Resource": "*",
                    },
                    {
                        "Sid": "CloudWatchLogsEncryptsThisAccountsLogGroups",
                        "Effect": "Allow",
                        "Principal": {"Service": {"Fn::Sub": "logs.${AWS::Region}.amazonaws.com"}},
                        "Action": [
                            "kms:Encrypt*",
                            "kms:Decrypt*",
                            "kms:ReEncrypt*",
                            "kms:GenerateDataKey*",
                            "kms:Describe*",
                        ],
                        "Resource": "*",
                        "Condition": {
                            "ArnLike": {"kms:EncryptionContext:aws:logs:arn": {"Fn::Sub": log_groups}}
                        },
                    },
                    {
                        "Sid": "CloudWatchAlarmsPublishToTheEncryptedTopic",
                        "Effect": "Allow",
                        "Principal": {"Service": "cloudwatch.amazonaws.com"},
                        "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
                        "Resource": "*",
                        "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}},
                    },
                ],
            },
        },
    }


def alarm_topic(template: dict[str, Any]) -> None:
    template["Parameters"]["AlarmEmail"] = {
        "Type": "String",
        "Default": "",
        "Description": "Optional: an e-mail address for the alarm topic (confirm the e-mail AWS sends).",
        "AllowedPattern": "^$|^[^@\\s]+@[^@\\s]+$",
    }
    template.setdefault("Conditions", {})["HasAlarmEmail"] = {
        "Fn::Not": [{"Fn::Equals": [{"Ref": "AlarmEmail"}, ""]}]
    }
    template["Resources"][ALARM_TOPIC] = {
        "Type": "AWS::SNS::Topic",
        "Properties": {
            "DisplayName": {"Fn::Sub": "${AWS::StackName} alarms"},
            "KmsMasterKeyId": {"Ref": OPS_KEY},
        },
    }
    template["Resources"]["AlarmEmailSubscription"] = {
        "Type": "AWS::SNS::Subscription",
        "Condition": "HasAlarmEmail",
        "Properties": {
            "TopicArn": {"Ref": ALARM_TOPIC},
            "Protocol": "email",
            "Endpoint": {"Ref": "AlarmEmail"},
        },
    }
    template.setdefault("Outputs", {})["AlarmTopicArn"] = {
        "Description": "Subscribe to be told when an alarm of this stack fires.",
        "Value": {"Ref": ALARM_TOPIC},
    }


def encrypt_log_groups(template: dict[str, Any]) -> None:
    """Every log group: the stack's key and the retention parameter (default 30 days: operational
    logs, not an audit trail; the audit log lives in DynamoDB)."""
    for resource in _of_type(template, "AWS::Logs::LogGroup").values():
        resource["Properties"]["KmsKeyId"] = {"Fn::GetAtt": [OPS_KEY, "Arn"]}
        resource["Properties"]["RetentionInDays"] = {"Ref": "LogRetentionDays"}


# ---- the access-log bucket ----------------------------------------------------------------


def access_log_bucket(template: dict[str, Any], sources: dict[str, str], *, cloudfront: bool) -> None:
    """A private log bucket receiving each source bucket's S3 server access logs under its prefix.

    CloudFront's standard logs need ACLs on the bucket (BucketOwnerPreferred); S3's are granted by
    the bucket policy below.
    """
    resources = template["Resources"]
    for bucket, prefix in sources.items():
        resources[bucket]["Properties"]["LoggingConfiguration"] = {
            "DestinationBucketName": {"Ref": LOG_BUCKET},
            "LogFilePrefix": f"s3/{prefix}/",
        }
    resources[LOG_BUCKET] = {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            # Server access logs can only be delivered to SSE-S3 buckets.
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": True}
                ]
            },
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "OwnershipControls": {
                "Rules": [
                    {"ObjectOwnership": "BucketOwnerPreferred" if cloudfront else "BucketOwnerEnforced"}
                ]
            },
            "VersioningConfiguration": {"Status": "Enabled"},
            "LifecycleConfiguration": {
                "Rules": [
                    {
                        "Id": "ExpireAccessLogs",
                        "Status": "Enabled",
                        "ExpirationInDays": 90,
                        "NoncurrentVersionExpiration": {"NoncurrentDays": 1},
                        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                    }
                ]
            },
        },
    }
    skip_checks(
        resources[LOG_BUCKET],
        {
            "CKV_AWS_18": "This is the access-log bucket: logging its own access into itself would loop.",
        },
    )
    arn = {"Fn::GetAtt": [LOG_BUCKET, "Arn"]}
    resources[f"{LOG_BUCKET}Policy"] = {
        "Type": "AWS::S3::BucketPolicy",
        "Properties": {
            "Bucket": {"Ref": LOG_BUCKET},
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    deny_insecure_transport("s3:*", [arn, {"Fn::Sub": f"${{{LOG_BUCKET}.Arn}}/*"}]),
                    {
                        "Sid": "S3ServerAccessLogsOfThisStacksBuckets",
                        "Effect": "Allow",
                        "Principal": {"Service": "logging.s3.amazonaws.com"},
                        "Action": ["s3:PutObject"],
                        "Resource": [{"Fn::Sub": f"${{{LOG_BUCKET}.Arn}}/s3/*"}],
                        "Condition": {
                            "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                            "ArnLike": {"aws:SourceArn": [{"Fn::GetAtt": [b, "Arn"]} for b in sources]},
                        },
                    },
                ],
            },
        },
    }
    template.setdefault("Outputs", {})["AccessLogBucketName"] = {"Value": {"Ref": LOG_BUCKET}}


# ---- functions: log format, failure queue, alarms -----------------------------------------


def function_operations(
    template: dict[str, Any], function: str, *, timeout_s: int, decisions: dict[str, str]
) -> None:
    """JSON logs, the checks decided for this function, and its errors/throttles/duration alarms."""
    resource = template["Resources"].setdefault(function, {})
    properties = resource.setdefault("Properties", {})
    # JSON system and application logs; START/END/REPORT only at WARN (their figures are metrics).
    properties["LoggingConfig"] = {
        "LogFormat": "JSON",
        "ApplicationLogLevel": "INFO",
        "SystemLogLevel": "WARN",
    }
    skip_checks(resource, decisions)
    name = {"Ref": function}
    dimension = [{"Name": "FunctionName", "Value": name}]
    label = _kebab(function)
    threshold_ms = round(timeout_s * 1000 * DURATION_ALARM_SHARE)
    alarms = (
        ("Errors", "Sum", 0, "failed (crash, timeout, out of memory) at least once in 5 minutes."),
        ("Throttles", "Sum", 0, "hit its reserved concurrency: invocations were refused."),
        (
            "Duration",
            "Maximum",
            threshold_ms,
            f"used over {DURATION_ALARM_SHARE:.0%} of its {timeout_s} s timeout.",
        ),
    )
    for metric_name, statistic, threshold, what in alarms:
        add_alarm(
            template,
            f"{function}{metric_name}Alarm",
            f"{label}-{metric_name.lower()}",
            f"The {function} function {what}",
            metric=metric("AWS/Lambda", metric_name, dimension, statistic),
            threshold=threshold,
        )


def failure_queue(template: dict[str, Any], queue: str, role: str, purpose: str) -> None:
    """An encrypted queue kept 14 days, TLS only, the role's right to send to it, a not-empty alarm."""
    resources = template["Resources"]
    arn = {"Fn::GetAtt": [queue, "Arn"]}
    resources[queue] = {
        "Type": "AWS::SQS::Queue",
        "Properties": {
            "MessageRetentionPeriod": 1209600,
            "KmsMasterKeyId": {"Ref": OPS_KEY},
            "KmsDataKeyReusePeriodSeconds": 3600,
        },
    }
    resources[f"{queue}Policy"] = {
        "Type": "AWS::SQS::QueuePolicy",
        "Properties": {
            "Queues": [{"Ref": queue}],
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [deny_insecure_transport("sqs:*", arn)],
            },
        },
    }
    resources[f"{queue}SendPolicy"] = {
        "Type": "AWS::IAM::Policy",
        "Properties": {
            "PolicyName": f"SendTo{queue}",
            "Roles": [{"Ref": role}],
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "SendFailedInvocations",
                        "Effect": "Allow",
                        "Action": ["sqs:SendMessage"],
                        "Resource": [arn],
                    },
                    {
                        "Sid": "EncryptForTheQueue",
                        "Effect": "Allow",
                        "Action": ["kms:GenerateDataKey", "kms:Decrypt"],
                        "Resource": [{"Fn::GetAtt": [OPS_KEY, "Arn"]}],
                    },
                ],
            },
        },
    }
    add_alarm(
        template,
        f"{queue}Alarm",
        f"{_kebab(queue)}-not-empty",
        f"{purpose} Read the message in {queue} (kept 14 days).",
        metric=metric(
            "AWS/SQS",
            "ApproximateNumberOfMessagesVisible",
            [{"Name": "QueueName", "Value": {"Fn::GetAtt": [queue, "QueueName"]}}],
            "Maximum",
        ),
        threshold=0,
    )
    template.setdefault("Outputs", {})[f"{queue}Url"] = {"Value": {"Ref": queue}}


# ---- alarms and the dashboard ---------------------------------------------------------------


def metric(namespace: str, name: str, dimensions: list[dict[str, Any]], statistic: str) -> dict[str, Any]:
    """One metric of a single-metric alarm; a `pNN` statistic is a percentile."""
    key = "ExtendedStatistic" if re.fullmatch(r"p\d+(\.\d+)?", statistic) else "Statistic"
    return {"Namespace": namespace, "MetricName": name, "Dimensions": dimensions, key: statistic}


def add_alarm(
    template: dict[str, Any],
    logical: str,
    name: str,
    description: str,
    *,
    threshold: float,
    metric: dict[str, Any] | None = None,
    metrics: list[dict[str, Any]] | None = None,
    evaluation_periods: int = 1,
    datapoints: int | None = None,
) -> None:
    """An alarm named `<stack>-<name>` that notifies the alarm topic; missing data is not breaching."""
    properties: dict[str, Any] = {
        "AlarmName": {"Fn::Sub": f"${{AWS::StackName}}-{name}"},
        "AlarmDescription": description,
        "ComparisonOperator": "GreaterThanThreshold",
        "Threshold": threshold,
        "EvaluationPeriods": evaluation_periods,
        "DatapointsToAlarm": datapoints or evaluation_periods,
        "TreatMissingData": "notBreaching",
        "AlarmActions": [{"Ref": ALARM_TOPIC}],
        "OKActions": [{"Ref": ALARM_TOPIC}],
    }
    if metric is not None:
        properties.update(metric)
        properties["Period"] = ALARM_PERIOD_S
    else:
        properties["Metrics"] = metrics
    template["Resources"][logical] = {"Type": "AWS::CloudWatch::Alarm", "Properties": properties}


def api_gateway_alarms(template: dict[str, Any], api_name: Any, stage: str) -> None:
    dimensions = [{"Name": "ApiName", "Value": api_name}, {"Name": "Stage", "Value": stage}]
    add_alarm(
        template,
        "Api5xxRateAlarm",
        "api-5xx-rate",
        f"Over {API_5XX_RATE:.0%} of API requests ended in a 5xx in 2 of the last 3 five-minute periods.",
        metric=metric("AWS/ApiGateway", "5XXError", dimensions, "Average"),
        threshold=API_5XX_RATE,
        evaluation_periods=3,
        datapoints=2,
    )
    add_alarm(
        template,
        "ApiLatencyP95Alarm",
        "api-latency-p95",
        f"The API's p95 latency was above {API_P95_MS} ms for 15 minutes.",
        metric=metric("AWS/ApiGateway", "Latency", dimensions, "p95"),
        threshold=API_P95_MS,
        evaluation_periods=3,
    )


def dynamodb_throttle_alarms(template: dict[str, Any]) -> None:
    """One alarm per table on read + write throttle events (on-demand tables throttle rarely)."""
    for logical in sorted(_of_type(template, "AWS::DynamoDB::Table")):
        table = [{"Name": "TableName", "Value": {"Ref": logical}}]

        def events(metric_name: str, table: list[dict[str, Any]] = table) -> dict[str, Any]:
            return {
                "MetricStat": {
                    "Metric": {"Namespace": "AWS/DynamoDB", "MetricName": metric_name, "Dimensions": table},
                    "Period": ALARM_PERIOD_S,
                    "Stat": "Sum",
                },
                "ReturnData": False,
            }

        add_alarm(
            template,
            f"{logical}ThrottleAlarm",
            f"dynamodb-{_kebab(logical.removesuffix('Table'))}-throttled",
            f"DynamoDB throttled reads or writes on {logical} in the last 5 minutes.",
            metrics=[
                {"Id": "reads", **events("ReadThrottleEvents")},
                {"Id": "writes", **events("WriteThrottleEvents")},
                {"Id": "throttled", "Expression": "FILL(reads, 0) + FILL(writes, 0)", "ReturnData": True},
            ],
            threshold=0,
        )


def dashboard(template: dict[str, Any], title: str, log_group: str | None = None) -> None:
    """One graph per alarm of the stack (the alarm's own metric and threshold), and the access lines."""
    widgets: list[dict[str, Any]] = [
        {
            "type": "text",
            "width": 24,
            "height": 2,
            "properties": {"markdown": f"# {title}\nEach graph is one alarm: its metric and its threshold."},
        }
    ]
    for index, logical in enumerate(sorted(_of_type(template, "AWS::CloudWatch::Alarm"))):
        widgets.append(
            {
                "type": "metric",
                "x": (index % 3) * 8,
                "width": 8,
                "height": 6,
                "properties": {
                    "title": logical.removesuffix("Alarm"),
                    "annotations": {"alarms": [f"${{{logical}.Arn}}"]},
                    "view": "timeSeries",
                    "stacked": False,
                    "region": "${AWS::Region}",
                },
            }
        )
    if log_group is not None:
        query = (
            f"SOURCE '${{{log_group}}}' | filter ispresent(route) "
            "| stats count(*) as requests, pct(duration_ms, 95) as p95_ms, "
            "sum(status >= 500) as errors_5xx by route, method | sort requests desc"
        )
        widgets.append(
            {
                "type": "log",
                "width": 24,
                "height": 8,
                "properties": {
                    "title": "Requests by route (access lines)",
                    "query": query,
                    "region": "${AWS::Region}",
                    "view": "table",
                },
            }
        )
    template["Resources"]["Dashboard"] = {
        "Type": "AWS::CloudWatch::Dashboard",
        "Properties": {
            "DashboardName": {"Fn::Sub": "${AWS::StackName}"},
            "DashboardBody": {"Fn::Sub": json.dumps({"widgets": widgets}, separators=(",", ":"))},
        },
    }
    template.setdefault("Outputs", {})["DashboardUrl"] = {
        "Value": {
            "Fn::Sub": "https://${AWS::Region}.console.aws.amazon.com/cloudwatch/home"
            "?region=${AWS::Region}#dashboards:name=${AWS::StackName}"
        }
    }


# ---- per stack ------------------------------------------------------------------------------

FUNCTION_DECISIONS = {
    "CKV_AWS_117": "No VPC: the function calls only AWS service APIs, over TLS and authorised by "
    "IAM; a VPC would add NAT gateway or endpoint costs and protect nothing that lives inside it.",
    "CKV_AWS_173": "The environment holds names and settings, no secret (the API's signing key is "
    "read from SSM at start); Lambda encrypts it at rest with the AWS-managed key.",
}


def _common(template: dict[str, Any]) -> None:
    template["Resources"][OPS_KEY] = ops_key()
    alarm_topic(template)


def api_operations(
    template: dict[str, Any], *, function: str, role: str, timeout_s: int, stage: str, api_name: Any
) -> None:
    _common(template)
    failure_queue(
        template,
        "ApiDeadLetterQueue",
        role,
        "An asynchronous invocation of the API function failed after Lambda's retries.",
    )
    template["Resources"][function]["Properties"]["DeadLetterQueue"] = {
        "Type": "SQS",
        "TargetArn": {"Fn::GetAtt": ["ApiDeadLetterQueue", "Arn"]},
    }
    function_operations(template, function, timeout_s=timeout_s, decisions=FUNCTION_DECISIONS)
    api_gateway_alarms(template, api_name, stage)
    dynamodb_throttle_alarms(template)
    for table in _of_type(template, "AWS::DynamoDB::Table").values():
        skip_checks(
            table,
            {
                "CKV_AWS_119": "Encrypted at rest with the AWS-owned key (SSESpecification): a "
                "customer-managed key would add a KMS request to every uncached read and write "
                "and a key to administer, and no other account or service reads these tables.",
            },
        )
    access_log_bucket(template, {"SpaBucket": "spa"}, cloudfront=True)
    encrypt_log_groups(template)
    dashboard(template, "Customer segmentation: API", log_group="ApiLogGroup")


def trainer_operations(template: dict[str, Any], *, function: str, role: str, timeout_s: int) -> None:
    _common(template)
    failure_queue(
        template,
        "TrainerFailureQueue",
        role,
        "A training job's invocation failed after its retry (timeout, out of memory, crash).",
    )
    function_operations(
        template,
        function,
        timeout_s=timeout_s,
        decisions={
            **FUNCTION_DECISIONS,
            "CKV_AWS_116": "Failed asynchronous invocations go to TrainerFailureQueue through the "
            "on-failure destination (TrainerAsyncInvokeConfig), which records more than a DLQ.",
        },
    )
    access_log_bucket(template, {"ArtifactsBucket": "artifacts"}, cloudfront=False)
    encrypt_log_groups(template)
    dashboard(template, "Customer segmentation: trainer")


def _of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in template["Resources"].items() if v.get("Type") == kind}


def _kebab(name: str) -> str:
    """CamelCase (acronyms too) to kebab-case: APIHandler -> api-handler."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", name).lower()
