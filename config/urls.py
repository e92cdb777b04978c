from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses.document_serving import serve_document
from home import notification_views
from home import views as home_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Documents (lesson videos above all) with HTTP Range support, before Wagtail's own view (same URL).
    path("documents/<int:document_id>/<str:document_filename>", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("learn/quizzes/", include("quizzes.urls")),
    path("learn/sessions/", include("blended.urls")),
    path("learn/", include("courses.urls")),
    # Printed in every certificate's QR code: stable, outside any language prefix.
    path("certificates/", include("certificates.urls")),
    path("reports/", include("reports.urls")),
    # How a logged-in person is reached (SMS, Zalo, e-mail) and what was sent to them (docs/notifications.md).
    path("notifications/", notification_views.preferences, name="notification_preferences"),
    path("healthz/", home_views.healthz, name="healthz"),
    path("i18n/setlang/", home_views.set_language, name="set_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last and catches everything else. No language
# prefix: printed QR codes and shared links must never change.
urlpatterns += [path("", include(wagtail_urls))]
