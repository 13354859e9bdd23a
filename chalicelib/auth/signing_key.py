"""The JWT signing key: SSM Parameter Store in AWS stages, env or local state file locally."""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from chalicelib.settings import Settings

MIN_KEY_BYTES = 32  # 256 bits


class WeakSigningKey(RuntimeError):
    pass


def _checked(key: str, source: str) -> bytes:
    raw = key.encode()
    if len(raw) < MIN_KEY_BYTES:
        raise WeakSigningKey(
            f"The JWT secret from {source} is {len(raw) * 8} bits; at least 256 are required."
        )
    return raw


def _local_key_file(settings: Settings) -> bytes:
    path = Path(settings.local_state_dir) / "jwt_secret"
    if not path.exists():
        # The local API starts several processes at once: each writes its own temporary file
        # and links it into place only if no key is there yet, so all of them read one key.
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jwt_secret.")  # mode 0600
        try:
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_urlsafe(48))
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return _checked(path.read_text().strip(), str(path))


def load_signing_key(settings: Settings, ssm_client: Any | None) -> bytes:
    if settings.app_stage in ("dev", "prod"):
        if not settings.jwt_secret_param or ssm_client is None:
            raise WeakSigningKey("JWT_SECRET_PARAM must name an SSM SecureString parameter.")
        value = ssm_client.get_parameter(Name=settings.jwt_secret_param, WithDecryption=True)
        return _checked(value["Parameter"]["Value"], f"SSM {settings.jwt_secret_param}")
    if settings.jwt_secret:
        return _checked(settings.jwt_secret, "JWT_SECRET")
    return _local_key_file(settings)


class SigningKey:
    """The key, read when a token or cursor first needs it and kept for the container's life.

    On Lambda that read (an SSM client, ~25 ms to create, and its call) belongs to the first
    request, not to the init phase, which already loads everything else /predict needs."""

    def __init__(self, load: Callable[[], bytes]) -> None:
        self._load = load

    @cached_property
    def value(self) -> bytes:
        return self._load()
