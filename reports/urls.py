"""Reports' URLs: the public team page and notices (``config.urls``), and the admin dashboard
(``admin_urlpatterns``, mounted at /admin/progress/ by ``reports.wagtail_hooks``)."""

from django.urls import path

from . import sessions, views

app_name = "reports"

urlpatterns = [
    path("team/", views.my_team, name="my_team"),
    path("team/<int:team_id>/", views.team_page, name="team_page"),
    path("notices/<int:pk>/dismiss/", views.notice_dismiss, name="notice_dismiss"),
]

admin_urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("province/<int:pk>/", views.ProvinceView.as_view(), name="province"),
    path("commune/<int:pk>/", views.CommuneView.as_view(), name="commune"),
    path("commune/<int:pk>/remind/", views.CommuneRemindView.as_view(), name="commune_remind"),
    path("commune/<int:pk>/refresh/", views.CommuneRefreshView.as_view(), name="commune_refresh"),
    path("team/<int:pk>/", views.TeamView.as_view(), name="team"),
    path("team/<int:pk>/remind/", views.TeamRemindView.as_view(), name="team_remind"),
    path("cadre/<int:pk>/", views.CadreView.as_view(), name="cadre"),
    path("targets/", views.TargetsView.as_view(), name="targets"),
    path("targets/<int:pk>/delete/", views.TargetDeleteView.as_view(), name="target_delete"),
    path("exports/", views.ExportsView.as_view(), name="exports"),
    path("exports/<int:pk>/", views.ExportJobView.as_view(), name="export"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("sessions/<str:level>/<int:pk>/export/", sessions.sessions_export, name="sessions_export"),
]
