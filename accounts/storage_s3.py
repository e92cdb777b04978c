"""``STORAGES["private"]`` with ``MEDIA_STORAGE=s3``: the private bucket of an S3-compatible store.

Imported only when configured (boto3 is not loaded by a site on the filesystem). Objects are written
with the ``private`` ACL and are never given a URL, signed or not: the permission-checked views
stream them (docs/deployment.md, "Media").
"""

from storages.backends.s3 import S3Storage

from .storage import NO_URL


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError(NO_URL)
