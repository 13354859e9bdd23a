from __future__ import annotations

from functools import lru_cache
from typing import Any

from chalice import Blueprint

from chalicelib.http.openapi import build_document
from chalicelib.http.routing import RequestContext, Router
from chalicelib.settings import get_settings

bp = Blueprint(__name__)
router = Router(bp, tag="docs")


@lru_cache(maxsize=1)
def _document() -> dict[str, Any]:
    return build_document(get_settings().app_version)


@router.route("/openapi.json", "GET", role=None, summary="This API's OpenAPI 3.1 document")
def openapi(ctx: RequestContext) -> dict[str, Any]:
    return _document()
