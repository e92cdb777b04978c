"""Public URLs. ``verify/<code>/`` is printed in every QR code: it never changes and carries no
language prefix."""

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("mine/", views.my_certificates, name="mine"),
    path("<int:pk>/download/", views.download, name="download"),
    path("course/<int:course_id>/", views.course_certificate, name="for_course"),
]
