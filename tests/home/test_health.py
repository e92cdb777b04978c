import pytest
from django.urls import reverse


@pytest.mark.smoke
@pytest.mark.django_db
def test_healthz_reports_database_cache_and_broker(client, settings):
    response = client.get(reverse("healthz"))
    body = response.json()
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    expected_broker = "eager" if not settings.CELERY_BROKER_URL else "ok"
    assert body["broker"] == expected_broker
    assert response.status_code == 200
    assert body["status"] == "ok"


@pytest.mark.django_db
def test_healthz_says_503_when_the_broker_is_unreachable(client, settings):
    # Nothing listens on port 1 of the loopback: the broker is down, and the page still answers.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "ok", "broker": "unreachable"}


@pytest.mark.django_db
def test_healthz_says_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection
    from django.db.utils import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    # The database driver is not our code: standing in for a dead server is the honest way to test this branch.
    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_healthz_says_503_when_the_cache_is_unreachable(client, settings):
    # A Redis cache on a port nobody listens on: the page still answers, and says which part is down.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["cache"] == "unreachable"
    assert response.json()["database"] == "ok"
