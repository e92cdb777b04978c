from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:course_id>/withdraw/", views.withdraw, name="withdraw"),
    path("courses/<int:course_id>/continue/", views.continue_course, name="continue"),
    path("steps/<int:step_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path("steps/<int:step_id>/checklist/", views.practice_check, name="practice_check"),
    path("steps/<int:step_id>/evidence/", views.evidence_submit, name="evidence_submit"),
    path("evidence/<int:evidence_id>/file/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:evidence_id>/review/", views.review_decide, name="review_decide"),
    path("review/", views.review_list, name="review_list"),
    path("my-learning/", views.my_learning_view, name="my_learning"),
    path("search/", views.search, name="search"),
    path("courses/<int:course_id>/offline/", views.offline_manifest_view, name="offline_manifest"),
    path("offline/", views.offline_page, name="offline_page"),
    path("offline/sw.js", views.service_worker, name="service_worker"),
]
