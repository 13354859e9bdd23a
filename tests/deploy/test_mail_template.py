"""The packaged API stack can send the password-reset mail, and nothing else through SES: the
template is the one the code fills in, the sender the code uses is the identity the stack
creates, and the role may only send templated mail from that identity."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.deploy.test_templates import ROOT, _as_list, _load, _stage_env, _statements


@pytest.fixture(scope="module")
def api() -> dict[str, Any]:
    return _load("api")


def test_the_reset_mail_template_is_the_one_the_code_sends(api: dict[str, Any]) -> None:
    from chalicelib.recovery.mail import RESET_MAIL
    from chalicelib.settings import Settings

    env = _stage_env(ROOT)
    templates = {k: v for k, v in api["Resources"].items() if v["Type"] == "AWS::SES::Template"}
    assert list(templates) == ["PasswordResetMailTemplate"]
    body = templates["PasswordResetMailTemplate"]["Properties"]["Template"]
    assert body == RESET_MAIL.as_ses(Settings(table_prefix=env["TABLE_PREFIX"]).password_reset_template)
    for part in ("TextPart", "HtmlPart"):
        assert "{{reset_url}}" in body[part]


def test_the_sender_is_the_identity_the_stack_creates(api: dict[str, Any]) -> None:
    env = _stage_env(ROOT)
    identity = api["Resources"]["PasswordResetSenderIdentity"]
    assert identity["Type"] == "AWS::SES::EmailIdentity"
    assert identity["Properties"]["EmailIdentity"] == {"Ref": "MailSenderAddress"}
    assert api["Parameters"]["MailSenderAddress"]["Default"] == env["MAIL_SENDER"]
    variables = api["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert variables["MAIL_SENDER"] == {"Ref": "MailSenderAddress"}


def test_the_api_may_only_send_templated_mail_from_that_identity(api: dict[str, Any]) -> None:
    env = _stage_env(ROOT)
    ses = [s for _, s in _statements(api) if any(a.startswith("ses:") for a in _as_list(s["Action"]))]
    assert len(ses) == 1
    statement = ses[0]
    assert statement["Action"] == ["ses:SendTemplatedEmail"]
    resources = json.dumps(statement["Resource"])
    assert "identity/${MailSenderAddress}" in resources
    assert f"template/{env['TABLE_PREFIX']}-password-reset" in resources
    assert "*" not in resources
    assert statement["Condition"] == {"StringEquals": {"ses:FromAddress": {"Ref": "MailSenderAddress"}}}


def test_recovery_routes_are_throttled_below_the_default_at_the_gateway(api: dict[str, Any]) -> None:
    """Stage-wide caps on top of the API's per-address and per-client limits (mail costs money)."""
    methods = api["Resources"]["RestAPI"]["Properties"]["MethodSettings"]
    settings = {(m["ResourcePath"], m["HttpMethod"]): m for m in methods}
    default = settings[("/*", "*")]
    for path in ("/auth/forgot-password", "/auth/password-reset"):
        assert "post" in api["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["paths"][path]
        setting = settings[("/" + path.replace("/", "~1"), "POST")]
        assert 0 < setting["ThrottlingRateLimit"] < default["ThrottlingRateLimit"], path
        assert 0 < setting["ThrottlingBurstLimit"] < default["ThrottlingBurstLimit"], path
