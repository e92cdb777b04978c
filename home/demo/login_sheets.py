"""A printed login sheet in the demo: the province manager's print for one village team.

Rendered for real (WeasyPrint), so /admin/login-sheets/ shows a sheet ready to download. Idempotent:
a sheet still downloadable is kept; once its file has expired, seeding again prints a new one
(which, as any print, replaces the codes of the previous one).
"""

from django.utils import timezone

from accounts.login_sheets import login_sheet_build, login_sheet_request
from accounts.models import LoginSheet, Team, User

DEMO_TEAM_NAME = "Tổ công nghệ số thôn Đông"


def seed_login_sheet(*, manager: User, commune) -> LoginSheet | None:
    team = Team.objects.filter(commune=commune, name=DEMO_TEAM_NAME).first()
    if team is None:
        return None
    kept = LoginSheet.objects.filter(
        team=team, created_by=manager, status=LoginSheet.Status.READY, file_expires_at__gt=timezone.now()
    ).first()
    if kept is not None:
        return kept
    sheet = login_sheet_request(actor=manager, team=team, only_new=False)
    # Built here rather than left to the queue, so the demo has it at once whatever runs Celery;
    # the queued task then finds it claimed and does nothing.
    login_sheet_build(sheet_id=sheet.pk)
    sheet.refresh_from_db()
    return sheet
