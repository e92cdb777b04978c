from django.urls import path

from . import views

app_name = "blended"

urlpatterns = [
    # The URL in the check-in QR code (blended.checkin): stable, outside any language prefix.
    path("checkin/<str:token>/", views.checkin, name="checkin"),
]
