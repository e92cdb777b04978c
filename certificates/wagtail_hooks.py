"""Admin wiring for certificates: the menu group, the tools' URLs and the log actions; the certificate's
panel beside a completed course on learner pages (``courses.completion``)."""

from django.urls import include, path
from wagtail import hooks

from . import audit
from .admin_views import CertificatesMenu, tool_urlpatterns


@hooks.register("register_admin_viewset")
def register_certificates():
    return CertificatesMenu()


@hooks.register("register_admin_urls")
def register_certificate_tools():
    return [path("certificate-tools/", include((tool_urlpatterns, "certificate_tools"), namespace="certificate_tools"))]


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("kns_course_completion_panels")
def certificate_panels(request, enrollments):
    from .completion import panels_for

    return panels_for(request=request, enrollments=enrollments)
