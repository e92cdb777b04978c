from django.urls import path

from . import personal_data_views, sso_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("code/", views.CodeLoginView.as_view(), name="code_login"),
    path("code/request/", views.CodeRequestView.as_view(), name="code_request"),
    path("once/<str:token>/", views.OneTimeLinkView.as_view(), name="one_time_link"),
    path("password/new/", views.SetPasswordView.as_view(), name="set_password"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("me/", views.AccountView.as_view(), name="account"),
    path("me/data.json", views.my_data_json, name="my_data_json"),
    path("me/data.csv", views.my_data_csv, name="my_data_csv"),
    path("me/data.zip", personal_data_views.my_data_zip, name="my_data_zip"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    *sso_views.public_urls(),
]
