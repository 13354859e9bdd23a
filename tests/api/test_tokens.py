"""Forged and dead access tokens: every one is a 401 with the contract's error body.

Forged tokens are built with pyjwt directly, signed with the test secret (JWT_SECRET, set in
tests/conftest.py) unless the point is a different key. `test_a_correctly_forged_token_is_accepted`
is the control: it proves the forging helpers make tokens the API would take, so each rejection
below is down to the one thing each test changes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
import uuid
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support.api import Account, ApiClient, Reply, assert_error, seed_account

SECRET = os.environ["JWT_SECRET"]
ISSUER = "customer-segmentation"
AUDIENCE = "customer-segmentation-api"
LEEWAY = 30  # Settings.jwt_leeway_seconds
HS256 = {"alg": "HS256", "typ": "JWT"}


def claims_for(account: Account, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "sub": account.id,
        "iat": now,
        "exp": now + 1800,
        "jti": uuid.uuid4().hex,
        "iss": ISSUER,
        "aud": AUDIENCE,
        "ver": 0,
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not DROP}


DROP = object()


def forge(claims: dict[str, Any], key: str | bytes = SECRET, algorithm: str = "HS256", **headers: Any) -> str:
    return jwt.encode(claims, key, algorithm=algorithm, headers=headers or None)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def hand_made(
    header: dict[str, Any],
    claims: dict[str, Any],
    *,
    key: bytes = SECRET.encode(),
    signature: bytes | None = None,
) -> str:
    """A token assembled byte by byte; unless a signature is given, HMAC-SHA256 with `key`."""
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
    if signature is None:
        signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


def me(client: ApiClient, token: str) -> Reply:
    return client.get("/auth/me", token=token)


def assert_rejected(reply: Reply) -> None:
    body = assert_error(reply, 401)
    assert body["code"] in {"invalid_token", "token_revoked", "missing_token"}, body
    assert "Traceback" not in reply.body.decode()


def assert_all_rejected(client: ApiClient, tokens: dict[str, str]) -> None:
    """Each variant in one test (a moto set-up per variant would cost more than the checks)."""
    accepted = []
    for label, token in tokens.items():
        reply = me(client, token)
        try:
            assert_rejected(reply)
        except AssertionError:
            accepted.append((label, reply.status, reply.json))
    assert accepted == []


@pytest.fixture()
def account(client: ApiClient) -> Account:
    return seed_account("user")


# ---- the control ----------------------------------------------------------------------------


def test_a_correctly_forged_token_is_accepted(client, account):
    reply = me(client, forge(claims_for(account)))
    assert reply.status == 200, reply.json
    assert reply.json["id"] == account.id


# ---- forged ---------------------------------------------------------------------------------


def test_unsigned_alg_none_token_is_rejected(client, account):
    claims = claims_for(account)
    tokens = {}
    for alg in ("none", "None", "NONE", "nOnE"):
        tokens[f"{alg}, empty signature"] = hand_made({"alg": alg, "typ": "JWT"}, claims, signature=b"")
        # Also with a perfectly good HS256 signature left in place.
        tokens[f"{alg}, HS256 signature"] = hand_made({"alg": alg, "typ": "JWT"}, claims)
    assert_all_rejected(client, tokens)


def test_pyjwt_alg_none_token_is_rejected(client, account):
    token = jwt.encode(claims_for(account), None, algorithm="none")
    assert_rejected(me(client, token))


def test_token_signed_with_another_key_is_rejected(client, account):
    assert_rejected(me(client, forge(claims_for(account), key="another-secret-" + "x" * 40)))


def test_token_signed_with_an_empty_key_is_rejected(client, account):
    assert_rejected(me(client, hand_made(HS256, claims_for(account), key=b"")))


def test_tampered_payload_with_original_signature_is_rejected(client, account):
    admin = seed_account("admin")
    header, _, signature = forge(claims_for(account)).split(".")
    # Claim to be the admin, keeping the user's signature.
    payload = b64(json.dumps(claims_for(admin)).encode())
    assert_rejected(me(client, f"{header}.{payload}.{signature}"))
    assert_rejected(client.get("/admin/users", token=f"{header}.{payload}.{signature}"))


def test_tampered_signature_is_rejected(client, account):
    token = forge(claims_for(account))
    head, _, signature = token.rpartition(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    assert_rejected(me(client, f"{head}.{flipped}"))
    assert_rejected(me(client, head + "."))


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_other_hmac_algorithm_with_the_right_key_is_rejected(client, account):
    """HS256 is pinned: the same secret under another HMAC algorithm is not accepted."""
    tokens = {alg: forge(claims_for(account), algorithm=alg) for alg in ("HS384", "HS512")}
    assert_all_rejected(client, tokens)


def test_rs256_token_signed_with_a_private_key_is_rejected(client, account):
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert_rejected(me(client, forge(claims_for(account), key=private_key, algorithm="RS256")))


def test_asymmetric_alg_header_over_an_hmac_signature_is_rejected(client, account):
    """Algorithm confusion: an asymmetric alg in the header, signed with the HMAC secret."""
    claims = claims_for(account)
    tokens = {
        alg: hand_made({"alg": alg, "typ": "JWT"}, claims) for alg in ("RS256", "ES256", "PS256", "EdDSA")
    }
    assert_all_rejected(client, tokens)


def test_key_id_and_embedded_key_headers_are_ignored(client, account):
    """A header that points at (or embeds) an attacker key cannot change the verification key."""
    attacker = "attacker-secret-" + "y" * 40
    jwk = {"kty": "oct", "k": b64(attacker.encode())}
    token = forge(claims_for(account), key=attacker, kid="../../dev/null", jwk=jwk)
    assert_rejected(me(client, token))


# ---- claims -----------------------------------------------------------------------------------


def test_expired_beyond_the_leeway_is_rejected(client, account):
    now = int(time.time())
    token = forge(claims_for(account, iat=now - 3600, exp=now - LEEWAY - 15))
    assert_rejected(me(client, token))


def test_expired_within_the_leeway_is_still_accepted(client, account):
    now = int(time.time())
    token = forge(claims_for(account, iat=now - 1800, exp=now - LEEWAY + 15))
    assert me(client, token).status == 200


def test_token_issued_in_the_future_is_rejected(client, account):
    now = int(time.time())
    assert_rejected(me(client, forge(claims_for(account, iat=now + 3600, exp=now + 7200))))


def test_not_yet_valid_token_is_rejected(client, account):
    now = int(time.time())
    assert_rejected(me(client, forge(claims_for(account, nbf=now + 3600))))


def test_wrong_audience_is_rejected(client, account):
    audiences = ["another-api", "", ["another-api"], ["customer-segmentation-api-x"], 42]
    assert_all_rejected(client, {repr(a): forge(claims_for(account, aud=a)) for a in audiences})


def test_wrong_issuer_is_rejected(client, account):
    # pyjwt refuses to encode a non-string issuer: assembled by hand, correctly signed.
    issuers = ["someone-else", "", "customer-segmentation ", "CUSTOMER-SEGMENTATION", 7, None]
    assert_all_rejected(client, {repr(i): hand_made(HS256, claims_for(account, iss=i)) for i in issuers})


REQUIRED_CLAIMS = ("sub", "iat", "exp", "jti", "iss", "aud", "ver")


def test_token_missing_a_required_claim_is_rejected(client, account):
    assert_all_rejected(client, {c: forge(claims_for(account, **{c: DROP})) for c in REQUIRED_CLAIMS})


def test_claim_of_the_wrong_type_is_rejected(client, account):
    wrong = [
        ("exp", "tomorrow"),
        ("iat", "now"),
        ("ver", "first"),
        ("ver", None),
        ("sub", None),
        ("jti", None),
    ]
    assert_all_rejected(
        client, {f"{c}={v!r}": hand_made(HS256, claims_for(account, **{c: v})) for c, v in wrong}
    )


def test_token_for_a_user_that_never_existed_is_rejected(client, account):
    assert_rejected(me(client, forge(claims_for(account, sub=uuid.uuid4().hex))))


def test_token_with_a_stale_token_version_is_rejected(client, account):
    assert_rejected(me(client, forge(claims_for(account, ver=1))))
    assert_rejected(me(client, forge(claims_for(account, ver=-1))))


GARBAGE_HEADERS = [
    "Bearer garbage",
    "Bearer a.b.c",
    "Bearer ....",
    "Bearer " + "A" * 5000,
    "Bearer eyJhbGciOiJIUzI1NiJ9",
    "Bearer eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln",
    "Bearer",
    "Bearer ",
    "Basic dXNlcjpwYXNz",
    "Token abc",
    "",
]


def test_garbage_authorization_header_is_rejected(client, account):
    wrong = []
    for header in GARBAGE_HEADERS:
        reply = client.get("/auth/me", headers={"Authorization": header})
        try:
            assert_rejected(reply)
        except AssertionError:
            wrong.append((header[:40], reply.status, reply.json))
    assert wrong == []


def test_token_without_the_bearer_scheme_is_rejected(client, account):
    assert_rejected(client.get("/auth/me", headers={"Authorization": account.token}))


# ---- dead tokens ------------------------------------------------------------------------------


def test_token_is_dead_after_logout_and_others_live_on(client, accounts):
    account = accounts.register()
    second = accounts.login(account.username)
    assert client.post("/auth/logout", token=account.token).status == 204
    assert_rejected(me(client, account.token))
    assert_rejected(client.post("/auth/logout", token=account.token))
    # Logout revokes that token only; another session of the same user still works.
    assert me(client, second).status == 200


def test_password_change_kills_old_tokens_and_the_new_token_works(client, accounts):
    account = accounts.register()
    other_session = accounts.login(account.username)
    reply = client.put(
        "/users/me/password",
        {"current_password": account.password, "new_password": "an entirely new passphrase 9"},
        token=account.token,
    )
    assert reply.status == 200, reply.json
    new_token = reply.json["access_token"]
    assert reply.json["token_type"] == "bearer"
    assert_rejected(me(client, account.token))
    assert_rejected(me(client, other_session))
    assert me(client, new_token).status == 200


def test_token_is_dead_after_deactivation_and_live_again_only_with_a_new_login(client, accounts):
    admin = seed_account("admin")
    account = accounts.register()
    reply = client.put(f"/admin/users/{account.id}/toggle-active", token=admin.token)
    assert reply.status == 200 and reply.json["is_active"] is False, reply.json
    assert_rejected(me(client, account.token))
    # Reactivation does not resurrect the old token.
    assert client.put(f"/admin/users/{account.id}/toggle-active", token=admin.token).json["is_active"]
    assert_rejected(me(client, account.token))
    assert me(client, accounts.login(account.username)).status == 200


def test_token_is_dead_after_deleting_own_account(client, accounts):
    account = accounts.register()
    reply = client.delete("/users/me", {"password": account.password}, token=account.token)
    assert reply.status == 204, reply.json
    assert_rejected(me(client, account.token))


def test_token_is_dead_after_an_admin_deletes_the_user(client, accounts):
    admin = seed_account("admin")
    account = accounts.register()
    assert client.delete(f"/admin/users/{account.id}", token=admin.token).status == 204
    assert_rejected(me(client, account.token))


def test_a_dead_token_is_dead_on_every_protected_route(client, account):
    """Logout is checked by the shared guard, not per route."""
    admin = seed_account("admin")
    assert client.post("/auth/logout", token=admin.token).status == 204
    for method, path in [
        ("GET", "/users/me/profile"),
        ("GET", "/admin/users"),
        ("GET", f"/users/{account.id}"),
    ]:
        assert_rejected(client.request(method, path, token=admin.token))


def test_promotion_applies_to_the_existing_token_at_once(client):
    admin = seed_account("admin")
    account = seed_account("user")
    assert client.get("/admin/users", token=account.token).status == 403
    assert client.put(f"/admin/users/{account.id}/role", {"role": "admin"}, token=admin.token).status == 200
    assert client.get("/admin/users", token=account.token).status == 200


def test_demotion_applies_to_the_existing_token_at_once(client):
    admin = seed_account("admin")
    other_admin = seed_account("admin")
    assert client.get("/admin/users", token=other_admin.token).status == 200
    reply = client.put(f"/users/{other_admin.id}/role", {"role": "user"}, token=admin.token)
    assert reply.status == 200, reply.json
    assert_error(client.get("/admin/users", token=other_admin.token), 403, "insufficient_role")
    # Still a valid token for what a user may do.
    assert me(client, other_admin.token).json["role"] == "user"


def test_a_signing_key_that_cannot_be_loaded_is_not_reported_as_an_invalid_token():
    from botocore.exceptions import InvalidRegionError

    from chalicelib.auth.signing_key import SigningKey
    from chalicelib.auth.tokens import TokenService

    def unreachable() -> bytes:  # botocore's region error is also a ValueError
        raise InvalidRegionError(region_name="not a region!")

    tokens = TokenService(
        key=SigningKey(unreachable), issuer="i", audience="a", ttl_seconds=60, leeway_seconds=0
    )
    with pytest.raises(InvalidRegionError):
        tokens.decode("a.b.c")
