"""Private files (login sheets here; evidence, certificates and exports through ``courses.storage``).

They have no URL at all and reach people only through permission-checked views, which stream them.
Where they live is ``STORAGES["private"]``: a folder under ``PRIVATE_MEDIA_ROOT`` by default, a
private bucket with ``MEDIA_STORAGE=s3`` (``accounts.storage_s3``, set up by
``config.env.env_media_storages``). ``private_storage``
looks that alias up on every use, so ``override_settings(STORAGES=...)`` switches it in a test and the
migrations record one unchanging class. accounts is the lowest app that keeps private files, so the
storage is defined here and ``courses.storage`` subclasses it under the name its migrations record.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

NO_URL = "Private files have no public URL; serve them through a permission-checked view."


class StorageRetry(Exception):
    """A background file the store refused: the job recorded the reason and released its claim; the
    task asks Celery to run it again after ``countdown`` seconds."""

    def __init__(self, reason: str, countdown: int):
        super().__init__(reason)
        self.reason, self.countdown = reason, countdown


def storage_error_text(error: BaseException) -> str:
    """The store's own reason (the OS's errno text, S3's error code), short enough for a job row."""
    return f"{type(error).__name__}: {error}"[:500]


def retry_countdown(attempt: int) -> int | None:
    """Seconds before try ``attempt + 2`` (attempt 0 is the first), or None when the tries are used up."""
    if attempt + 1 >= settings.KNS_STORAGE_MAX_ATTEMPTS:
        return None
    return settings.KNS_STORAGE_RETRY_SECONDS * 2**attempt


class PrivateFileSystemStorage(FileSystemStorage):
    """``STORAGES["private"]`` by default: under ``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def base_url(self):
        return None

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError(NO_URL)


@deconstructible
class PrivateFileStorage(Storage):
    """The private store as models see it: every call goes to ``STORAGES["private"]``, looked up then."""

    @property
    def backend(self) -> Storage:
        return storages["private"]

    def open(self, name, mode="rb"):
        return self.backend.open(name, mode)

    def save(self, name, content, max_length=None):
        return self.backend.save(name, content, max_length=max_length)

    def generate_filename(self, filename):
        return self.backend.generate_filename(filename)

    def get_valid_name(self, name):
        return self.backend.get_valid_name(name)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def delete(self, name):
        return self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def size(self, name):
        return self.backend.size(name)

    def path(self, name):
        return self.backend.path(name)  # NotImplementedError on a bucket: use open()

    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)

    def get_created_time(self, name):
        return self.backend.get_created_time(name)

    def get_accessed_time(self, name):
        return self.backend.get_accessed_time(name)

    def url(self, name):
        raise ValueError(NO_URL)


private_storage = PrivateFileStorage()
