"""URL kwargs for the guard test: for every URL of ours that takes parameters, an object in province A.

The out-of-scope manager (province B) must get 403 or 404 for it; the in-scope
manager must not. A new parameterised URL without an entry here fails the guard
test, so every feature is covered the day it lands. Entries are by URL name, or
by namespace for a whole ViewSet.
"""

from tests.blended import samples as blended_samples
from tests.certificates import samples as certificates_samples
from tests.notifications import samples as notifications_samples
from tests.reports import samples as reports_samples


def assignment_a1(world):
    """A course assigned to commune A1 (built on first use, so only the guard test pays for it)."""
    import datetime

    from courses.models import Assignment
    from tests.courses.builders import build_course

    found = Assignment.objects.filter(commune=world.commune_a1).first()
    if found:
        return found
    course, _ = build_course(title="Khóa học của xã An Bình", lessons=1)
    return Assignment.objects.create(
        course=course,
        course_key=course.course_key,
        commune=world.commune_a1,
        created_by=world.manager_a,
        due_date=datetime.date(2030, 1, 1),
    )


def import_job_a(world):
    """A cadre import made by province A's manager (only its creator, and superusers, may open it)."""
    from accounts.models import ImportJob

    return ImportJob.objects.get_or_create(
        created_by=world.manager_a, filename="can-bo-an-binh.csv", defaults={"status": ImportJob.Status.INVALID}
    )[0]


def sso_request_a(world):
    """A first single sign-on login by commune A1's cadre, waiting for a manager's confirmation."""
    from accounts.models import SsoLinkRequest

    found = SsoLinkRequest.objects.filter(user=world.cadre).first()
    return found or SsoLinkRequest.objects.create(
        user=world.cadre, issuer="https://sso.example.vn", subject="sub-a1", matched_by="username"
    )


