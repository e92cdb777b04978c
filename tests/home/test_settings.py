"""Settings fail at start with one clear sentence, and production passes the deploy check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "kynangso.example.vn",
    "PUBLIC_BASE_URL": "https://kynangso.example.vn",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "deploy-check.sqlite3"),
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in GOOD and k != "REDIS_URL" and not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args, "--settings=config.settings.production"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_with_no_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=GOOD)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        ({"SECRET_KEY": None}, "The environment variable SECRET_KEY is required but is not set."),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be a random string of at least 50 characters in production."),
        ({"PUBLIC_BASE_URL": "kynangso.vn"}, "PUBLIC_BASE_URL must be a URL starting with http:// or https://"),
        ({"DATABASE_URL": "mysql://db/x"}, "DATABASE_URL must be a URL starting with"),
        ({"CELERY_BROKER_URL": None}, "CELERY_BROKER_URL is required in production"),
        ({"CACHE_URL": None}, "CACHE_URL is required in production"),
        ({"SESSION_COOKIE_AGE": "two weeks"}, "SESSION_COOKIE_AGE must be a whole number, not 'two weeks'."),
        ({"SECURE_SSL_REDIRECT": "maybe"}, "SECURE_SSL_REDIRECT must be true or false, not 'maybe'."),
    ],
)
def test_missing_or_malformed_values_fail_with_one_clear_sentence(change, sentence):
    env = {**GOOD, **{k: v for k, v in change.items() if v is not None}}
    for key, value in change.items():
        if value is None:
            env.pop(key)
    result = manage("check", env=env)
    assert result.returncode != 0
    assert sentence in result.stderr
