"""First start: tables, bucket, the first admin, the bundled dataset and a trained model."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from chalicelib.accounts.repository import ACTIVE_ADMINS
from chalicelib.bootstrap import create_resources
from chalicelib.errors import ValidationFailed
from chalicelib.roles import Role
from chalicelib.schemas.users import RegisterBody
from chalicelib.services import services


def _log(message: str) -> None:
    print(f"[seed] {message}", flush=True)


def ensure_admin() -> None:
    svc = services()
    if svc.accounts.users.counters()[ACTIVE_ADMINS] > 0:
        return
    username = os.environ.get("ADMIN_USERNAME", "admin")
    email = os.environ.get("ADMIN_EMAIL", "admin@example.com")
    password = os.environ.get("ADMIN_PASSWORD")
    generated = password is None
    if generated:
        password = secrets.token_urlsafe(18)
    body = RegisterBody(username=username, email=email, password=password)
    try:
        svc.auth.register(**body.model_dump(), role=Role.ADMIN)
    except ValidationFailed as exc:
        raise SystemExit(f"[seed] ADMIN_PASSWORD refused: {exc.message}") from None
    if generated:
        _log(f"created admin '{username}' with generated password: {password}")
        _log("this password is shown once; change it after signing in")
    else:
        _log(f"created admin '{username}' from ADMIN_USERNAME/ADMIN_PASSWORD")


def seed(*, root: Path) -> None:
    create_resources()
    ensure_admin()
    from local.seed_model import ensure_model

    ensure_model(root=root)