def login_sheet_a(world):
    """A ready login sheet for team A1, printed by province A's manager (a stand-in PDF, not rendered)."""
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from accounts.models import LoginSheet

    found = LoginSheet.objects.filter(team=world.team_a1, created_by=world.manager_a).first()
    if found:
        return found
    sheet = LoginSheet(
        created_by=world.manager_a,
        team=world.team_a1,
        status=LoginSheet.Status.READY,
        total=2,
        file_expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    sheet.file.save("mau.pdf", ContentFile(b"%PDF-1.4\n%%EOF"), save=False)
    sheet.save()
    return sheet


def quiz_attempt_a1(world):
    """A quiz with a question bank and the cadre's open attempt (built on first use)."""
    from quizzes.models import Attempt
    from tests.quizzes.builders import quiz_setup

    found = Attempt.objects.filter(user=world.cadre).select_related("quiz").first()
    if found:
        return found
    from quizzes import services

    _course, _steps, quiz, _bank = quiz_setup(world, questions=3, question_count=3)
    return services.attempt_start(user=world.cadre, quiz=quiz)


def quiz_category(world):
    from quizzes.models import QuestionCategory

    return QuestionCategory.objects.get_or_create(name="Định danh điện tử")[0]


def course_a1(world):
    """A course with a lesson and an evidence task, and a piece of the cadre's evidence (built on first use)."""
    from courses import services
    from courses.models import CoursePage, Evidence
    from tests.courses.builders import build_course

    course = CoursePage.objects.filter(title="Khóa học mẫu cho kiểm tra quyền").first()
    if course is None:
        course, steps = build_course(title="Khóa học mẫu cho kiểm tra quyền", lessons=1, practice="evidence")
        services.enrollment_create(user=world.cadre, course=course)
        from django.core.files.base import ContentFile

        evidence = Evidence(
            user=world.cadre, step=steps[1], content_type="application/pdf", original_name="a.pdf", size=9
        )
        evidence.file.save("a.pdf", ContentFile(b"%PDF-1.4\n%%EOF"), save=False)
        evidence.save()
    steps = list(course.get_children().specific())
    return {
        "course_id": course.pk,
        "lesson_id": steps[0].pk,
        "practice_id": steps[1].pk,
        "evidence_id": Evidence.objects.get(step_id=steps[1].pk).pk,
    }


def editing_session_a(world):
    """The province manager's editing session on the cadre (a release by anyone else must change nothing)."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.admin.models import EditingSession

    return EditingSession.objects.get_or_create(
        user=world.manager_a,
        content_type=ContentType.objects.get_for_model(type(world.cadre)),
        object_id=str(world.cadre.pk),
        defaults={"last_seen_at": timezone.now()},
    )[0]


def site_pk():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).pk


def sample_document(world):
    """A lesson video (public, as Wagtail documents are unless their collection is restricted)."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.filter(title="Video mẫu").first()
    if document is None:
        document = Document.objects.create(title="Video mẫu", file=ContentFile(b"\x00" * 64, name="video-mau.mp4"))
    return {"document_id": document.pk, "document_filename": document.filename}


SAMPLES = {
    "courses:enrol": lambda world: {"course_id": course_a1(world)["course_id"]},
    "courses:withdraw": lambda world: {"course_id": course_a1(world)["course_id"]},
    "courses:continue": lambda world: {"course_id": course_a1(world)["course_id"]},
    "courses:lesson_complete": lambda world: {"step_id": course_a1(world)["lesson_id"]},
    "courses:practice_check": lambda world: {"step_id": course_a1(world)["practice_id"]},
    "courses:evidence_submit": lambda world: {"step_id": course_a1(world)["practice_id"]},
    "courses:evidence_file": lambda world: {"evidence_id": course_a1(world)["evidence_id"]},
    "courses:review_decide": lambda world: {"evidence_id": course_a1(world)["evidence_id"]},
    "courses:offline_manifest": lambda world: {"course_id": course_a1(world)["course_id"]},
    "wagtaildocs_serve": lambda world: sample_document(world),
    "wagtailusers_users": lambda world: {"pk": world.cadre.pk},
    "provinces": lambda world: {"pk": world.province_a.pk},
    "communes": lambda world: {"pk": world.commune_a1.pk},
    "successions": lambda world: {"pk": world.commune_a1.predecessions.order_by("pk").first().pk},
    "assignments": lambda world: {"pk": assignment_a1(world).pk},
    "teams": lambda world: {"pk": world.team_a1.pk},
    "kns_people_chooser": lambda world: {"pk": world.cadre.pk},
    "kns_people": lambda world: {"pk": world.cadre.pk},
    "kns_cadre_import": lambda world: {"pk": import_job_a(world).pk},
    # Login sheets (accounts/login_sheets_views.py): a commune and a team of province A, and a sheet
    # province A's manager printed (a sheet is open to its printer and to superusers only).
    "kns_login_sheets:commune": lambda world: {"pk": world.commune_a1.pk},
    "kns_login_sheets:team": lambda world: {"pk": world.team_a1.pk},
    "kns_login_sheets": lambda world: {"pk": login_sheet_a(world).pk},
    "kns_sso_links": lambda world: {"pk": sso_request_a(world).pk},
    "accounts:one_time_link": lambda world: {"token": "ma-khong-hop-le"},
    "accounts:password_reset_confirm": lambda world: {"uidb64": "MQ", "token": "set-password"},
    "quizzes:start": lambda world: {"quiz_id": quiz_attempt_a1(world).quiz_id},
    "quizzes": lambda world: {"attempt_id": quiz_attempt_a1(world).pk},
    "quiz_questions": lambda world: {"pk": quiz_attempt_a1(world).snapshot[0]["q"]},
    "quiz_banks": lambda world: {"pk": quiz_attempt_a1(world).quiz.banks.first().pk},
    "quiz_categories": lambda world: {"pk": quiz_category(world).pk},
    "quiz_results": lambda world: {"quiz_id": quiz_attempt_a1(world).quiz_id},
    # Certificates (tests/certificates/samples.py).
    "issued_certificates": lambda world: {"pk": certificates_samples.sample_certificate(world).pk},
    "wagtailsnippets_certificates_certificatetemplate": lambda world: {
        "pk": certificates_samples.sample_template(world).pk
    },
    "certificate_courses": lambda world: {"pk": certificates_samples.sample_link(world).pk},
    "certificate_tools": lambda world: {"pk": certificates_samples.sample_job(world).pk},
    "certificates:download": lambda world: {"pk": certificates_samples.sample_certificate(world).pk},
    "certificates:for_course": lambda world: {"course_id": course_a1(world)["course_id"]},
    "certificates:verify": lambda world: {"code": certificates_samples.sample_certificate(world).display_code},
    "certificates:credential": lambda world: {"code": certificates_samples.sample_certificate(world).display_code},
    "certificates:context": lambda world: {"name": "ob-v3p0-context-3.0.3.json"},
    # Reports (tests/reports/samples.py): the dashboard's levels, actions, exports; the team page.
    "reports_admin:province": lambda world: {"pk": world.province_a.pk},
    "reports_admin:commune": lambda world: {"pk": world.commune_a1.pk},
    "reports_admin:commune_remind": lambda world: {"pk": world.commune_a1.pk},
    "reports_admin:commune_refresh": lambda world: {"pk": world.commune_a1.pk},
    "reports_admin:team": lambda world: {"pk": world.team_a1.pk},
    "reports_admin:team_remind": lambda world: {"pk": world.team_a1.pk},
    "reports_admin:cadre": lambda world: {"pk": world.cadre.pk},
    "reports_admin:target_delete": lambda world: {"pk": reports_samples.sample_target(world).pk},
    "reports_admin:export": lambda world: {"pk": reports_samples.sample_export(world).pk},
    "reports_admin:export_download": lambda world: {"pk": reports_samples.sample_export(world).pk},
    "reports:team_page": lambda world: {"team_id": world.team_a1.pk},
    "reports:notice_dismiss": lambda world: {"pk": reports_samples.sample_notice(world).pk},
    # Training sessions (blended/): a session in commune A1; the check-in URL with its current code.
    "training_sessions": lambda world: {"pk": blended_samples.sample_session(world).pk},
    "blended:checkin": lambda world: {"token": blended_samples.sample_token(world)},
    "reports_admin:sessions_export": lambda world: {"level": "commune", "pk": world.commune_a1.pk},
    # Messages sent (reports/admin_messages.py): one to province A's cadre.
    "notification_messages": lambda world: {"pk": notifications_samples.sample_message(world).pk},
    # Wagtail's views that our models bring into play (tests/test_url_guard.py; "_query" is the query string).
    "wagtailsnippetchoosers_certificates_certificatetemplate": lambda world: {
        "pk": certificates_samples.sample_template(world).pk
    },
    "wagtail_bulk_action": lambda world: {
        "app_label": "accounts",
        "model_name": "user",
        "action": "set_active_state",
        "_query": {"id": world.cadre.pk},
    },
    "wagtailadmin_editing_sessions:ping": lambda world: {
        "app_label": "accounts",
        "model_name": "user",
        "object_id": str(world.cadre.pk),
        "session_id": 0,
    },
    "wagtailadmin_editing_sessions:release": lambda world: {"session_id": editing_session_a(world).pk},
    "wagtailsettings": lambda world: {"app_name": "home", "model_name": "organisationsettings", "pk": site_pk()},
}


def second_manager_a(world):
    """A second manager of province A, living in commune A1: of higher privilege than any cadre or
    leader, and not someone every manager may act on (only superusers manage managers)."""
    from accounts.models import ManagerScope, User
    from tests.factories import UserFactory

    found = User.objects.filter(username="manager_a_2").first()
    if found:
        return found
    person = UserFactory(
        username="manager_a_2",
        full_name="Quản Lý Thứ Hai Tỉnh Alpha",
        commune=world.commune_a1,
        phone="+84977000104",
        roles=["Managers"],
    )
    ManagerScope.objects.create(user=person, province=world.province_a)
    return person


# Ids of a person of higher privilege, for URLs that reach people: everyone but a superuser must be
# refused, or answer without naming them and change nothing (a bulk action leaves them out).
HIGHER_PRIVILEGE_SAMPLES = {
    "wagtailusers_users": lambda world: {"pk": second_manager_a(world).pk},
    "kns_people": lambda world: {"pk": second_manager_a(world).pk},
    "wagtail_bulk_action": lambda world: {
        "app_label": "accounts",
        "model_name": "user",
        "action": "set_active_state",
        "_query": {"id": second_manager_a(world).pk},
    },
    "wagtailadmin_editing_sessions:ping": lambda world: {
        "app_label": "accounts",
        "model_name": "user",
        "object_id": str(second_manager_a(world).pk),
        "session_id": 0,
    },
}


def first_succession_a(world) -> str:
    """The former unit first in province A's listing of merges (ordered by successor, then predecessor)."""
    from localities.models import UnitSuccession

    first = (
        UnitSuccession.objects.filter(successor__province=world.province_a)
        .order_by("successor__name", "predecessor__name", "pk")
        .select_related("predecessor")
        .first()
    )
    return first.predecessor.name


# Listing views of ours and a text that appears there only for people who may see province A's objects.
SCOPED_LISTING_MARKERS = {
    "wagtailusers_users:index": lambda world: world.cadre.full_name,
    "wagtailusers_users:index_results": lambda world: world.cadre.full_name,
    # Creation reaches no object by id; its commune choices must stay inside the scope.
    "wagtailusers_users:add": lambda world: world.commune_a2.name,
    "provinces:index": lambda world: world.province_a.name,
    "provinces:index_results": lambda world: world.province_a.name,
    "communes:index": lambda world: world.commune_a2.name,
    "communes:index_results": lambda world: world.commune_a2.name,
    "successions:index": lambda world: first_succession_a(world),
    "successions:index_results": lambda world: first_succession_a(world),
    "assignments:index": lambda world: assignment_a1(world).course.title,
    "assignments:index_results": lambda world: assignment_a1(world).course.title,
    "assignments:add": lambda world: world.commune_a2.name,
    # The login sheets page offers the manager's communes.
    "kns_login_sheets:index": lambda world: world.commune_a2.name,
    # Pending single sign-on links of the manager's people (the sample is made on first use).
    "kns_sso_links:index": lambda world: sso_request_a(world).user.full_name,
    # The import page names the manager's scope; jobs are listed to their creator only.
    "kns_cadre_import:index": lambda world: world.province_a.name,
    "teams:index": lambda world: world.team_a1.name,
    "teams:index_results": lambda world: world.team_a1.name,
    "teams:add": lambda world: world.commune_a2.name,
    # The chooser answers JSON (non-ASCII escaped): its username column is the marker.
    "kns_people_chooser:choose": lambda world: world.cadre.username,
    "kns_people_chooser:choose_results": lambda world: world.cadre.username,
    # Certificates of province A: the holder's name (the sample certificate is made on first use).
    "issued_certificates:index": lambda world: certificates_samples.sample_certificate(world).full_name,
    "issued_certificates:index_results": lambda world: certificates_samples.sample_certificate(world).full_name,
    # Reports: the overview lists the manager's provinces; the targets form offers them; the exports
    # page names the scope.
    "reports_admin:overview": lambda world: world.province_a.name,
    "reports_admin:targets": lambda world: world.province_a.name,
    "reports_admin:exports": lambda world: world.province_a.name,
    # Training sessions of province A: the sample's title; the scheduling form offers the manager's communes.
    "training_sessions:index": lambda world: blended_samples.sample_session(world).title,
    "training_sessions:index_results": lambda world: blended_samples.sample_session(world).title,
    "training_sessions:add": lambda world: world.commune_a2.name,
    "notification_messages:index": lambda world: notifications_samples.sample_message(world).user.full_name,
    "notification_messages:index_results": lambda world: notifications_samples.sample_message(world).user.full_name,
}


def sample_for(name: str, samples=None):
    samples = SAMPLES if samples is None else samples
    if name in samples:
        return samples[name]
    return samples.get(name.rsplit(":", 1)[0])
