"""Private files (practice evidence, certificates, exports): ``STORAGES["private"]``, with no URL.

The storage itself lives in ``accounts.storage`` (the lowest app that keeps private files, its
printed login sheets); this subclass keeps the name that the migrations of courses, certificates
and reports record. Files reach people only through permission-checked views.
"""

from django.utils.deconstruct import deconstructible

from accounts.storage import PrivateFileStorage as _PrivateFileStorage


@deconstructible
class PrivateFileStorage(_PrivateFileStorage):
    pass


private_storage = PrivateFileStorage()
