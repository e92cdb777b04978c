"""An S3-compatible store for the tests that opt in: moto's server mode, started once per session on
loopback. It is a real HTTP S3 API (signatures, ACLs, ranged GETs, 403 for anonymous reads of private
objects) that boto3 and django-storages talk to over a socket; nothing of ours is replaced.

A test takes ``s3`` and, for its duration, ``STORAGES["default"]`` and ``STORAGES["private"]`` are
what ``MEDIA_STORAGE=s3`` builds from the S3 variables (``config.env.env_media_storages``), on two
buckets of its own.
"""

import logging
import uuid
from dataclasses import dataclass

import boto3
import pytest
from botocore.exceptions import ClientError

from config.env import env_media_storages

ACCESS_KEY, SECRET_KEY, REGION = "kns-test-key", "kns-test-secret", "us-east-1"


@pytest.fixture(scope="session")
def moto_endpoint():
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@dataclass
class S3:
    endpoint: str
    public_bucket: str
    private_bucket: str
    client: object

    def keys(self, bucket: str) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=bucket)
        return [item["Key"] for item in listing.get("Contents", [])]

    def read(self, bucket: str, key: str) -> bytes:
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()

    def has(self, bucket: str, key: str) -> bool:
        try:
            self.client.head_object(Bucket=bucket, Key=key)
        except ClientError as error:
            if error.response["Error"]["Code"] in ("404", "NoSuchKey"):
                return False
            raise
        return True

    def object_url(self, bucket: str, key: str) -> str:
        return f"{self.endpoint}/{bucket}/{key}"


def s3_environment(monkeypatch, endpoint: str, public_bucket: str, private_bucket: str) -> None:
    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.setenv("S3_BUCKET", public_bucket)
    monkeypatch.setenv("S3_PRIVATE_BUCKET", private_bucket)
    monkeypatch.setenv("S3_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("S3_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("S3_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("S3_REGION", REGION)


@pytest.fixture
def s3(moto_endpoint, settings, monkeypatch):
    suffix = uuid.uuid4().hex[:10]
    public_bucket, private_bucket = f"kns-media-{suffix}", f"kns-private-{suffix}"
    client = boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )
    client.create_bucket(Bucket=public_bucket)
    client.create_bucket(Bucket=private_bucket)
    s3_environment(monkeypatch, moto_endpoint, public_bucket, private_bucket)
    settings.STORAGES = {**settings.STORAGES, **env_media_storages()}
    return S3(moto_endpoint, public_bucket, private_bucket, client)
