def test_root_reports_healthy(client):
    reply = client.get("/")
    assert reply.status == 200
    assert reply.json["status"] == "healthy"


def test_register_login_me(client, accounts):
    account = accounts.register("alice")
    reply = client.get("/auth/me", token=account.token)
    assert reply.status == 200, reply.json
    assert reply.json["username"] == "alice"
