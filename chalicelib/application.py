"""Builds the API Chalice app: blueprints, middleware, the token check."""

from __future__ import annotations

import logging

from chalice import Chalice

from chalicelib.auth.guard import require_role
from chalicelib.http.middleware import HttpPolicy, install
from chalicelib.http.routing import Api
from chalicelib.routes import (
    admin,
    admin_users,
    auth,
    datasets,
    docs,
    health,
    history,
    me,
    models,
    predict,
    profiles,
    scoring_jobs,
    segments,
)
from chalicelib.services import services
from chalicelib.settings import get_settings

BLUEPRINTS = (
    health,
    docs,
    auth,
    me,
    admin_users,
    predict,
    segments,
    history,
    datasets,
    scoring_jobs,
    models,
    profiles,
    admin,
)


def create_app() -> Chalice:
    settings = get_settings()
    app = Api(app_name="customer-segmentation", authenticator=require_role)
    app.debug = False  # True would send tracebacks to clients
    app.log.setLevel(logging.INFO)
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
    install(app, HttpPolicy(settings.allowed_origins))
    if settings.app_stage not in ("dev", "prod"):
        # Locally the signing key is an env variable or a file: refuse to start with a weak one.
        # On Lambda the services (the key from SSM, the AWS clients) are built by the first
        # request that needs them, so the import stays short; a weak key then fails that
        # request and every later one.
        services()
    return app
