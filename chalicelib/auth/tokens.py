"""Access tokens: HS256 JWTs with pinned algorithm, issuer, audience and a short lifetime."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import jwt

from chalicelib.auth.signing_key import SigningKey
from chalicelib.errors import Unauthorized

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["sub", "iat", "exp", "jti", "iss", "aud", "ver"]


@dataclass(frozen=True)
class Claims:
    user_id: str
    jti: str
    issued_at: int
    expires_at: int
    token_version: int


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_in: int
    claims: Claims


class TokenService:
    def __init__(
        self, *, key: SigningKey, issuer: str, audience: str, ttl_seconds: int, leeway_seconds: int
    ) -> None:
        if leeway_seconds > 60:
            raise ValueError("JWT leeway must be at most 60 seconds")
        self._key = key
        self._issuer = issuer
        self._audience = audience
        self._ttl = ttl_seconds
        self._leeway = leeway_seconds

    def issue(self, user_id: str, token_version: int) -> IssuedToken:
        now = int(time.time())
        claims = Claims(
            user_id=user_id,
            jti=uuid.uuid4().hex,
            issued_at=now,
            expires_at=now + self._ttl,
            token_version=token_version,
        )
        payload = {
            "sub": claims.user_id,
            "iat": claims.issued_at,
            "exp": claims.expires_at,
            "jti": claims.jti,
            "iss": self._issuer,
            "aud": self._audience,
            "ver": claims.token_version,
        }
        token = jwt.encode(payload, self._key.value, algorithm=ALGORITHM)
        return IssuedToken(token=token, expires_in=self._ttl, claims=claims)

    def decode(self, token: str) -> Claims:
        # Read outside the try: a key that cannot be loaded (SSM down; botocore's region error is
        # a ValueError) is the server's failure, not an invalid token.
        key = self._key.value
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": REQUIRED_CLAIMS},
            )
            return Claims(
                user_id=str(payload["sub"]),
                jti=str(payload["jti"]),
                issued_at=int(payload["iat"]),
                expires_at=int(payload["exp"]),
                token_version=int(payload["ver"]),
            )
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise Unauthorized("The access token is invalid or has expired.", code="invalid_token") from exc
