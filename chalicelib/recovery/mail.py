"""The password-reset mail: its SES template (one definition for `make package` and the local
stack) and the sender that fills it in through SES's SendTemplatedEmail."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError


@dataclass(frozen=True)
class MailTemplate:
    subject: str
    text: str
    html: str

    def as_ses(self, name: str) -> dict[str, str]:
        """The shape of SES's CreateTemplate and of CloudFormation's AWS::SES::Template."""
        return {
            "TemplateName": name,
            "SubjectPart": self.subject,
            "TextPart": self.text,
            "HtmlPart": self.html,
        }


# SES fills {{name}} from the template data and HTML-escapes it in the HTML part.
RESET_MAIL = MailTemplate(
    subject="Reset your Segmenta password",
    text=(
        "Hello {{username}},\n\n"
        "Someone, hopefully you, asked to reset the password of your Segmenta account.\n"
        "Open this link within {{minutes}} minutes to choose a new password:\n\n"
        "{{reset_url}}\n\n"
        "The link works once. If you did not ask for this, ignore this mail: your password stays "
        "as it is.\n"
    ),
    html=(
        "<p>Hello {{username}},</p>"
        "<p>Someone, hopefully you, asked to reset the password of your Segmenta account. "
        "Open this link within {{minutes}} minutes to choose a new password:</p>"
        '<p><a href="{{reset_url}}">Choose a new password</a></p>'
        "<p>The link works once. If you did not ask for this, ignore this mail: your password "
        "stays as it is.</p>"
    ),
)


class ResetMailer:
    """Sends the reset mail with SES (moto's SES locally) from a verified sender identity."""

    def __init__(self, ses: Callable[[], Any], *, sender: str, template: str) -> None:
        # A factory: the SES client (and its service model) is loaded on the first mail, not
        # during every cold start.
        self._ses = ses
        self._sender = sender
        self._template = template

    def send(self, to: str, *, username: str, reset_url: str, minutes: int) -> str:
        data = {"username": username, "reset_url": reset_url, "minutes": str(minutes)}
        reply = self._ses().send_templated_email(
            Source=self._sender,
            Destination={"ToAddresses": [to]},
            Template=self._template,
            TemplateData=json.dumps(data),
        )
        return str(reply["MessageId"])


def install_template(ses: Any, *, sender: str, template: str) -> None:
    """Local stack and tests: verify the sender and create (or update) the template in moto.

    In AWS both come from the deployment templates (deploy/, deploy/package.py).
    """
    ses.verify_email_identity(EmailAddress=sender)
    body = RESET_MAIL.as_ses(template)
    try:
        ses.create_template(Template=body)
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "AlreadyExists":
            raise
        ses.update_template(Template=body)
