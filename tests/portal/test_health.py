from django.db import DatabaseError


def test_health_says_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_says_503_when_the_database_does_not(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    # Undone before the test database is torn down, which needs the cursor.
    with monkeypatch.context() as patched:
        patched.setattr("portal.views.connection.cursor", refuse)
        response = client.get("/healthz")
    assert response.status_code == 503
