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
from chalicelib.services import warm_up
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
    try:
        warm_up()  # on Lambda: the init phase loads what /predict needs (README, "Cold start")
    except Exception:
        if settings.app_stage not in ("dev", "prod"):
            raise  # e.g. a weak signing key: refuse to start
        # An init that raises makes Lambda answer API Gateway with a bare 502; instead the first
        # request builds the services again and answers the error in the contract's format.
        app.log.exception("building the services at init failed; the first request retries")
    return app
