import httpx


def test_health_and_me(hub):
    token = hub.add_user("李明")
    assert httpx.get(f"{hub.url}/v1/health").json()["status"] == "ok"
    me = httpx.get(f"{hub.url}/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me == {"name": "李明", "role": "engineer", "team": "一组", "teams": ["一组"]}
