"""Public URLs. ``verify/<code>/`` is printed in every QR code: it never changes and carries no
language prefix. The Open Badges URLs (issuer, keys, status list, contexts, credentials) are named
inside signed credentials, so they never change either."""

from django.urls import path

from . import credential_views, views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/offline/", credential_views.offline_checker, name="offline"),
    path("verify/sw.js", credential_views.service_worker, name="offline_sw"),
    path("verify/manifest.webmanifest", credential_views.manifest, name="offline_manifest"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("verify/<str:code>/credential.jwt", credential_views.credential, name="credential"),
    path("issuer/", credential_views.issuer, name="issuer"),
    path("issuer/jwks.json", credential_views.jwks, name="jwks"),
    path("status/revocation/", credential_views.status_list, name="status_list"),
    path("contexts/<str:name>", credential_views.context, name="context"),
    path("mine/", views.my_certificates, name="mine"),
    path("<int:pk>/download/", views.download, name="download"),
    path("course/<int:course_id>/", views.course_certificate, name="for_course"),
]
