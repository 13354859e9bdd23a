from local.api_docs import TARGET, generate


def test_route_reference_in_docs_matches_the_code() -> None:
    assert TARGET.read_text() == generate(), "docs/openapi.md is stale: run `make docs`"
