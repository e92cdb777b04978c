"""Private files (login sheets here; evidence, certificates and exports through ``courses.storage``).

They live under ``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``, have no URL at all, and reach people
only through permission-checked views. accounts is the lowest app that keeps private files, so the
storage is defined here and ``courses.storage`` subclasses it under the name its migrations record.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible
class PrivateFileStorage(FileSystemStorage):
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
        raise ValueError("Private files have no public URL; serve them through a permission-checked view.")


private_storage = PrivateFileStorage()
