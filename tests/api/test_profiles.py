"""Saved customer profiles: strictly the owner's, optimistic locking, one-click prediction."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.api import assert_error, seed_account, user_record

PROFILE = {
    "name": "Jane from the fair",
    "sex": "f",
    "age": 34,
    "annual_income": 72.5,
    "spending_score": 61,
    "purchase_frequency": 18,
    "notes": "Met at the spring fair.",
}


def create(client, token: str, **changes: Any) -> dict[str, Any]:
    reply = client.post("/profiles", {**PROFILE, **changes}, token=token)
    assert reply.status == 201, reply.json
    return dict(reply.json)


def test_create_returns_the_profile_with_version_and_normalised_sex(client, aws):
    owner = seed_account()
    body = create(client, owner.token)
    assert body["user_id"] == owner.id
    assert body["sex"] == "Female"
    assert body["version"] == 1
    assert {k: body[k] for k in ("name", "age", "annual_income", "spending_score", "notes")} == {
        k: PROFILE[k] for k in ("name", "age", "annual_income", "spending_score", "notes")
    }
    assert body["created_at"].endswith("Z") and body["updated_at"] == body["created_at"]
    assert client.get(f"/profiles/{body['id']}", token=owner.token).json == body


def test_profiles_are_listed_newest_first_in_cursor_pages(client, aws):
    owner = seed_account()
    ids = [create(client, owner.token, name=f"p{i}")["id"] for i in range(5)]
    seen: list[str] = []
    cursor = None
    while True:
        path = "/profiles?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(path, token=owner.token).json
        seen += [p["id"] for p in page["profiles"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(ids))


def test_a_profile_cursor_is_bound_to_its_user(client, aws):
    owner, other = seed_account(), seed_account()
    for i in range(3):
        create(client, owner.token, name=f"p{i}")
    cursor = client.get("/profiles?limit=1", token=owner.token).json["next_cursor"]
    assert_error(client.get(f"/profiles?cursor={cursor}", token=other.token), 400, "invalid_cursor")
    assert_error(client.get(f"/profiles?cursor={cursor[:-2]}xx", token=owner.token), 400, "invalid_cursor")


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PUT", "", {"name": "Mine now"}),
        ("DELETE", "", None),
        ("POST", "/predict", None),
    ],
)
def test_another_users_profile_is_404_for_every_method(client, active_model, method, suffix, body):
    owner, intruder = seed_account(), seed_account("admin")
    profile = create(client, owner.token)
    reply = client.request(method, f"/profiles/{profile['id']}{suffix}", json_body=body, token=intruder.token)
    assert_error(reply, 404, "profile_not_found")
    # Untouched, and nothing was predicted for the intruder.
    assert client.get(f"/profiles/{profile['id']}", token=owner.token).json == profile
    assert client.get("/history", token=intruder.token).json["total"] == 0
    assert client.get("/profiles", token=intruder.token).json["profiles"] == []


def test_unknown_profile_is_404(client, aws):
    owner = seed_account()
    assert_error(client.get("/profiles/nope", token=owner.token), 404, "profile_not_found")
    assert_error(client.delete("/profiles/nope", token=owner.token), 404, "profile_not_found")


def test_partial_update_changes_only_the_fields_sent_and_bumps_the_version(client, aws):
    owner = seed_account()
    profile = create(client, owner.token)
    reply = client.put(f"/profiles/{profile['id']}", {"age": 35, "notes": None}, token=owner.token)
    assert reply.status == 200, reply.json
    body = reply.json
    assert (body["age"], body["notes"], body["version"]) == (35, None, 2)
    assert body["name"] == profile["name"] and body["annual_income"] == profile["annual_income"]
    assert body["updated_at"] >= profile["updated_at"]


def test_update_with_a_stale_version_is_409_and_changes_nothing(client, aws):
    owner = seed_account()
    profile = create(client, owner.token)
    path = f"/profiles/{profile['id']}"
    assert client.put(path, {"name": "First", "version": 1}, token=owner.token).status == 200
    body = assert_error(
        client.put(path, {"name": "Second", "version": 1}, token=owner.token), 409, "stale_version"
    )
    assert body["details"][0]["field"] == "version"
    current = client.get(path, token=owner.token).json
    assert (current["name"], current["version"]) == ("First", 2)
    assert client.put(path, {"name": "Second", "version": 2}, token=owner.token).json["version"] == 3


INVALID = [
    ({"name": ""}, "name"),
    ({"name": "x" * 101}, "name"),
    ({"age": 17}, "age"),
    ({"age": 30.5}, "age"),
    ({"age": True}, "age"),
    ({"annual_income": "60"}, "annual_income"),
    ({"annual_income": 10_001}, "annual_income"),
    ({"spending_score": 0}, "spending_score"),
    ({"purchase_frequency": 366}, "purchase_frequency"),
    ({"sex": "unknown"}, "sex"),
    ({"notes": "n" * 1001}, "notes"),
    ({"role": "admin"}, "role"),
]
REQUIRED = ("name", "age", "annual_income", "spending_score", "purchase_frequency")


def test_invalid_profile_is_422_naming_the_field(client, aws):
    """One account for every case (each case is still checked and reported on its own)."""
    owner = seed_account()
    profile = create(client, owner.token)
    wrong = []
    for changes, field in INVALID:
        for method, path, body in (
            ("POST", "/profiles", {**PROFILE, **changes}),
            ("PUT", f"/profiles/{profile['id']}", changes),
        ):
            reply = client.request(method, path, json_body=body, token=owner.token)
            fields = [d["field"] for d in assert_error(reply, 422)["details"]]
            if fields != [field]:
                wrong.append((method, changes, fields))
    assert wrong == []
    assert client.get(f"/profiles/{profile['id']}", token=owner.token).json == profile
    assert user_record(owner.id).total_saved_profiles == 1


def test_every_feature_and_the_name_are_required_and_not_nullable(client, aws):
    owner = seed_account()
    profile = create(client, owner.token)
    for field in REQUIRED:
        missing = {k: v for k, v in PROFILE.items() if k != field}
        body = assert_error(client.post("/profiles", missing, token=owner.token), 422)
        assert [d["field"] for d in body["details"]] == [field]
        body = assert_error(client.put(f"/profiles/{profile['id']}", {field: None}, token=owner.token), 422)
        assert [d["field"] for d in body["details"]] == [field]
    assert client.get(f"/profiles/{profile['id']}", token=owner.token).json == profile


def test_saved_profiles_count_in_my_profile(client, aws):
    owner = seed_account()
    first = create(client, owner.token)
    create(client, owner.token)
    assert client.get("/users/me/profile", token=owner.token).json["total_saved_profiles"] == 2
    assert client.delete(f"/profiles/{first['id']}", token=owner.token).status == 204
    assert client.get("/users/me/profile", token=owner.token).json["total_saved_profiles"] == 1
    assert_error(client.delete(f"/profiles/{first['id']}", token=owner.token), 404, "profile_not_found")
    assert client.get("/users/me/profile", token=owner.token).json["total_saved_profiles"] == 1


def test_profile_predict_is_recorded_in_history_with_the_profile_id(client, active_model):
    owner = seed_account()
    profile = create(client, owner.token)
    reply = client.post(f"/profiles/{profile['id']}/predict", token=owner.token)
    assert reply.status == 200, reply.json
    body = reply.json
    assert body["model_version"] == active_model.version
    assert body["customer_data"]["annual_income"] == PROFILE["annual_income"]
    assert body["customer_data"]["sex"] == "Female"
    direct = client.post(
        "/predict", {k: v for k, v in PROFILE.items() if k not in ("name", "notes")}, token=owner.token
    )
    assert (direct.json["cluster"], direct.json["confidence"]) == (body["cluster"], body["confidence"])
    entry = client.get(f"/history/{body['prediction_id']}", token=owner.token).json
    assert entry["profile_id"] == profile["id"]
    me = client.get("/users/me/profile", token=owner.token).json
    assert (me["total_predictions"], me["total_saved_profiles"]) == (2, 1)


def test_profile_predict_without_an_active_model_is_409(client, no_active_model):
    owner = seed_account()
    profile = create(client, owner.token)
    assert_error(client.post(f"/profiles/{profile['id']}/predict", token=owner.token), 409, "no_active_model")


def test_account_deletion_removes_the_profiles(client, aws):
    from chalicelib.db.models import ProfileRecord

    owner, keeper = seed_account(), seed_account()
    for i in range(3):
        create(client, owner.token, name=f"p{i}")
    kept = create(client, keeper.token)
    assert client.delete("/users/me", {"password": owner.password}, token=owner.token).status == 204
    assert [(p.user_id, p.id) for p in ProfileRecord.scan()] == [(keeper.id, kept["id"])]


def test_profile_purge_is_idempotent_and_spans_several_transactions(aws):
    from chalicelib.db.models import ProfileRecord
    from chalicelib.profiles import repository
    from chalicelib.services import services

    owner = seed_account()
    user = user_record(owner.id)
    for i in range(7):
        services().profiles.create(user, {**PROFILE, "sex": "Female", "name": f"p{i}"})
    original = repository.PURGE_CHUNK
    repository.PURGE_CHUNK = 3
    try:
        services().profiles.purge_user(owner.id)
        services().profiles.purge_user(owner.id)
    finally:
        repository.PURGE_CHUNK = original
    assert list(ProfileRecord.query(owner.id)) == []
    assert user_record(owner.id).total_saved_profiles == 0


def test_no_profile_can_be_added_to_an_account_being_deleted(client, aws):
    owner = seed_account()
    user = user_record(owner.id)
    user.deleting = True
    user.save()
    from chalicelib.services import services

    with pytest.raises(Exception) as caught:
        services().profiles.create(user, {**PROFILE, "sex": "Female"})
    assert getattr(caught.value, "code", None) == "account_deleting"
    assert user_record(owner.id).total_saved_profiles == 0
