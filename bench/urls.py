"""The bench URLconf: the reference views, then the whole site exactly as production routes it."""

from django.urls import include, path

from bench.scenarios import BARE_PATH, SESSION_USER_PATH, SESSION_USER_TEMPLATE_PATH
from bench.views import bare, session_user, session_user_template

urlpatterns = [
    # Before config.urls, whose last pattern is Wagtail's catch-all page route.
    path(BARE_PATH.lstrip("/"), bare, name="bench-bare"),
    path(SESSION_USER_PATH.lstrip("/"), session_user, name="bench-session-user"),
    path(SESSION_USER_TEMPLATE_PATH.lstrip("/"), session_user_template, name="bench-session-user-template"),
    path("", include("config.urls")),
]
