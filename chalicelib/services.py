"""Wiring: builds each service once per container from settings and injected clients."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from chalicelib.settings import Settings, get_settings

# The services' modules (botocore, PynamoDB, numpy, jwt behind them) load when the services are
# built (warm_up, at the end of create_app), not when this module is imported.
if TYPE_CHECKING:
    from chalicelib.accounts.repository import UserRepository
    from chalicelib.accounts.service import AccountService
    from chalicelib.audit.log import AuditLog
    from chalicelib.auth.passwords import PasswordHasher
    from chalicelib.auth.service import AuthService
    from chalicelib.auth.signing_key import SigningKey
    from chalicelib.auth.throttle import LoginThrottler
    from chalicelib.auth.tokens import TokenService
    from chalicelib.cursor import CursorCodec
    from chalicelib.profiles.service import ProfileService
    from chalicelib.recovery.service import PasswordResetService
    from chalicelib.segmentation.datasets import DatasetService
    from chalicelib.segmentation.dispatch import TrainerDispatcher
    from chalicelib.segmentation.history import HistoryService
    from chalicelib.segmentation.model_store import ModelStore
    from chalicelib.segmentation.predictions import PredictionService
    from chalicelib.segmentation.scoring_jobs import ScoringJobService
    from chalicelib.segmentation.training import ModelRegistry, TrainingService
    from chalicelib.stats.service import StatsService


@dataclass
class Services:
    settings: Settings
    signing_key: SigningKey
    auth: AuthService
    accounts: AccountService
    cursors: CursorCodec
    models: ModelStore
    predictions: PredictionService
    history: HistoryService
    datasets: DatasetService
    scoring_jobs: ScoringJobService
    training: TrainingService
    registry: ModelRegistry
    profiles: ProfileService
    stats: StatsService
    audit: AuditLog
    recovery: PasswordResetService


def trainer_dispatcher(settings: Settings) -> TrainerDispatcher:
    from chalicelib import aws
    from chalicelib.segmentation.dispatch import LambdaDispatcher, LocalProcessDispatcher

    if settings.trainer_function_name:
        return LambdaDispatcher(partial(aws.client, "lambda"), settings.trainer_function_name)
    if settings.app_stage in ("dev", "prod"):
        raise RuntimeError("TRAINER_FUNCTION_NAME must be set in AWS stages")
    return LocalProcessDispatcher(Path(settings.local_state_dir) / "logs")


def password_resets(
    settings: Settings,
    *,
    users: UserRepository,
    hasher: PasswordHasher,
    tokens: TokenService,
    throttler: LoginThrottler,
    audit: AuditLog,
) -> PasswordResetService:
    from chalicelib import aws
    from chalicelib.auth.throttle import LoginThrottler
    from chalicelib.recovery.mail import ResetMailer
    from chalicelib.recovery.service import ForgotThrottles, PasswordResetService

    def forgot_throttle(max_requests: int) -> LoginThrottler:
        return LoginThrottler(
            max_failures=max_requests,
            base_lockout_seconds=settings.forgot_password_lockout_seconds,
            message="Too many password-reset requests; try again later.",
            code="too_many_requests",
        )

    return PasswordResetService(
        users=users,
        hasher=hasher,
        tokens=tokens,
        login_throttler=throttler,
        forgot_throttles=ForgotThrottles(
            per_address=forgot_throttle(settings.forgot_password_max_per_address),
            per_client=forgot_throttle(settings.forgot_password_max_per_client),
        ),
        mailer=ResetMailer(
            lambda: aws.client("ses"), sender=settings.mail_sender, template=settings.password_reset_template
        ),
        base_url=settings.spa_base_url,
        ttl_seconds=settings.password_reset_ttl_seconds,
        forgot_min_seconds=settings.forgot_password_min_seconds,
        audit=audit,
    )


def build_services(settings: Settings) -> Services:
    """Every collaborator goes in through a constructor; nothing is registered afterwards."""
    from chalicelib import aws
    from chalicelib.accounts.repository import UserRepository
    from chalicelib.accounts.service import AccountService
    from chalicelib.audit.log import AuditLog
    from chalicelib.auth.passwords import PasswordHasher
    from chalicelib.auth.service import AuthService
    from chalicelib.auth.signing_key import SigningKey, load_signing_key
    from chalicelib.auth.throttle import LoginThrottler
    from chalicelib.auth.tokens import TokenService
    from chalicelib.cursor import CursorCodec
    from chalicelib.profiles.repository import ProfileRepository
    from chalicelib.profiles.service import ProfileService
    from chalicelib.segmentation.artifacts import ArtifactStore
    from chalicelib.segmentation.datasets import DatasetService
    from chalicelib.segmentation.history import HistoryService
    from chalicelib.segmentation.model_store import ModelStore
    from chalicelib.segmentation.predictions import PredictionService
    from chalicelib.segmentation.scoring_jobs import ScoringJobService
    from chalicelib.segmentation.training import ModelRegistry, TrainingService
    from chalicelib.stats.drift import DriftCounters
    from chalicelib.stats.service import StatsService

    in_aws = settings.app_stage in ("dev", "prod")
    key = SigningKey(lambda: load_signing_key(settings, aws.client("ssm") if in_aws else None))
    users = UserRepository()
    hasher = PasswordHasher(settings)
    tokens = TokenService(
        key=key,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=settings.access_token_ttl_seconds,
        leeway_seconds=settings.jwt_leeway_seconds,
    )
    cursors = CursorCodec(key)
    throttler = LoginThrottler(
        max_failures=settings.login_max_failures,
        base_lockout_seconds=settings.login_lockout_base_seconds,
    )
    # What is audited: the actions in chalicelib/audit/actions.py, reported by exactly the four
    # services handed `audit=` below (accounts, recovery, training, registry).
    audit = AuditLog(cursors=cursors)
    auth = AuthService(users=users, hasher=hasher, tokens=tokens, throttler=throttler)
    artifacts = ArtifactStore(aws.client("s3"), settings.artifacts_bucket)
    models = ModelStore(artifacts, refresh_seconds=settings.model_refresh_seconds)
    history = HistoryService(artifacts=artifacts, cursors=cursors)
    dispatcher = trainer_dispatcher(settings)
    datasets = DatasetService(artifacts, dispatcher)
    predictions = PredictionService(models=models, artifacts=artifacts, input_counters=[DriftCounters()])
    profiles = ProfileService(repository=ProfileRepository(), predictions=predictions, cursors=cursors)
    # Deleting a user purges what it owns: its history and its saved profiles.
    accounts = AccountService(
        users=users,
        hasher=hasher,
        tokens=tokens,
        cursors=cursors,
        purgers=[history.purge_user, profiles.purge_user],
        audit=audit,
    )
    training = TrainingService(
        artifacts=artifacts,
        datasets=datasets,
        dispatcher=dispatcher,
        models=models,
        audit=audit,
        heartbeat_timeout_seconds=settings.job_heartbeat_timeout_seconds,
    )
    scoring_jobs = ScoringJobService(
        artifacts=artifacts, datasets=datasets, models=models, predictions=predictions, dispatcher=dispatcher
    )
    registry = ModelRegistry(artifacts=artifacts, models=models, audit=audit)
    recovery = password_resets(
        settings, users=users, hasher=hasher, tokens=tokens, throttler=throttler, audit=audit
    )
    return Services(
        settings=settings,
        signing_key=key,
        auth=auth,
        accounts=accounts,
        cursors=cursors,
        models=models,
        predictions=predictions,
        history=history,
        datasets=datasets,
        scoring_jobs=scoring_jobs,
        training=training,
        registry=registry,
        profiles=profiles,
        stats=StatsService(models=models),
        audit=audit,
        recovery=recovery,
    )


@lru_cache(maxsize=1)
def services() -> Services:
    return build_services(get_settings())


def warm_up() -> Services:
    """Build the services before the first request: on Lambda, in the init phase.

    That loads what /predict needs (botocore, PynamoDB, numpy, jwt, the S3 client), so the first
    /predict creates two light clients (DynamoDB, SSM for the signing key) and talks to AWS.
    Password hashing, the CSV reader and RFM still load with the first request that uses them.
    Locally the key is read now, so that a weak one stops the start.
    """
    built = services()
    if built.settings.app_stage not in ("dev", "prod"):
        built.signing_key.value  # noqa: B018 - raises WeakSigningKey
    return built
