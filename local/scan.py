"""`make scan`: checkov on the packaged templates; every exception must say why.

    .venv/bin/python -m local.scan

Runs checkov 3.3 (its own virtualenv, .venv-scan: it pins boto3 and packaging versions that
clash with requirements-dev.txt) with `--framework cloudformation` on build/package/*/sam.json
and fails on:
- any failed check;
- any skipped check without a reason (`Metadata.checkov.skip` entries need a `comment`);
- any skip that names a check checkov did not run on that resource (a stale decision);
- a template checkov could not parse.

The last line printed starts with `scan:` and counts passed, failed and skipped checks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "package"
CHECKOV = ROOT / ".venv-scan" / "bin" / "checkov"
TEMPLATES = ("api", "trainer")
# What checkov records when a skip has no comment.
NO_REASON = {"", "no comment provided"}


@dataclass
class Verdict:
    passed: int = 0
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.problems

    def line(self) -> str:
        return (
            f"scan: checkov passed={self.passed} failed={len(self.failed)} "
            f"skipped_with_reason={len(self.skipped)} problems={len(self.problems)}"
        )


def declared_skips(template: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(resource logical id, check id) -> reason, as written in the template."""
    found = {}
    for logical, resource in template.get("Resources", {}).items():
        for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", []):
            found[(logical, skip.get("id", ""))] = str(skip.get("comment", ""))
    return found


def judge(reports: list[dict[str, Any]], templates: dict[str, dict[str, Any]]) -> Verdict:
    """The verdict on checkov's JSON reports, given the templates (by file name) it scanned."""
    verdict = Verdict()
    used: set[tuple[str, str, str]] = set()
    for report in reports:
        summary = report.get("summary", {})
        if summary.get("parsing_errors"):
            verdict.problems.append(f"checkov could not parse {summary['parsing_errors']} file(s)")
        results = report.get("results", {})
        verdict.passed += len(results.get("passed_checks", []))
        for check in results.get("failed_checks", []):
            verdict.failed.append(
                f"{check['file_path']}: {check['resource']} {check['check_id']} {check['check_name']}"
            )
        for check in results.get("skipped_checks", []):
            where = f"{check['file_path']}: {check['resource']} {check['check_id']}"
            reason = (check.get("check_result", {}).get("suppress_comment") or "").strip()
            if reason.lower() in NO_REASON:
                verdict.problems.append(f"{where} is skipped without a reason")
            else:
                verdict.skipped.append(f"{where}: {reason}")
            used.add(
                (Path(check["file_path"]).parent.name, check["resource"].split(".")[-1], check["check_id"])
            )
    for name, template in templates.items():
        for logical, check_id in declared_skips(template):
            if (name, logical, check_id) not in used:
                verdict.problems.append(
                    f"{name}: {logical} skips {check_id}, which checkov did not run on it"
                )
    return verdict


def run_checkov(paths: list[Path]) -> list[dict[str, Any]]:
    if not CHECKOV.is_file():
        raise SystemExit(f"scan: FAILED {CHECKOV.relative_to(ROOT)} is missing: run `make scan`")
    command = [str(CHECKOV), "--framework", "cloudformation", "--skip-download", "--output", "json"]
    for path in paths:
        command += ["--file", str(path)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    # Exit code 1 means failed checks; the report says which. Anything else is checkov failing.
    if done.returncode not in (0, 1):
        raise SystemExit(f"scan: FAILED checkov exited {done.returncode}:\n{done.stderr.strip()}")
    report = json.loads(done.stdout)
    return report if isinstance(report, list) else [report]


def main() -> int:
    paths = [BUILD / name / "sam.json" for name in TEMPLATES]
    missing = [str(p.relative_to(ROOT)) for p in paths if not p.is_file()]
    if missing:
        print(f"scan: FAILED {', '.join(missing)} missing: run `make package` first", file=sys.stderr)
        return 1
    templates = {p.parent.name: json.loads(p.read_text()) for p in paths}
    verdict = judge(run_checkov(paths), templates)
    for entry in verdict.failed:
        print(f"FAILED {entry}")
    for entry in verdict.problems:
        print(f"PROBLEM {entry}")
    print(verdict.line())
    return 0 if verdict.ok else 1


if __name__ == "__main__":
    sys.exit(main())
