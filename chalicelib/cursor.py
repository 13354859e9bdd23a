"""Opaque page cursors, bound to their user and list, and tamper-evident (HMAC)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from functools import cached_property
from typing import Any

from chalicelib.auth.signing_key import SigningKey
from chalicelib.errors import BadRequest


class CursorCodec:
    def __init__(self, key: SigningKey) -> None:
        self._signing_key = key

    @cached_property
    def _key(self) -> bytes:
        return hmac.new(self._signing_key.value, b"page-cursor", hashlib.sha256).digest()

    def _mac(self, payload: bytes) -> str:
        digest = hmac.new(self._key, payload, hashlib.sha256).digest()[:16]
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def encode(self, position: Any, *, user_id: str, scope: str) -> str:
        payload = json.dumps({"p": position, "u": user_id, "s": scope}, separators=(",", ":"))
        raw = payload.encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=") + "." + self._mac(raw)

    def decode(self, cursor: str, *, user_id: str, scope: str) -> Any:
        invalid = BadRequest("The page cursor is invalid.", code="invalid_cursor")
        try:
            body, mac = cursor.split(".", 1)
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        except (ValueError, UnicodeEncodeError):
            raise invalid from None
        if not hmac.compare_digest(mac.encode(), self._mac(raw).encode()):
            raise invalid
        data = json.loads(raw)
        if data.get("u") != user_id or data.get("s") != scope:
            raise invalid
        return data["p"]
