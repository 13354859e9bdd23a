from local.api_docs import DOCUMENT, TARGET, export, generate


def test_route_reference_in_docs_matches_the_code() -> None:
    assert TARGET.read_text() == generate(), "docs/openapi.md is stale: run `make docs`"


def test_exported_openapi_document_matches_the_code() -> None:
    # The SPA's API types are generated from this file (the frontend build checks them).
    assert DOCUMENT.read_text() == export(), "docs/openapi.json is stale: run `make docs`"
