"""The bench URLconf: the bare baseline view, then the whole site exactly as production routes it."""

from django.urls import include, path

from bench.scenarios import BARE_PATH
from bench.views import bare

urlpatterns = [
    # Before config.urls, whose last pattern is Wagtail's catch-all page route.
    path(BARE_PATH.lstrip("/"), bare, name="bench-bare"),
    path("", include("config.urls")),
]
