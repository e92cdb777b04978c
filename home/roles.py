"""Wagtail collection permissions for trainers: they upload and choose images and documents for lessons."""

from django.contrib.auth.models import Permission
from wagtail.models import Collection, GroupCollectionPermission

TRAINER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def grant_trainer_collections(group):
    root = Collection.get_first_root_node()
    if root is None:
        return
    for app_label, codename in TRAINER_COLLECTION_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)
