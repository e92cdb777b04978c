from wagtail import hooks

from .views import LocalitiesViewSetGroup


@hooks.register("register_admin_viewset")
def register_localities():
    return LocalitiesViewSetGroup()
