"""The mails the local stack "sent": what moto's SES accepted, rendered as SES would render them.

The moto server runs in the stack's process, so its SES back-end is read directly. Served by
local/web.py at /_local/mail (a page a person can click through) and /_local/mail.json, and
announced in the stack's log. Local only: nothing under local/ is packaged.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import TemplateMessage, ses_backends
from moto.ses.template import parse_template

_URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True)
class Mail:
    id: str
    source: str
    to: list[str]
    subject: str
    text: str
    links: list[str]


class LocalMailbox:
    def __init__(self, region: str) -> None:
        self.region = region

    def mails(self) -> list[Mail]:
        """Newest first."""
        backend = ses_backends[DEFAULT_ACCOUNT_ID][self.region]
        found = []
        for message in backend.sent_messages:
            if isinstance(message, TemplateMessage):
                template = backend.templates.get(message.template) or {}
                data = json.loads(message.template_data)
                subject = parse_template(str(template.get("subject_part", "")), data)
                text = parse_template(str(template.get("text_part", "")), data)
            elif hasattr(message, "subject"):
                subject, text = str(message.subject), str(message.body)
            else:
                continue
            found.append(
                Mail(
                    id=message.id,
                    source=message.source,
                    to=list(message.destinations.get("ToAddresses", [])),
                    subject=subject,
                    text=text,
                    links=_URL.findall(text),
                )
            )
        return found[::-1]

    def as_json(self) -> bytes:
        return json.dumps({"mails": [asdict(m) for m in self.mails()]}).encode()

    def as_html(self) -> bytes:
        items = []
        for mail in self.mails():
            text = html.escape(mail.text)
            for link in mail.links:
                escaped = html.escape(link)
                text = text.replace(escaped, f'<a href="{escaped}">{escaped}</a>')
            items.append(
                "<article>"
                f"<h2>{html.escape(mail.subject)}</h2>"
                f"<p>To {html.escape(', '.join(mail.to))} from {html.escape(mail.source)}</p>"
                f"<pre>{text}</pre>"
                "</article>"
            )
        body = "".join(items) or "<p>No mail sent yet.</p>"
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            "<title>Local mail</title>"
            "<style>body{font:16px system-ui;margin:2rem;max-width:50rem}"
            "article{border:1px solid #ccc;border-radius:8px;padding:1rem;margin:1rem 0}"
            "pre{white-space:pre-wrap}</style></head><body>"
            "<h1>Local mail</h1><p>Mails sent through the local stack's SES (moto), newest first. "
            "Only <code>make run</code> serves this page.</p>"
            f"{body}</body></html>"
        )
        return page.encode()
