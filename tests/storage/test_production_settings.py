"""Production settings with ``MEDIA_STORAGE=s3``: they load and pass ``check --deploy`` with no shared
folder named at all, and every process builds the same two buckets from the environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRINT_STORAGES = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.MEDIA_STORAGE, settings.STORAGES['default']['BACKEND'], settings.STORAGES['private']['BACKEND'], "
    "settings.STORAGES['default']['OPTIONS']['bucket_name'], settings.STORAGES['private']['OPTIONS']['bucket_name'])"
)


def _production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("S3_", "MEDIA_", "PRIVATE_MEDIA_", "DJANGO_", "KNS_", "CELERY_", "CACHE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="p9#Jx2!vQm7$Lr4@Wt8^Zn1&Hk6*Bd3(Fs0)Gy5-Cu2+Ea7=Oi9",
        ALLOWED_HOSTS="kynangso.example.vn",
        PUBLIC_BASE_URL="https://kynangso.example.vn",
        DATABASE_URL="sqlite:////tmp/kns-production-settings-check.sqlite3",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        CACHE_URL="redis://127.0.0.1:6379/1",
        MEDIA_STORAGE="s3",
        S3_BUCKET="kns-media",
        S3_PRIVATE_BUCKET="kns-private",
        S3_ENDPOINT_URL="https://s3.example.vn",
        S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret",
        S3_REGION="ap-southeast-1",
    )
    env.update(extra)
    return env


def _run(args, env):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_production_with_s3_loads_and_passes_the_deploy_check():
    env = _production_env()
    shown = _run(["-c", PRINT_STORAGES], env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == [
        "s3",
        "storages.backends.s3.S3Storage",
        "accounts.storage_s3.PrivateS3Storage",
        "kns-media",
        "kns-private",
    ]
    check = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert check.returncode == 0, check.stdout + check.stderr


def test_production_with_s3_but_no_private_bucket_stops_with_one_sentence():
    env = _production_env()
    del env["S3_PRIVATE_BUCKET"]
    result = _run(["-c", PRINT_STORAGES], env)
    assert result.returncode != 0
    assert "The environment variable S3_PRIVATE_BUCKET is required when MEDIA_STORAGE=s3." in result.stderr
