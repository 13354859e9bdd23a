"""The API's botocore session reads the SDK data in chalicelib/aws_data/ (deploy/aws_data.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import botocore.session
import pytest
from botocore.exceptions import UnknownServiceError
from moto import mock_aws

from chalicelib import aws
from deploy.aws_data import OPERATIONS, SERVICES, stale


@pytest.fixture
def api_session() -> Iterator[botocore.session.Session]:
    yield aws.session.__wrapped__()


def _client(session: botocore.session.Session, service: str) -> object:
    return session.create_client(
        service, region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="x"
    )


def test_committed_aws_data_is_what_the_installed_botocore_generates() -> None:
    assert stale() == [], "run: .venv/bin/python -m deploy.aws_data"


def test_api_session_searches_only_the_packaged_data(api_session: botocore.session.Session) -> None:
    assert api_session.get_component("data_loader").search_paths == [str(aws.AWS_DATA)]
    with pytest.raises(UnknownServiceError):
        _client(api_session, "sqs")


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_each_api_service_has_a_client_with_the_sdks_endpoint(
    api_session: botocore.session.Session, service: str
) -> None:
    ours = _client(api_session, service)
    sdk = _client(botocore.session.get_session(), service)
    assert ours.meta.endpoint_url == sdk.meta.endpoint_url  # type: ignore[attr-defined]
    if service not in OPERATIONS:
        assert ours.meta.service_model.operation_names == sdk.meta.service_model.operation_names  # type: ignore[attr-defined]


def test_models_carry_no_operation_or_shape_documentation() -> None:
    for path in aws.AWS_DATA.glob("*/*/service-2.json"):
        model = json.loads(path.read_text())
        assert '"documentation"' not in json.dumps([model["operations"], model["shapes"]]), path


def test_api_s3_client_resolves_its_endpoint_rules_and_calls(api_session: botocore.session.Session) -> None:
    with mock_aws():
        _client(botocore.session.get_session(), "s3").create_bucket(  # type: ignore[attr-defined]
            Bucket="artifacts", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        s3 = _client(api_session, "s3")
        s3.put_object(Bucket="artifacts", Key="a.json", Body=b"{}")  # type: ignore[attr-defined]
        assert s3.get_object(Bucket="artifacts", Key="a.json")["Body"].read() == b"{}"  # type: ignore[attr-defined]


def test_api_ssm_client_can_read_a_parameter_and_nothing_else(api_session: botocore.session.Session) -> None:
    with mock_aws():
        _client(botocore.session.get_session(), "ssm").put_parameter(  # type: ignore[attr-defined]
            Name="/segmentation/key", Value=json.dumps({"k": 1}), Type="SecureString"
        )
        ssm = _client(api_session, "ssm")
        reply = ssm.get_parameter(Name="/segmentation/key", WithDecryption=True)  # type: ignore[attr-defined]
        assert json.loads(reply["Parameter"]["Value"]) == {"k": 1}
        assert not hasattr(ssm, "put_parameter")
