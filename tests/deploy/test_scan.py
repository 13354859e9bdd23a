"""local/scan.py's verdict on checkov's report: failed checks, skips without a reason and stale
skips all fail the scan; reasoned skips do not."""

from __future__ import annotations

from typing import Any

from local.scan import judge

FILE = "/build/package/api/sam.json"


def _report(
    failed: list[dict[str, Any]] | None = None, skipped: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "check_type": "cloudformation",
        "results": {
            "passed_checks": [{"check_id": "CKV_AWS_1"}],
            "failed_checks": failed or [],
            "skipped_checks": skipped or [],
        },
        "summary": {"parsing_errors": 0},
    }


def _check(check_id: str, resource: str, comment: str | None = None) -> dict[str, Any]:
    check: dict[str, Any] = {
        "check_id": check_id,
        "check_name": "a check",
        "file_path": FILE,
        "resource": f"AWS::Serverless::Function.{resource}",
    }
    if comment is not None:
        check["check_result"] = {"result": "SKIPPED", "suppress_comment": comment}
    return check


def _template(skips: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    return {
        "Resources": {
            name: {"Type": "AWS::Serverless::Function", "Metadata": {"checkov": {"skip": entries}}}
            for name, entries in skips.items()
        }
    }


REASON = "No VPC: the function calls only AWS service APIs."


def test_a_clean_report_with_reasoned_skips_passes() -> None:
    verdict = judge(
        [_report(skipped=[_check("CKV_AWS_117", "APIHandler", REASON)])],
        {"api": _template({"APIHandler": [{"id": "CKV_AWS_117", "comment": REASON}]})},
    )
    assert verdict.ok, verdict.problems
    assert verdict.passed == 1 and len(verdict.skipped) == 1


def test_a_failed_check_fails_the_scan() -> None:
    verdict = judge([_report(failed=[_check("CKV_AWS_115", "APIHandler")])], {"api": _template({})})
    assert not verdict.ok
    assert "CKV_AWS_115" in verdict.failed[0]


def test_a_skip_without_a_reason_fails_the_scan() -> None:
    for empty in ("", "No comment provided"):
        verdict = judge(
            [_report(skipped=[_check("CKV_AWS_117", "APIHandler", empty)])],
            {"api": _template({"APIHandler": [{"id": "CKV_AWS_117"}]})},
        )
        assert not verdict.ok
        assert "without a reason" in verdict.problems[0]


def test_a_skip_for_a_check_that_did_not_run_is_stale_and_fails_the_scan() -> None:
    verdict = judge(
        [_report()], {"api": _template({"APIHandler": [{"id": "CKV_AWS_999", "comment": REASON}]})}
    )
    assert not verdict.ok
    assert "CKV_AWS_999" in verdict.problems[0]


def test_a_template_checkov_could_not_parse_fails_the_scan() -> None:
    report = _report()
    report["summary"]["parsing_errors"] = 1
    assert not judge([report], {}).ok
