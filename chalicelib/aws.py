"""AWS clients, created lazily once per container, with the standard retry mode.

Every client (PynamoDB's included) comes from one botocore session, so each service model is
loaded from disk once per container; boto3 itself is not needed by the API.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from chalicelib.healthcheck import health_client_config
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    import botocore.session
    from botocore.config import Config


@cache
def session() -> botocore.session.Session:
    # botocore is imported by the first request that talks to AWS, not by `import app`.
    import botocore.session

    return botocore.session.get_session()


def _create(service: str, config: Config) -> Any:
    settings = get_settings()
    return session().create_client(
        service, region_name=settings.aws_region, endpoint_url=settings.aws_endpoint_url, config=config
    )


@cache
def client(service: str) -> Any:
    from botocore.config import Config

    return _create(
        service, Config(retries={"mode": "standard", "max_attempts": 3}, connect_timeout=3, read_timeout=10)
    )


@cache
def health_client(service: str) -> Any:
    """A client for GET /health: short timeouts, no retries (a check must never hang)."""
    return _create(service, health_client_config(get_settings().health_timeout_seconds))


def reset_clients() -> None:
    """Forget cached clients (tests switch between moto back-ends)."""
    client.cache_clear()
    health_client.cache_clear()
